/**
 * The 六有 template: six mechanisms (有人管事, 有人做事, 有地方议事, 有机制理事, 有钱办事, 有网格管理),
 * each with items of three kinds, weights, evidence rules, and the thresholds that colour a score.
 * A street publishes versions; a version never changes once published, and a check copies the items
 * of the version it starts with, so a new version never changes a running check.
 */

export const MECHANISMS = ['manage', 'people', 'place', 'rules', 'funds', 'grid'] as const;
export type MechanismKey = (typeof MECHANISMS)[number];

export const MECHANISM_LABELS: Record<MechanismKey, string> = {
  manage: '有人管事',
  people: '有人做事',
  place: '有地方议事',
  rules: '有机制理事',
  funds: '有钱办事',
  grid: '有网格管理',
};

/** yes/no (有/无), a count against a target, or evidence only (photos, documents, a note). */
export const ITEM_KINDS = ['yesno', 'count', 'evidence'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = { yesno: '是否具备', count: '数量达标', evidence: '佐证材料' };

/**
 * Figures the system already knows, filled from the records of the check's community and period
 * (`cloudfunctions/liuyou/autofill.ts`). A person adds evidence beside them but cannot overwrite them.
 */
export const AUTO_SOURCES = [
  'activeVolunteers', // volunteers who resolved an order or had service hours approved in the period
  'volunteerTeams', // work units (双报到) whose members served in the community in the period
  'meetingsOnTime', // council meetings held whose minutes were written within 48 h
  'gridLeaderShare', // % of the community's grids with a grid leader in place
  'dutyHours', // hours on duty at the community's stations (党群服务站)
  'insideGridShare', // % of closed orders resolved inside the grid (出格率's complement)
  'decisionsDone', // council topics whose decisions were carried out (办结) in the period
  'jointMeetings', // 三方联席会 held (closed) in the period
  'propertySatisfaction', // % of residents' quarterly answers about their compound's desk rating it 4–5
] as const;
export type AutoSource = (typeof AUTO_SOURCES)[number];

export const AUTO_SOURCE_LABELS: Record<AutoSource, { label: string; unit: string }> = {
  activeVolunteers: { label: '活跃党员志愿者', unit: '人' },
  volunteerTeams: { label: '参与服务的双报到单位', unit: '个' },
  meetingsOnTime: { label: '按时形成纪要的议事会', unit: '次' },
  gridLeaderShare: { label: '配齐网格长的网格占比', unit: '%' },
  dutyHours: { label: '党群服务站值班时长', unit: '小时' },
  insideGridShare: { label: '网格内办结占比（小事不出格）', unit: '%' },
  decisionsDone: { label: '议事决议落实办结', unit: '项' },
  jointMeetings: { label: '召开的三方联席会', unit: '次' },
  propertySatisfaction: { label: '居民对小区服务的满意率（季度问卷）', unit: '%' },
};

export interface ItemDef {
  /** Stable within a template and across its versions when the item is the same (`manage.propertyParty`). */
  id: string;
  mechanism: MechanismKey;
  title: string;
  /** What counts, in the street's words (shown under the title). */
  hint: string;
  kind: ItemKind;
  /** A positive whole number; a mechanism's score weighs its items by it. */
  weight: number;
  /** Without at least one photo, document or note the item scores nothing. */
  evidenceRequired: boolean;
  /** Count items: the number that earns the full score; null: any number above zero does. */
  target: number | null;
  /** Count items: the unit shown beside the number (人, 个, 次, %, 小时). */
  unit: string;
  /** Count items filled from the records; null for items a person fills. */
  auto: AutoSource | null;
}

/** Scores at or above `green` are 绿, at or above `amber` 黄, below 红. */
export interface Thresholds {
  green: number;
  amber: number;
}

export const PERIOD_KINDS = ['quarter', 'half'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { quarter: '每季度', half: '每半年' };

/** A template version as stored (`liuyou_templates`). Never updated once inserted. */
export interface Template {
  /** `lyt_<streetId>_v<version>`; the built-in default is `lyt_default_v1`. */
  _id: string;
  streetId: string | null;
  version: number;
  name: string;
  periodKind: PeriodKind;
  thresholds: Thresholds;
  items: ItemDef[];
  note: string;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string;
}

export const templateIdOf = (streetId: string | null, version: number) => `lyt_${streetId ?? 'default'}_v${version}`;

export const DEFAULT_THRESHOLDS: Thresholds = { green: 85, amber: 60 };

type Def = Omit<ItemDef, 'mechanism' | 'unit' | 'auto' | 'target' | 'evidenceRequired'> & Partial<Pick<ItemDef, 'unit' | 'auto' | 'target' | 'evidenceRequired'>>;

const items = (mechanism: MechanismKey, defs: readonly Def[]): ItemDef[] =>
  defs.map((d) => ({
    mechanism,
    unit: d.auto ? AUTO_SOURCE_LABELS[d.auto].unit : '',
    auto: null,
    target: null,
    evidenceRequired: false,
    ...d,
  }));

/**
 * The default template, written from the district's own description of the mechanism (seed 004):
 * who leads, who works, where people meet, which rules run, where the money comes from and goes,
 * and how the grids are run. A street starts from it and publishes its own versions.
 */
export const DEFAULT_ITEMS: readonly ItemDef[] = [
  ...items('manage', [
    {
      id: 'manage.partyOrg',
      title: '居民区（集中居住区）党支部已成立',
      hint: '在城市居民区、农村集中居住区设立党支部，上传成立批复或支部名单',
      kind: 'yesno',
      weight: 3,
      evidenceRequired: true,
    },
    {
      id: 'manage.propertyParty',
      title: '物业服务企业党组织已覆盖',
      hint: '物业行业党委指导下，物业企业建立党组织或派驻党建指导员',
      kind: 'yesno',
      weight: 2,
      evidenceRequired: true,
    },
    { id: 'manage.plan', title: '年度共建工作计划', hint: '社区党组织牵头制定“四美社区·共同缔造”年度计划，上传计划文本', kind: 'evidence', weight: 2, evidenceRequired: true },
    { id: 'manage.gridLeaders', title: '每个网格都有网格长', hint: '系统按在岗网格长自动统计，目标 100%', kind: 'count', weight: 2, target: 100, auto: 'gridLeaderShare' },
  ]),
  ...items('people', [
    { id: 'people.workers', title: '社区工作者在岗人数', hint: '填写在岗社区工作者人数', kind: 'count', weight: 1, target: 8, unit: '人' },
    {
      id: 'people.propertyTeam',
      title: '物业服务团队',
      hint: '有物业服务团队（农村集中居住区实行城市物业管理），上传服务合同或团队名单',
      kind: 'yesno',
      weight: 2,
      evidenceRequired: true,
    },
    {
      id: 'people.volunteers',
      title: '活跃党员志愿者',
      hint: '本周期内接单办结或服务时长获批的志愿者，系统自动统计',
      kind: 'count',
      weight: 2,
      target: 20,
      auto: 'activeVolunteers',
    },
    { id: 'people.teams', title: '双报到单位参与服务', hint: '本周期内有成员在本社区服务的报到单位数，系统自动统计', kind: 'count', weight: 1, target: 3, auto: 'volunteerTeams' },
    {
      id: 'people.elderTeams',
      title: '老党员、村民、老教师志愿服务队',
      hint: '已组建的志愿服务队数量，上传队伍名单或活动照片',
      kind: 'count',
      weight: 1,
      target: 2,
      unit: '支',
      evidenceRequired: true,
    },
  ]),
  ...items('place', [
    { id: 'place.station', title: '党群服务站（服务点）正常运行', hint: '站点挂牌、开放时间公示，上传站点照片', kind: 'yesno', weight: 3, evidenceRequired: true },
    { id: 'place.dutyHours', title: '服务站值班时长', hint: '本周期党群服务站签到值班的总时长，系统自动统计', kind: 'count', weight: 2, target: 120, auto: 'dutyHours' },
    { id: 'place.office', title: '共建办公室', hint: '在党建阵地内设有共建办公室，上传照片', kind: 'yesno', weight: 1, evidenceRequired: true },
    { id: 'place.multiUse', title: '一室多用、集中服务', hint: '说明活动室如何一室多用，附活动照片', kind: 'evidence', weight: 1, evidenceRequired: true },
  ]),
  ...items('rules', [
    { id: 'rules.fiveCo', title: '共谋、共建、共管、共评、共享制度', hint: '上传“五共”工作制度或议事规则', kind: 'evidence', weight: 2, evidenceRequired: true },
    { id: 'rules.covenant', title: '居民公约', hint: '居民公约已制定并公示，上传公约文本或公示照片', kind: 'yesno', weight: 2, evidenceRequired: true },
    {
      id: 'rules.meetings',
      title: '议事会按时形成纪要',
      hint: '本周期召开并在 48 小时内形成纪要的微网格议事会，系统自动统计',
      kind: 'count',
      weight: 2,
      target: 3,
      auto: 'meetingsOnTime',
    },
    { id: 'rules.decisions', title: '议事决议落实办结', hint: '本周期落实办结的议事决议，系统自动统计', kind: 'count', weight: 1, target: 2, auto: 'decisionsDone' },
    {
      id: 'rules.jointMeetings',
      title: '三方联席会（居委会、业委会、物业）',
      hint: '本周期召开的三方联席会，物业和业委会的服务承诺记为待办事项，系统自动统计',
      kind: 'count',
      weight: 1,
      target: 1,
      auto: 'jointMeetings',
    },
    {
      id: 'rules.propertyReview',
      title: '居民评议小区物业服务',
      hint: '本周期居民季度问卷中对小区服务满意（4–5 分）的占比，系统自动统计；没有答卷时为 0',
      kind: 'count',
      weight: 1,
      target: 80,
      auto: 'propertySatisfaction',
    },
  ]),
  ...items('funds', [
    { id: 'funds.budget', title: '财政投入为主', hint: '本年度财政投入的共建资金已到位，上传拨付文件', kind: 'yesno', weight: 2, evidenceRequired: true },
    { id: 'funds.partyFees', title: '党费补充', hint: '党费或为民服务专项经费用于社区项目', kind: 'yesno', weight: 1 },
    { id: 'funds.social', title: '社会支持、社区自筹', hint: '社会捐助、共建单位支持或社区自筹资金', kind: 'yesno', weight: 1 },
    { id: 'funds.propertyFees', title: '物业费统筹使用', hint: '物业费资金纳入统筹、用途公开', kind: 'yesno', weight: 1 },
    { id: 'funds.ledger', title: '资金使用台账公开', hint: '上传收支台账或公示照片，让群众知道钱从哪里来、用到哪里去', kind: 'evidence', weight: 2, evidenceRequired: true },
  ]),
  ...items('grid', [
    { id: 'grid.drawn', title: '网格科学划分', hint: '网格划分图或网格清单', kind: 'yesno', weight: 2, evidenceRequired: true },
    { id: 'grid.partyLed', title: '网格团队接受党组织领导', hint: '网格员、微网格联络人名单及党组织领导关系', kind: 'yesno', weight: 2 },
    { id: 'grid.inspections', title: '定期网格巡查', hint: '本周期网格巡查次数，上传巡查记录', kind: 'count', weight: 1, target: 12, unit: '次', evidenceRequired: true },
    { id: 'grid.insideGrid', title: '小事不出格', hint: '本周期办结工单中在网格内办结的占比，系统自动统计', kind: 'count', weight: 2, target: 80, auto: 'insideGridShare' },
  ]),
];

export const DEFAULT_TEMPLATE: Template = {
  _id: templateIdOf(null, 1),
  streetId: null,
  version: 1,
  name: '“六有”机制建设清单',
  periodKind: 'quarter',
  thresholds: DEFAULT_THRESHOLDS,
  items: [...DEFAULT_ITEMS],
  note: '依据“四美社区·共同缔造”六有机制编制',
  publishedAt: '2026-01-01T00:00:00.000Z',
  publishedBy: null,
  publishedByName: '系统默认',
};

/** What is wrong with a template a street wants to publish, each with the field at fault; empty when nothing. */
export function templateProblems(t: Pick<Template, 'items' | 'thresholds'>): { code: string; field: string }[] {
  const out: { code: string; field: string }[] = [];
  const { green, amber } = t.thresholds;
  if (!(amber > 0 && green > amber && green <= 100)) out.push({ code: 'LIUYOU.THRESHOLDS', field: 'payload.thresholds' });
  const ids = new Set<string>();
  t.items.forEach((item, i) => {
    const at = `payload.items.${i}`;
    if (ids.has(item.id)) out.push({ code: 'LIUYOU.ITEM_DUPLICATE', field: `${at}.id` });
    ids.add(item.id);
    if (item.kind !== 'count' && (item.target !== null || item.auto !== null)) out.push({ code: 'LIUYOU.ITEM_SHAPE', field: `${at}.kind` });
    if (item.auto !== null && item.evidenceRequired) out.push({ code: 'LIUYOU.ITEM_SHAPE', field: `${at}.evidenceRequired` });
  });
  for (const m of MECHANISMS) if (!t.items.some((i) => i.mechanism === m)) out.push({ code: 'LIUYOU.MECHANISM_EMPTY', field: 'payload.items' });
  return out;
}
