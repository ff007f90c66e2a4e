import { registerErrors, type ErrorTable } from '../errors';

/**
 * 三方共治: residential compounds and the community's responsibility list (COMPOUND.*).
 * Registered when imported: the compounds contract imports it, so the compounds function's bundle
 * carries these messages.
 */
export const COMPOUNDS_ERRORS = {
  'COMPOUND.NOT_IN_COMMUNITY': { status: 400, message: '这个小区不在本社区，请重新选择小区' },
  'COMPOUND.MODEL_MISMATCH': { status: 400, message: '这个小区的治理模式与这条规则不同，请改选治理模式或小区' },
} as const satisfies ErrorTable;

registerErrors(COMPOUNDS_ERRORS);
