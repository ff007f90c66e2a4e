/**
 * 三方共治's words and tables without zod: the governance models, the parties and who may stand first
 * in each model. The pages import these (the mini-program's bundles stay free of the schemas);
 * `compounds.schema.ts` re-exports them beside the schemas.
 */

// ---- governance models ------------------------------------------------------------------------

export const GOVERNANCE_MODELS = ['1+3', '1+2', '1+1'] as const;
export type GovernanceModel = (typeof GOVERNANCE_MODELS)[number];

export const MODEL_LABELS: Record<GovernanceModel, string> = {
  '1+3': '1+3 居委会·业委会·物业',
  '1+2': '1+2 居委会·单位后勤',
  '1+1': '1+1 党支部·居民自治',
};

export const MODEL_NOTES: Record<GovernanceModel, string> = {
  '1+3': '在社区党组织领导下，居委会、业委会和物业服务企业三方协同治理小区。',
  '1+2': '有主管单位的老旧小区，由居委会和单位后勤部门共同管理。',
  '1+1': '没有物业的小型老旧小区，由小区党支部或居民自治委员会自我管理。',
};

// ---- who answers first --------------------------------------------------------------------------

/**
 * Who can answer an order first. The owners' committee (业委会) is not among them: its members
 * supervise the property company and rate the work, they do not fix things.
 */
export const PARTIES = ['property', 'unit', 'branch', 'volunteers', 'gridLeader'] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_LABELS: Record<Party, string> = {
  property: '物业服务中心',
  unit: '单位后勤',
  branch: '小区党支部',
  volunteers: '党员志愿者',
  gridLeader: '网格长',
};

/** The owners' committee: it supervises and rates, and is named beside the parties on the 公示 page. */
export const OWNERS_LABEL = '业委会';

/** The parties a model has: its own manager, and everywhere the volunteers and the grid leader. */
export const PARTIES_OF_MODEL: Record<GovernanceModel, readonly Party[]> = {
  '1+3': ['property', 'volunteers', 'gridLeader'],
  '1+2': ['unit', 'volunteers', 'gridLeader'],
  '1+1': ['branch', 'volunteers', 'gridLeader'],
};

export const partyServes = (party: Party, model: GovernanceModel): boolean => PARTIES_OF_MODEL[model].includes(party);

/** The desk (manager) each model has: the property company, the supervising unit's logistics, the party branch. */
export const DESK_OF_MODEL = { '1+3': 'property', '1+2': 'unit', '1+1': 'branch' } as const satisfies Record<GovernanceModel, Party>;

/** The longest first-owner clock: 30 days. */
export const MAX_RULE_HOURS = 720;

/** A line's identity in a list: its category, model and compound (none for the model's line). */
export const ruleKey = (r: { category: string; model: GovernanceModel; compoundId?: string | undefined }): string => `${r.category}|${r.model}|${r.compoundId ?? ''}`;
