import { registerErrors, type ErrorTable } from '../errors';

/**
 * 六有 self-checks, reviews and rectification tasks (LIUYOU.*).
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const LIUYOU_ERRORS = {
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
} as const satisfies ErrorTable;

registerErrors(LIUYOU_ERRORS);
