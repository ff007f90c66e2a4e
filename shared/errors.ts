/**
 * Every error the system can answer with, in one place.
 * Codes are stable and namespaced; messages are what a resident reads (Chinese);
 * the HTTP status is what the local gateway answers with. No personal data ever goes in here.
 */
export const ERRORS = {
  'COMMON.INVALID_INPUT': { status: 400, message: '填写的内容有误，请检查后再试' },
  'COMMON.BODY_TOO_LARGE': { status: 413, message: '提交的内容太大了' },
  'COMMON.UNKNOWN_FUNCTION': { status: 404, message: '没有这个服务' },
  'COMMON.UNKNOWN_ACTION': { status: 400, message: '没有这个操作' },
  'COMMON.UNAUTHENTICATED': { status: 401, message: '请先登录微信后再试' },
  'COMMON.FORBIDDEN': { status: 403, message: '您没有权限做这件事' },
  'COMMON.NOT_FOUND': { status: 404, message: '没有找到相关内容' },
  'COMMON.CONFLICT': { status: 409, message: '内容刚被别人改过，请刷新后再试' },
  'COMMON.IN_PROGRESS': { status: 409, message: '上一次提交还在处理中，请稍后刷新查看' },
  'COMMON.RATE_LIMITED': { status: 429, message: '操作太频繁了，请稍等片刻' },
  'COMMON.LOCAL_ONLY': { status: 403, message: '此功能只在本地演示环境可用' },
  'COMMON.INTERNAL': { status: 500, message: '系统开小差了，请稍后再试' },
  'COMMON.CONTENT_UNSAFE': { status: 400, message: '内容含有不适宜的信息，请修改后再提交' },
  'ACCOUNT.NOT_REGISTERED': { status: 404, message: '还没有您的账户信息' },
  'ACCOUNT.PHONE_CONSENT_REQUIRED': { status: 400, message: '填写手机号需要您同意用于联系办事' },
  'ACCOUNT.BUILDING_NOT_FOUND': { status: 400, message: '没有找到这个楼栋' },
  'ACCOUNT.ROLE_NOT_GRANTABLE': { status: 403, message: '您不能授予这个角色' },
  'ACCOUNT.ROLE_NODE_MISMATCH': { status: 400, message: '这个角色不能设在这一级' },
  'ACCOUNT.ROLE_ALREADY_HELD': { status: 409, message: '您已经拥有这个角色' },
  'INVITE.NOT_FOUND': { status: 404, message: '邀请码不存在，请核对后再试' },
  'INVITE.ALREADY_REDEEMED': { status: 409, message: '邀请码已被使用' },
  'INVITE.EXPIRED': { status: 409, message: '邀请码已过期，请联系发放人重新生成' },
  'INVITE.REVOKED': { status: 409, message: '邀请码已作废' },
  'TERRITORY.NODE_NOT_FOUND': { status: 404, message: '没有找到这个网格或社区' },
  'ORDER.NOT_FOUND': { status: 404, message: '没有找到这件事，可能已被撤回' },
  'ORDER.ALREADY_TAKEN': { status: 409, message: '手慢了，这件事已经有人接了' },
  'ORDER.NOT_ALLOWED_NOW': { status: 409, message: '这件事现在不能这样处理，请刷新看看最新进展' },
  'ORDER.NO_HOME': { status: 400, message: '请先在“我的”里填写住址，或选择问题所在的楼栋' },
  'ORDER.PHOTO_REQUIRED': { status: 400, message: '这类事项办结时需要上传一张现场照片' },
  'ORDER.VOLUNTEER_NOT_ELIGIBLE': { status: 409, message: '这位志愿者现在不能接这件事' },
  'ORDER.NOT_A_RESIDENT_OF_PLACE': { status: 403, message: '只能为本网格的居民代办' },
  'ORDER.PHOTO_TOO_LARGE': { status: 413, message: '照片太大了，请换一张或压缩后再传' },
  'CODE.INVALID': { status: 400, message: '这不是红邻的二维码，或二维码已损坏' },
  'CODE.EXPIRED': { status: 409, message: '二维码已过期，请扫描屏幕上最新的二维码' },
  'CODE.WRONG_KIND': { status: 400, message: '这个二维码不能用来做这件事' },
  'CODE.NOT_FOUND': { status: 404, message: '二维码对应的站点或人员已不存在' },
  'DUTY.NOT_ON_DUTY': { status: 409, message: '您还没有签到，不能签退' },
  'DUTY.ON_DUTY_ELSEWHERE': { status: 409, message: '您正在另一个服务站值班，请先在那里签退' },
  'DUTY.NOT_STAFF': { status: 403, message: '只有本站服务网格的网格长和志愿者可以签到' },
  'DUTY.OWN_DUTY': { status: 403, message: '不能确认自己的值班时长' },
  'DUTY.NOTHING_TO_CONFIRM': { status: 409, message: '这次值班不需要确认时长，或已经有人确认过了' },
  'SERVICE.NOT_VOLUNTEER': { status: 403, message: '成为党员志愿者后才能记录服务时长' },
  'SERVICE.MANUAL_CAP': { status: 409, message: '本月自行填报的时长已达上限' },
  'SERVICE.ALREADY_REVIEWED': { status: 409, message: '这条填报已经审核过了' },
  'SERVICE.FUTURE_DATE': { status: 400, message: '不能填报今天以后的服务' },
  'SERVICE.HOURS_OVER_ENTRY': { status: 400, message: '通过的时长不能多于填报的时长' },
  'SERVICE.REASON_REQUIRED': { status: 400, message: '只通过一部分时长时，请写明原因' },
  'TOPIC.NOT_FOUND': { status: 404, message: '没有找到这个议题' },
  'TOPIC.NOT_ALLOWED_NOW': { status: 409, message: '这个议题现在不能这样处理，请刷新看看最新进展' },
  'TOPIC.OWN_TOPIC': { status: 409, message: '不能附议自己提出的议题' },
  'TOPIC.ALREADY_SUPPORTED': { status: 409, message: '您已经附议过这个议题了' },
  'TOPIC.BELOW_THRESHOLD': { status: 409, message: '附议人数还没有达到要求' },
  'TOPIC.MERGE_INTO_ITSELF': { status: 400, message: '不能把议题合并到它自己' },
  'TOPIC.MERGE_TARGET': { status: 409, message: '只能合并到同一网格里尚未办结的议题' },
  'TOPIC.NOT_ON_AGENDA': { status: 409, message: '这个议题不在本次会议的议程上' },
  'TOPIC.ACTION_NOT_FOUND': { status: 404, message: '没有找到这个行动项' },
  'TOPIC.ORDER_ALREADY_SPAWNED': { status: 409, message: '这个行动项已经派发过工单了' },
  'TOPIC.ACTION_ALREADY_DONE': { status: 409, message: '这个行动项已经完成了' },
  'TOPIC.ACTIONS_OPEN': { status: 409, message: '还有行动项没有完成' },
  'TOPIC.NOT_A_RAISER': { status: 403, message: '只有提出或附议这个议题的居民可以评价' },
  'TOPIC.ALREADY_RATED': { status: 409, message: '您已经评价过了' },
  'TOPIC.NO_HOME_GRID': { status: 400, message: '请先在“我的”里填写住址，或选择议题所在的网格' },
  'TOPIC.NEED_BUILDING': { status: 400, message: '请选择这项工作所在的楼栋' },
  'MEETING.NOT_FOUND': { status: 404, message: '没有找到这个会议' },
  'MEETING.NOT_ALLOWED_NOW': { status: 409, message: '会议现在不能这样处理，请刷新看看最新进展' },
  'MEETING.AGENDA_OVERRUN': { status: 400, message: '议程总时长超过了会议时长' },
  'MEETING.AGENDA_FULL': { status: 400, message: '议程最多 20 项' },
  'MEETING.AGENDA_EMPTY': { status: 409, message: '请先安排至少一项议程再发布' },
  'MEETING.TOPIC_NOT_READY': { status: 409, message: '只有已采纳、尚未列入其他会议的议题可以列入议程' },
  'MEETING.ITEM_NOT_FOUND': { status: 404, message: '没有找到这项议程' },
  'MEETING.ITEM_DECIDED': { status: 409, message: '这项议程已经表决过了' },
  'MEETING.VOTE_NOT_OPEN': { status: 409, message: '这项议程还没有开始表决，或表决已结束' },
  'MEETING.NOT_SIGNED_IN': { status: 403, message: '请先签到，签到后才能表决' },
  'MEETING.ALREADY_VOTED': { status: 409, message: '您已经投过票了，每人只能投一次' },
  'MEETING.MINUTES_REQUIRED': { status: 409, message: '请先填写会议纪要' },
  'MEETING.ALREADY_PUBLISHED': { status: 409, message: '决议已经公示过了' },
  'MEETING.NOTHING_DUE': { status: 409, message: '现在没有需要发送的提醒' },
  'MEETING.START_IN_PAST': { status: 400, message: '会议开始时间不能早于现在' },
  'MEETING.NOT_A_PARTICIPANT': { status: 403, message: '您不在这次会议的邀请名单里' },
  'MEETING.NO_REVIEW_TOPICS': { status: 409, message: '本网格暂时没有已办结、待评议的议题' },
  'LIUYOU.CHECK_NOT_FOUND': { status: 404, message: '没有找到这份六有自查' },
  'LIUYOU.NOT_ALLOWED_NOW': { status: 409, message: '这份自查现在不能这样处理，请刷新看看最新进展' },
  'LIUYOU.ITEM_NOT_FOUND': { status: 404, message: '没有找到这一项' },
  'LIUYOU.ITEM_AUTOMATIC': { status: 409, message: '这一项由系统根据记录自动统计，不能手动修改；可以补充佐证材料' },
  'LIUYOU.ITEM_MANUAL': { status: 409, message: '这一项由社区填写，没有系统统计的记录' },
  'LIUYOU.ITEM_KIND': { status: 400, message: '这一项的填写方式不对：有/无的项选择有或无，数量的项填写数字' },
  'LIUYOU.ITEM_LOCKED': { status: 409, message: '这一项已审核，只有被退回的项可以修改' },
  'LIUYOU.INCOMPLETE': { status: 409, message: '还有未填写的项目，请全部填写后再提交' },
  'LIUYOU.EVIDENCE_FULL': { status: 400, message: '每项最多 9 份佐证材料' },
  'LIUYOU.EVIDENCE_NOT_FOUND': { status: 404, message: '没有找到这份佐证材料' },
  'LIUYOU.EVIDENCE_INVALID': { status: 400, message: '照片和文件请上传文件，文字说明请填写内容' },
  'LIUYOU.COMMENT_REQUIRED': { status: 400, message: '退回或判定不达标时，请写明意见' },
  'LIUYOU.REVIEW_INCOMPLETE': { status: 409, message: '还有未审核的项目，请逐项审核后再完成' },
  'LIUYOU.ITEMS_RETURNED': { status: 409, message: '有退回修改的项目，不能直接评定' },
  'LIUYOU.NOTHING_RETURNED': { status: 409, message: '没有退回修改的项目' },
  'LIUYOU.RETURNED_UNCHANGED': { status: 409, message: '被退回的项目还没有修改，请按意见修改后再提交' },
  'LIUYOU.TASK_NOT_FOUND': { status: 404, message: '没有找到这项整改任务' },
  'LIUYOU.TASK_NOT_ALLOWED_NOW': { status: 409, message: '这项整改任务已经完成了' },
  'LIUYOU.TASK_ITEM': { status: 409, message: '只有退回修改或不达标的项目可以建立整改任务' },
  'LIUYOU.TASK_EXISTS': { status: 409, message: '这一项已经有整改任务了' },
  'LIUYOU.OWNER_INVALID': { status: 400, message: '责任人须是本社区的社区书记或网格长' },
  'LIUYOU.DUE_IN_PAST': { status: 400, message: '完成期限不能早于今天' },
  'LIUYOU.NOTE_REQUIRED': { status: 400, message: '请写明整改情况' },
  'LIUYOU.NOTHING_DUE': { status: 409, message: '现在没有需要发送的提醒' },
  'LIUYOU.PERIOD_FUTURE': { status: 400, message: '还没到这个周期，不能提前发起自查' },
  'LIUYOU.PERIOD_KIND': { status: 400, message: '周期与清单不符：请按清单规定的季度或半年选择周期' },
  'LIUYOU.THRESHOLDS': { status: 400, message: '分数线须满足：0 < 黄线 < 绿线 ≤ 100' },
  'LIUYOU.ITEM_DUPLICATE': { status: 400, message: '清单中有重复的项目编号' },
  'LIUYOU.ITEM_SHAPE': { status: 400, message: '只有数量类项目可以设目标或由系统统计，系统统计的项目不要求佐证' },
  'LIUYOU.MECHANISM_EMPTY': { status: 400, message: '六个方面每个至少要有一项' },
} as const satisfies Record<string, { status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the input field at fault, when one is. */
  field?: string;
}

export function appError(code: ErrorCode, field?: string): AppError {
  return field === undefined ? { code, message: ERRORS[code].message } : { code, message: ERRORS[code].message, field };
}

export function httpStatusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code);
}
