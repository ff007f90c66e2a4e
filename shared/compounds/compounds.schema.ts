import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { text } from '../api/fields';
import { CATEGORIES } from '../orders/categories';
import { PlacePath } from '../territory/territory.schema';

/**
 * 三方共治: residential compounds (小区) and who answers first for each kind of problem in each. A
 * compound is governed by one of three models, and the model decides who can stand first in line:
 * the property company, the supervising unit's logistics, or the compound's own party branch.
 */

export {
  GOVERNANCE_MODELS,
  MAX_RULE_HOURS,
  MODEL_LABELS,
  MODEL_NOTES,
  OWNERS_LABEL,
  PARTIES,
  PARTIES_OF_MODEL,
  PARTY_LABELS,
  partyServes,
  type GovernanceModel,
  type Party,
} from './labels';
import { DESK_OF_MODEL, GOVERNANCE_MODELS, MAX_RULE_HOURS, PARTIES, PARTY_LABELS, partyServes, ruleKey, type GovernanceModel } from './labels';

// ---- stored documents ---------------------------------------------------------------------------

/** A desk phone: a landline with its area code and extension, a 400/800 line, or a mobile. */
export const DeskPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/, '服务台电话格式不对，如 0571-88886666 或 13912345678');

export const PropertyDesk = z
  .object({
    company: text(2, 40, '物业公司名称'),
    deskPhone: DeskPhone,
    hours: text(2, 40, '服务时间'),
  })
  .strict();
export const SupervisingUnit = z
  .object({
    name: text(2, 40, '主管单位名称'),
    contact: text(2, 40, '单位后勤联系人'),
  })
  .strict();
export const CompoundBranch = z.object({ name: text(2, 40, '党支部或居民自治委员会名称') }).strict();

const MANAGER_REQUIRED: Record<GovernanceModel, string> = {
  '1+3': '1+3 小区请填写物业服务中心（公司、服务台电话、服务时间）',
  '1+2': '1+2 小区请填写主管单位和后勤联系人',
  '1+1': '1+1 小区请填写党支部或居民自治委员会名称',
};
const MANAGER_FORBIDDEN: Record<'property' | 'unit' | 'branch', string> = {
  property: '只有 1+3 小区登记物业服务中心，请改选治理模式或去掉物业信息',
  unit: '只有 1+2 小区登记主管单位，请改选治理模式或去掉单位信息',
  branch: '只有 1+1 小区登记自治党支部，请改选治理模式或去掉党支部信息',
};

/** A residential compound (小区): its buildings, its governance model and the manager that model has. */
export const Compound = z
  .object({
    _id: Id,
    /** A compound is a node of the territory beside the tree (like a station): kind, its grid as parent, a place in lists. */
    kind: z.literal('compound'),
    parentId: Id,
    order: z.number().int(),
    name: text(2, 30, '小区名称'),
    path: PlacePath,
    model: z.enum(GOVERNANCE_MODELS),
    buildingIds: z.array(Id).min(1, '至少选一栋楼').max(200, '一个小区最多 200 栋楼'),
    property: PropertyDesk.nullable(),
    unit: SupervisingUnit.nullable(),
    branch: CompoundBranch.nullable(),
    version: z.number().int().min(0),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((c, ctx) => {
    // A model fills the manager field of its desk; the other two stay null.
    const manager = DESK_OF_MODEL[c.model];
    for (const field of ['property', 'unit', 'branch'] as const) {
      if (field === manager && c[field] === null) ctx.addIssue({ code: 'custom', message: MANAGER_REQUIRED[c.model], path: [field] });
      if (field !== manager && c[field] !== null) ctx.addIssue({ code: 'custom', message: MANAGER_FORBIDDEN[field], path: [field] });
    }
    // The path is what "at this node and below" queries read: it names the community, the grid (the
    // compound's parent) and the compound itself.
    if (!c.path.communityId) ctx.addIssue({ code: 'custom', message: '小区须属于一个社区', path: ['path', 'communityId'] });
    if (c.path.gridId !== c.parentId) ctx.addIssue({ code: 'custom', message: '小区所在网格与位置不一致', path: ['path', 'gridId'] });
    if (c.path.compoundId !== c._id) ctx.addIssue({ code: 'custom', message: '小区位置指向了另一个小区', path: ['path', 'compoundId'] });
    const seen = new Set<string>();
    c.buildingIds.forEach((b, i) => {
      if (seen.has(b)) ctx.addIssue({ code: 'custom', message: '同一栋楼选了两次', path: ['buildingIds', i] });
      seen.add(b);
    });
  });
export type Compound = z.infer<typeof Compound>;

// ---- the responsibility list (责任清单) -----------------------------------------------------------

/**
 * One line of a community's responsibility list: for a category in a kind of compound (or in one
 * compound, with `compoundId`), who answers first and within how many hours. The owner must be one
 * of the model's parties: a 1+1 compound has no property company to send a leak to.
 */
export const ResponsibilityRule = z
  .object({
    category: z.enum(CATEGORIES),
    model: z.enum(GOVERNANCE_MODELS),
    compoundId: Id.optional(),
    owner: z.enum(PARTIES),
    hours: z.number().int('时限请填整数（小时）').min(1, '时限至少 1 小时').max(MAX_RULE_HOURS, `时限最长 ${MAX_RULE_HOURS} 小时`),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!partyServes(r.owner, r.model)) {
      ctx.addIssue({ code: 'custom', message: `${r.model} 小区没有${PARTY_LABELS[r.owner]}，请改选先处理的一方`, path: ['owner'] });
    }
  });
export type ResponsibilityRule = z.infer<typeof ResponsibilityRule>;

export const MAX_RULES = 300;

/** A whole list saved at once, against the version it was read at. */
export const SaveResponsibilitiesInput = z
  .object({
    communityId: Id,
    baseVersion: z.number().int().min(0),
    rules: z.array(ResponsibilityRule).max(MAX_RULES, `责任清单最多 ${MAX_RULES} 条`),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.rules.forEach((r, i) => {
      const key = ruleKey(r);
      if (seen.has(key)) {
        const where = r.compoundId ? '该小区' : `${r.model} 小区`;
        ctx.addIssue({ code: 'custom', message: `${where}的${r.category}已经有一条责任规则，请合并为一条`, path: ['rules', i] });
      }
      seen.add(key);
    });
  });
export type SaveResponsibilitiesInput = z.infer<typeof SaveResponsibilitiesInput>;
