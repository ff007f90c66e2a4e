import { registerErrors, type ErrorTable } from '../errors';

/**
 * 三方共治: residential compounds and the community's responsibility list (COMPOUND.*).
 * Registered when imported: the compounds contract imports it, so the compounds function's bundle
 * carries these messages.
 */
export const COMPOUNDS_ERRORS = {
  'COMPOUND.NOT_IN_COMMUNITY': { status: 400, message: '这个小区不在本社区，请重新选择小区' },
  'COMPOUND.MODEL_MISMATCH': { status: 400, message: '这个小区的治理模式与这条规则不同，请改选治理模式或小区' },
  'COMPOUND.NOT_YOUR_COMPOUND': { status: 403, message: '只有住在这个小区的居民可以评价它的服务，请先在“我的”里登记住址' },
  'COMPOUND.OWN_DESK': { status: 403, message: '您在这个小区的服务台（物业、单位后勤或党支部）工作，不能评价自己的服务' },
  'COMPOUND.SURVEY_UNANSWERED': { status: 400, message: '这一题还没有选，请选一个满意程度' },
  'COMPOUND.SURVEY_NOT_ASKED': { status: 400, message: '这个小区不问这一项，请刷新后再填' },
} as const satisfies ErrorTable;

registerErrors(COMPOUNDS_ERRORS);
