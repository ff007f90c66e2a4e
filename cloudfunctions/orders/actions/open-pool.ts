import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, orderAction, planOf } from '../steps';

/** The leader opens the order to every volunteer of the place (抢单). */
export const openPool = orderAction(ordersApi.openPool, 'openPool', (ctx, _input, caller, ref) => moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'openPool' }])));
