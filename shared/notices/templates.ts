/**
 * Every notification the platform sends, as the WeChat subscribe message (订阅消息) it becomes: one
 * table of templates, each with the title to pick from WeChat's public template library and its
 * keys, and one pure function that fills a template from a notice and checks every value against
 * WeChat's rules (`wechat-values.ts`) before anything is sent.
 *
 * The same payload is kept in the `outbox` row written with the change (what the local demo lists)
 * and is what production sends; only the template id (per environment: `HONGLIN_TEMPLATE_<KEY>`) and
 * `miniprogramState` are added at the moment of sending.
 *
 * Setting up an environment: in 微信公众平台 → 订阅消息, add for each row the library template of
 * that title with these keywords in this order. WeChat numbers a template's keys itself; if the one
 * added numbers them differently (`thing2` where the table says `thing1`), change the keys here —
 * the test of this table then checks every payload again.
 */
import { fitCharacterString, fitName, fitPhrase, fitThing, fitTime, typeOfKey, valueProblem, type ValueType } from './wechat-values';

/**
 * What a notice says besides its title and body, for the template's fields. Every fact is optional:
 * a field whose fact is absent falls back (subject → the title; when → the notice's own time).
 */
export interface NoticeFacts {
  /** What it is about: an order's category, a meeting's or a topic's title. */
  subject?: string;
  /** Where, as a place's name (a building, a station, a meeting room): never a household's address. */
  place?: string;
  /** The moment the message names (an offer's deadline, a meeting's start), an ISO instant. */
  when?: string;
  /** A short state in at most five Chinese characters (已上报, 已回派); the template's own when absent. */
  state?: string;
  /** A person's display name (who took an order). */
  who?: string;
}

/** Where a field's value comes from. */
type Source = 'subject' | 'title' | 'body' | 'place' | 'when' | 'sentAt' | 'state' | 'who';

interface FieldSpec {
  key: string;
  /** The keyword's name in the library template (what the message shows beside the value). */
  label: string;
  from: Source;
}

export interface TemplateSpec {
  /** The library template's title to search for in 订阅消息 → 公共模板库. */
  libraryTitle: string;
  fields: readonly FieldSpec[];
  /** The state a `phrase` field says when the notice names none. */
  state?: string;
  /** Said when a `place` or `who` field has no fact. */
  unknown?: string;
}

const f = (key: string, label: string, from: Source): FieldSpec => ({ key, label, from });

/** 事项 / 状态 / 说明 / 时间: the shape most progress messages share. */
const progress = (libraryTitle: string, subjectLabel: string, state: string): TemplateSpec => ({
  libraryTitle,
  state,
  fields: [f('thing1', subjectLabel, 'subject'), f('phrase2', '当前状态', 'state'), f('thing3', '说明', 'body'), f('time4', '更新时间', 'sentAt')],
});

export const SUBSCRIBE_TEMPLATES = {
  // 网上接单、平台派单、党员接单、居民评单
  'order.offered': {
    libraryTitle: '新工单提醒',
    unknown: '见详情',
    fields: [f('thing1', '工单类型', 'subject'), f('thing2', '服务地点', 'place'), f('time3', '确认截止时间', 'when'), f('thing4', '温馨提示', 'body')],
  },
  'order.accepted': {
    libraryTitle: '接单成功通知',
    unknown: '志愿者',
    fields: [f('thing1', '服务事项', 'subject'), f('name2', '接单人', 'who'), f('time3', '接单时间', 'sentAt'), f('thing4', '备注', 'body')],
  },
  'order.resolved': {
    libraryTitle: '服务完成评价提醒',
    state: '已办结',
    fields: [f('thing1', '服务事项', 'subject'), f('phrase2', '办理状态', 'state'), f('time3', '办结时间', 'sentAt'), f('thing4', '温馨提示', 'body')],
  },
  'order.escalated': progress('工单进度通知', '服务事项', '处理中'),
  'order.closed': progress('工单进度通知', '服务事项', '已办结'),
  'order.comment': {
    libraryTitle: '留言提醒',
    fields: [f('thing1', '服务事项', 'subject'), f('thing2', '留言内容', 'body'), f('time3', '留言时间', 'sentAt')],
  },
  // 议事: topics, meetings, decisions
  'topic.supported': progress('议题进度通知', '议题名称', '附议达标'),
  'topic.adopted': progress('议题进度通知', '议题名称', '已采纳'),
  'topic.answered': progress('议题进度通知', '议题名称', '已答复'),
  'topic.decided': progress('议题进度通知', '议题名称', '已决议'),
  'topic.rate': progress('议题进度通知', '议题名称', '请评价'),
  'meeting.invited': {
    libraryTitle: '会议邀请通知',
    unknown: '见详情',
    fields: [f('thing1', '会议名称', 'subject'), f('time2', '会议时间', 'when'), f('thing3', '会议地点', 'place'), f('thing4', '备注', 'body')],
  },
  'meeting.cancelled': {
    libraryTitle: '会议取消通知',
    fields: [f('thing1', '会议名称', 'subject'), f('time2', '原定时间', 'when'), f('thing3', '取消原因', 'body')],
  },
  'meeting.reminder': {
    libraryTitle: '会议开始提醒',
    unknown: '见详情',
    fields: [f('thing1', '会议名称', 'subject'), f('time2', '会议时间', 'when'), f('thing3', '会议地点', 'place')],
  },
  'meeting.minutesDue': {
    libraryTitle: '待办事项提醒',
    fields: [f('thing1', '待办事项', 'title'), f('thing2', '会议名称', 'subject'), f('time3', '提醒时间', 'sentAt')],
  },
  'meeting.minutes': {
    libraryTitle: '会议纪要发布通知',
    state: '已发布',
    fields: [f('thing1', '会议名称', 'subject'), f('phrase2', '纪要状态', 'state'), f('time3', '发布时间', 'sentAt')],
  },
  'council.decision': {
    libraryTitle: '议事结果通知',
    fields: [f('thing1', '议题名称', 'subject'), f('thing2', '议事结果', 'body'), f('time3', '通知时间', 'sentAt')],
  },
  // 六有 checks and their tasks
  'liuyou.submitted': progress('审核进度通知', '自查事项', '待评定'),
  'liuyou.returned': progress('审核进度通知', '自查事项', '已退回'),
  'liuyou.scored': progress('审核进度通知', '自查事项', '已评定'),
  'liuyou.taskOverdue': progress('任务逾期提醒', '整改任务', '已逾期'),
  // accounts
  'invite.redeemed': {
    libraryTitle: '邀请码使用通知',
    state: '已使用',
    fields: [f('thing1', '邀请码', 'subject'), f('phrase2', '使用状态', 'state'), f('time3', '使用时间', 'sentAt')],
  },
  // An account unused for years, before it is anonymised (privacy/retention-jobs.ts): when, and that opening 红邻 keeps it.
  'account.inactive': {
    libraryTitle: '账号注销提醒',
    fields: [f('thing1', '提醒事项', 'subject'), f('time2', '注销时间', 'when'), f('thing3', '温馨提示', 'title')],
  },
} as const satisfies Record<string, TemplateSpec>;

export type TemplateKey = keyof typeof SUBSCRIBE_TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(SUBSCRIBE_TEMPLATES) as TemplateKey[];

/** The message to fill: what a notification carries. */
export interface NoticeText {
  template: TemplateKey;
  title: string;
  body: string;
  page?: string | null;
  facts?: NoticeFacts;
}

/** What `subscribeMessage.send` gets besides `touser`, `templateId` and `miniprogramState`. */
export interface SubscribePayload {
  page?: string;
  data: Record<string, { value: string }>;
}

export type FillResult = { ok: true; payload: SubscribePayload } | { ok: false; problems: { key: string; problem: string }[] };

function fit(type: ValueType, raw: string): string {
  switch (type) {
    case 'thing':
      return fitThing(raw);
    case 'phrase':
      return fitPhrase(raw);
    case 'name':
      return fitName(raw);
    case 'time':
    case 'date':
      return fitTime(raw);
    case 'character_string':
      return fitCharacterString(raw);
    default:
      return raw.trim();
  }
}

/**
 * A template filled from a notice sent at `sentAt`: every value fitted to its key's rule (long
 * Chinese titles cut by characters with an ellipsis, times on the Beijing clock), then checked. A
 * value that still breaks its rule (a fact that is not an instant, a name of symbols only) makes it
 * `ok: false` with each key at fault: such a message is not sent.
 */
export function fillTemplate(n: NoticeText, sentAt: string): FillResult {
  const spec: TemplateSpec | undefined = SUBSCRIBE_TEMPLATES[n.template];
  if (!spec) return { ok: false, problems: [{ key: '', problem: `没有这个订阅消息模板：${String(n.template)}` }] };
  const facts = n.facts ?? {};
  const source: Record<Source, string | undefined> = {
    subject: facts.subject?.trim() || n.title,
    title: n.title,
    body: n.body,
    place: facts.place?.trim() || spec.unknown,
    when: facts.when ?? sentAt,
    sentAt,
    state: facts.state ?? spec.state,
    who: facts.who?.trim() || spec.unknown,
  };
  const data: Record<string, { value: string }> = {};
  const problems: { key: string; problem: string }[] = [];
  for (const field of spec.fields) {
    const type = typeOfKey(field.key);
    const raw = source[field.from];
    let value = '';
    try {
      value = type && raw !== undefined ? fit(type, raw) : '';
    } catch {
      value = '';
    }
    const problem = valueProblem(field.key, value);
    if (problem) problems.push({ key: field.key, problem });
    else data[field.key] = { value };
  }
  if (problems.length > 0) return { ok: false, problems };
  const page = n.page ? n.page.replace(/^\//, '') : undefined;
  return { ok: true, payload: { ...(page ? { page } : {}), data } };
}

/** `invite.redeemed` → `HONGLIN_TEMPLATE_INVITE_REDEEMED`: the environment variable with the template's id. */
export function templateEnvName(template: string): string {
  return `HONGLIN_TEMPLATE_${template.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Where the platform's messages may be opened: WeChat's `miniprogramState`. */
export const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const;
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number];

/** The environment's `HONGLIN_MINIPROGRAM_STATE`, or `formal` (the released version) when absent; an error for anything else. */
export function miniprogramStateOf(value: string | undefined): MiniprogramState {
  if (value === undefined || value === '') return 'formal';
  if ((MINIPROGRAM_STATES as readonly string[]).includes(value)) return value as MiniprogramState;
  throw new Error(`HONGLIN_MINIPROGRAM_STATE must be one of ${MINIPROGRAM_STATES.join(', ')}`);
}
