import { registerErrors, type ErrorTable } from '../errors';

/**
 * Grid micro-councils: topics (TOPIC.*) and meetings (MEETING.*).
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const COUNCILS_ERRORS = {
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
  'TOPIC.PHOTO_NOT_YOURS': { status: 403, message: '只能使用您自己上传的照片，请重新上传' },
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
} as const satisfies ErrorTable;

registerErrors(COUNCILS_ERRORS);
