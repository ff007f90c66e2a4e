import * as z from 'zod';
import type { ErrorCode } from '../errors';
import * as A from '../accounts/accounts.schema';
import * as O from '../orders/orders.schema';
import * as H from '../orders/home.schema';
import * as S from '../stations/stations.schema';
import * as V from '../service/service.schema';
import { councilsApi } from '../councils/councils.contract';
import { spec, type ActionSpec } from './spec';

/**
 * The API contract: every cloud function, its actions, their input and output schemas and the
 * errors each may answer with besides the common ones. The handlers, the mini-program's typed
 * services and docs/api.md are all derived from this one object.
 */
export type { ActionSpec };

/** Errors any action can answer with. */
export const COMMON_ERRORS: readonly ErrorCode[] = ['COMMON.INVALID_INPUT', 'COMMON.UNKNOWN_ACTION', 'COMMON.UNAUTHENTICATED', 'COMMON.RATE_LIMITED'];

export const TickInput = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();
export const TickOutput = z.object({ at: z.string(), jobs: z.record(z.string(), z.number().int()) });

export const api = {
  accounts: {
    me: spec({
      summary: '我的资料：第一次调用时登记为居民',
      kind: 'read',
      input: A.MeInput,
      output: A.MeOutput,
      errors: [],
    }),
    updateProfile: spec({
      summary: '修改资料：姓名、手机号（需同意）、住址（楼栋+门牌，网格由楼栋得出）、长辈版',
      kind: 'write',
      input: A.UpdateProfileInput,
      output: A.UpdateProfileOutput,
      errors: ['ACCOUNT.PHONE_CONSENT_REQUIRED', 'ACCOUNT.BUILDING_NOT_FOUND', 'COMMON.CONFLICT'],
    }),
    createInvite: spec({
      summary: '上一级管理员生成一次性、会过期的角色邀请码',
      kind: 'write',
      input: A.CreateInviteInput,
      output: A.CreateInviteOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'ACCOUNT.ROLE_NOT_GRANTABLE', 'ACCOUNT.ROLE_NODE_MISMATCH', 'COMMON.FORBIDDEN'],
    }),
    redeemInvite: spec({
      summary: '兑换邀请码，获得角色',
      kind: 'write',
      input: A.RedeemInviteInput,
      output: A.RedeemInviteOutput,
      errors: ['INVITE.NOT_FOUND', 'INVITE.ALREADY_REDEEMED', 'INVITE.EXPIRED', 'INVITE.REVOKED', 'ACCOUNT.ROLE_ALREADY_HELD', 'COMMON.CONFLICT'],
    }),
    listMembers: spec({
      summary: '管理员查看本辖区的成员（角色或住户），手机号打码',
      kind: 'read',
      input: A.ListMembersInput,
      output: A.ListMembersOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    revealContact: spec({
      summary: '本辖区管理员查看某人完整手机号（留痕）',
      kind: 'read',
      input: A.RevealContactInput,
      output: A.RevealContactOutput,
      errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    tree: spec({
      summary: '辖区树：街道、社区、网格、微网格、楼栋、党群服务站',
      kind: 'read',
      input: A.TreeInput,
      output: A.TreeOutput,
      errors: [],
    }),
    inbox: spec({
      summary: '消息：派单、接单、办结请评价、差评复核、上报等通知，最新在前',
      kind: 'read',
      input: A.InboxInput,
      output: A.InboxOutput,
      errors: [],
    }),
    personas: spec({
      summary: '本地演示：可切换的身份列表',
      kind: 'read',
      input: A.PersonasInput,
      output: A.PersonasOutput,
      errors: ['COMMON.LOCAL_ONLY'],
      localOnly: true,
    }),
  },
  orders: {
    post: spec({
      summary: '网上接单：居民发布难事（网格由住址得出）；网格长可为居民代办；同一提交编号只生成一件',
      kind: 'write',
      input: O.PostOrderInput,
      output: O.OrderOutput,
      errors: ['ORDER.NO_HOME', 'ACCOUNT.BUILDING_NOT_FOUND', 'COMMON.CONTENT_UNSAFE', 'ORDER.NOT_A_RESIDENT_OF_PLACE', 'COMMON.FORBIDDEN'],
    }),
    proxyFor: spec({
      summary: '代办对象：网格长为居民代办前，看这位居民的姓名、打码手机号和登记住址（仅本辖区负责人）',
      kind: 'read',
      input: O.ProxyForInput,
      output: O.ProxyForOutput,
      errors: ['COMMON.NOT_FOUND', 'ORDER.NOT_A_RESIDENT_OF_PLACE'],
    }),
    uploadPhoto: spec({
      summary: '上传一张照片，得到图片编号（发布和办结时使用）',
      kind: 'write',
      input: O.UploadPhotoInput,
      output: O.UploadPhotoOutput,
      errors: ['ORDER.PHOTO_TOO_LARGE'],
    }),
    get: spec({
      summary: '一件事的详情与进展时间线；电话和门牌只对发起人、接单人和本辖区负责人完整显示（留痕）',
      kind: 'read',
      input: O.OrderRef,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND'],
    }),
    list: spec({
      summary: '列表：我发起的、派给我的、我在办的、抢单池、负责人的待办队列',
      kind: 'read',
      input: O.ListOrdersInput,
      output: O.ListOrdersOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    accept: spec({
      summary: '党员接单：接受派单或从抢单池接单；并发时只有一人成功',
      kind: 'write',
      input: O.OrderRef,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.ALREADY_TAKEN', 'ORDER.NOT_ALLOWED_NOW'],
    }),
    decline: spec({
      summary: '婉拒派单（说明原因），平台改派下一位',
      kind: 'write',
      input: O.WithReason,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    handBack: spec({
      summary: '退单（说明原因），平台重新派单',
      kind: 'write',
      input: O.WithReason,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    resolve: spec({
      summary: '办结：填写办理情况，需要时附现场照片',
      kind: 'write',
      input: O.ResolveInput,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'ORDER.PHOTO_REQUIRED', 'COMMON.CONFLICT'],
    }),
    rate: spec({
      summary: '居民评单：1–5 星；1–2 星退回网格长复核，第二次差评上报',
      kind: 'write',
      input: O.RateInput,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONTENT_UNSAFE', 'COMMON.CONFLICT'],
    }),
    comment: spec({
      summary: '留言：居民的留言会通知接单人',
      kind: 'write',
      input: O.CommentInput,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONTENT_UNSAFE'],
    }),
    cancel: spec({
      summary: '居民在有人接单前撤回',
      kind: 'write',
      input: O.WithReason,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    candidates: spec({
      summary: '负责人查看可派的志愿者及理由（人工派单用）',
      kind: 'read',
      input: O.OrderRef,
      output: O.CandidatesOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW'],
    }),
    dispatchByHand: spec({
      summary: '负责人人工派单给一位志愿者',
      kind: 'write',
      input: O.DispatchByHandInput,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'ORDER.VOLUNTEER_NOT_ELIGIBLE', 'COMMON.CONFLICT'],
    }),
    openPool: spec({
      summary: '负责人把事项放进本网格抢单池',
      kind: 'write',
      input: O.OrderRef,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    escalate: spec({
      summary: '上报：网格 → 社区 → 街道（说明原因）',
      kind: 'write',
      input: O.WithReason,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    sendBack: spec({
      summary: '回派：上级退回下一级处理（说明原因）',
      kind: 'write',
      input: O.WithReason,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    closeAfterReview: spec({
      summary: '网格长复核差评后办结（说明处理情况）',
      kind: 'write',
      input: O.WithReason,
      output: O.OrderOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    toCouncil: spec({
      summary: '把邻里纠纷转为民事协调会议题',
      kind: 'write',
      input: O.ToCouncilInput,
      output: O.ToCouncilOutput,
      errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'],
    }),
    stats: spec({
      summary: '出格率、出社区率、办结率、满意度、接单与办结用时中位数、超时次数：按网格/社区/街道与月份',
      kind: 'read',
      input: O.StatsInput,
      output: O.StatsOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    home: spec({
      summary: '首页：派给我的事（含确认期限）、我负责的地方今天要办的数（待处理、超时、差评复核、已上报）、我在办的事；由服务器决定显示哪几块',
      kind: 'read',
      input: H.HomeInput,
      output: H.HomeOutput,
      errors: [],
    }),
    queueCounts: spec({
      summary: '待办队列每个筛选的件数（与首页同一算法）',
      kind: 'read',
      input: H.QueueCountsInput,
      output: H.QueueCountsOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
  },
  stations: {
    list: spec({ summary: '党群服务站列表：开放时间、是否在开、离我多远（按距离排序）', kind: 'read', input: S.ListStationsInput, output: S.ListStationsOutput, errors: [] }),
    get: spec({ summary: '服务站详情：地址、开放时间、服务的网格、值班表、此刻在岗', kind: 'read', input: S.StationRef, output: S.StationOutput, errors: ['CODE.NOT_FOUND'] }),
    save: spec({
      summary: '社区或街道管理员新建、修改服务站与值班表',
      kind: 'write',
      input: S.SaveStationInput,
      output: S.StationOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.CONFLICT'],
    }),
    screenCode: spec({
      summary: '服务站大屏的签到码（每分钟更换，签名防伪）',
      kind: 'read',
      input: S.StationRef,
      output: S.CodeOutput,
      errors: ['CODE.NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    permanentCode: spec({ summary: '服务站的固定码（居民扫码报事，网格自动带出）', kind: 'read', input: S.StationRef, output: S.CodeOutput, errors: ['CODE.NOT_FOUND'] }),
    myCode: spec({ summary: '我的个人码（网格长扫码为我代办）', kind: 'read', input: S.EmptyInput, output: S.CodeOutput, errors: [] }),
    scan: spec({
      summary: '扫一扫：识别任何红邻二维码，给出本人角色可做的事',
      kind: 'read',
      input: S.ScanInput,
      output: S.ScanOutput,
      errors: ['CODE.INVALID', 'CODE.EXPIRED', 'CODE.NOT_FOUND'],
    }),
    checkIn: spec({
      summary: '扫站点签到码上岗（同一班次重复扫码只算一次）',
      kind: 'write',
      input: S.ScanInput,
      output: S.DutyOutput,
      errors: ['CODE.INVALID', 'CODE.EXPIRED', 'CODE.WRONG_KIND', 'DUTY.NOT_STAFF', 'DUTY.ON_DUTY_ELSEWHERE'],
    }),
    checkOut: spec({
      summary: '扫站点签到码下岗，值班时长计入服务记录',
      kind: 'write',
      input: S.ScanInput,
      output: S.DutyOutput,
      errors: ['CODE.INVALID', 'CODE.EXPIRED', 'CODE.WRONG_KIND', 'DUTY.NOT_ON_DUTY', 'COMMON.CONFLICT'],
    }),
    myDuty: spec({ summary: '我的值班：当前在岗与最近记录', kind: 'read', input: S.EmptyInput, output: S.MyDutyOutput, errors: [] }),
    dutyOverview: spec({
      summary: '社区值班总览：按值班表对照准时、迟到、缺岗、计划外、自动签退',
      kind: 'read',
      input: S.DutyOverviewInput,
      output: S.DutyOverviewOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    confirmDuty: spec({
      summary: '负责人确认计划外值班（系统自动签退的）的时长：可少于记录的时长，只确认一次，不能确认自己的，留痕',
      kind: 'write',
      input: S.ConfirmDutyInput,
      output: S.ConfirmDutyOutput,
      errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN', 'DUTY.OWN_DUTY', 'DUTY.NOTHING_TO_CONFIRM'],
    }),
  },
  service: {
    myRecord: spec({ summary: '我的双报到服务记录：按来源分开的时长、积分、星级', kind: 'read', input: V.EmptyServiceInput, output: V.MyRecordOutput, errors: [] }),
    updateVolunteerProfile: spec({
      summary: '志愿者资料：是否党员、在职单位与党支部、擅长、服务时段',
      kind: 'write',
      input: V.UpdateVolunteerProfileInput,
      output: V.MyRecordOutput,
      errors: ['SERVICE.NOT_VOLUNTEER', 'COMMON.CONFLICT'],
    }),
    submitHours: spec({
      summary: '自行填报服务时长（待社区审核，每月有上限）',
      kind: 'write',
      input: V.SubmitHoursInput,
      output: V.SubmitHoursOutput,
      errors: ['SERVICE.NOT_VOLUNTEER', 'SERVICE.FUTURE_DATE'],
    }),
    pendingHours: spec({
      summary: '社区管理员查看待审核的填报',
      kind: 'read',
      input: V.PendingHoursInput,
      output: V.PendingHoursOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
    reviewHours: spec({
      summary: '社区管理员通过（可只通过一部分时长，须写明原因）或退回填报（只算一次，受每月上限约束）',
      kind: 'write',
      input: V.ReviewHoursInput,
      output: V.ReviewHoursOutput,
      errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN', 'SERVICE.ALREADY_REVIEWED', 'SERVICE.MANUAL_CAP', 'SERVICE.HOURS_OVER_ENTRY', 'SERVICE.REASON_REQUIRED'],
    }),
    workUnitReport: spec({
      summary: '在职党员所在单位的月度服务报告（页面与 CSV），供单位党支部使用',
      kind: 'read',
      input: V.WorkUnitReportInput,
      output: V.WorkUnitReportOutput,
      errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
    }),
  },
  councils: councilsApi,
  scheduler: {
    tick: spec({
      summary: '定时任务：派单过期改派、超时上报、7 天未评价自动办结、邀请码过期；本地可指定时刻',
      kind: 'write',
      input: TickInput,
      output: TickOutput,
      errors: ['COMMON.FORBIDDEN'],
    }),
  },
} as const;

export type Api = typeof api;

/** Every `function.action` that may change stored data: each replays a repeated requestId. */
export function writeActions(): { fn: FunctionName; action: string }[] {
  return (Object.entries(api) as [FunctionName, Record<string, ActionSpec>][]).flatMap(([fn, actions]) =>
    Object.entries(actions)
      .filter(([, s]) => s.kind === 'write')
      .map(([action]) => ({ fn, action })),
  );
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type SpecOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec<infer I, infer O> ? { input: I; output: O } : never;
/** What a client sends: the schema's input side (defaults may be left out). */
export type ApiInput<F extends FunctionName, A extends ActionName<F>> = z.input<SpecOf<F, A>['input']>;
export type ApiOutput<F extends FunctionName, A extends ActionName<F>> = z.output<SpecOf<F, A>['output']>;
