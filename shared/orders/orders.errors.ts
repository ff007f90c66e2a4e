import { registerErrors, type ErrorTable } from '../errors';

/**
 * Work orders (ORDER.*).
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const ORDERS_ERRORS = {
  'ORDER.NOT_FOUND': { status: 404, message: '没有找到这件事，可能已被撤回' },
  'ORDER.ALREADY_TAKEN': { status: 409, message: '手慢了，这件事已经有人接了' },
  'ORDER.NOT_ALLOWED_NOW': { status: 409, message: '这件事现在不能这样处理，请刷新看看最新进展' },
  'ORDER.NO_HOME': { status: 400, message: '请先在“我的”里填写住址，或选择问题所在的楼栋' },
  'ORDER.PHOTO_REQUIRED': { status: 400, message: '这类事项办结时需要上传一张现场照片' },
  'ORDER.VOLUNTEER_NOT_ELIGIBLE': { status: 409, message: '这位志愿者现在不能接这件事' },
  'ORDER.NOT_A_RESIDENT_OF_PLACE': { status: 403, message: '只能为本网格的居民代办' },
  'ORDER.PHOTO_TOO_LARGE': { status: 413, message: '照片太大了，请换一张或压缩后再传' },
  // A photo is attached by the person who uploaded it: a file id from someone else's folder is refused.
  'ORDER.PHOTO_NOT_YOURS': { status: 403, message: '只能使用您自己上传的照片，请重新上传' },
  // An emergency is never an order (说出来就懂): the page shows the number to call instead.
  'ORDER.EMERGENCY_FIRE': { status: 400, message: '这像是着火了：请立即拨打 119，不要在这里报事' },
  'ORDER.EMERGENCY_GAS': { status: 400, message: '这像是燃气泄漏：请马上离开并拨打 119，不要开关电器' },
  'ORDER.EMERGENCY_MEDICAL': { status: 400, message: '这像是有人需要急救：请立即拨打 120' },
  'ORDER.EMERGENCY_CRIME': { status: 400, message: '这像是遇到了违法犯罪：请立即拨打 110' },
  'ORDER.METOO_PRIVATE': { status: 403, message: '这件事涉及隐私，不能一起反映' },
  'ORDER.METOO_OWN_ORDER': { status: 409, message: '这是您自己反映的事' },
  'ORDER.METOO_NOT_NEIGHBOUR': { status: 403, message: '住在附近的居民才能一起反映' },
  'ORDER.ALREADY_RATED': { status: 409, message: '您已经评价过了' },
  // 三方共治: a desk's order goes only to someone of the same desk.
  'ORDER.NOT_DESK_STAFF': { status: 400, message: '只能派给本小区物业的工作人员' },
} as const satisfies ErrorTable;

registerErrors(ORDERS_ERRORS);
