import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { suggest as suggestFor } from '../suggester';

/**
 * 说出来就懂: the post page asks as the resident types or speaks. Runs here, on the function's own
 * model: no outside service hears the resident's words. Nothing is stored or logged.
 */
export const suggest = defineAction(ordersApi.suggest, {
  authorize: () => ({ allow: true }),
  run: async (_ctx, input) => ok(suggestFor(input.text)),
});
