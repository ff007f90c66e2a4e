import type { User } from '../../../shared/accounts/accounts.schema';
import { fail } from '../../../shared/api/envelope';
import { ordersApi } from '../../../shared/orders/orders.contract';
import type { Doc } from '../../_core/ports/store';
import { deskStaffIds } from '../first-owner';
import { moveOrder, orderAction, planOf } from '../steps';

/**
 * 三方共治: a desk's staff member (物业客服) takes an order the responsibility list sent to their
 * compound's desk, for themselves or for a colleague of the same desk (staffId), who then resolves it.
 */
export const deskAccept = orderAction(ordersApi.deskAccept, 'deskAccept', async (ctx, input, caller, ref) => {
  const staffId = input.staffId ?? caller.user._id;
  let staffName = caller.user.name;
  if (staffId !== caller.user._id) {
    const [staff, desk] = await Promise.all([ctx.ports.store.get<User & Doc>('users', staffId), deskStaffIds(ctx.ports.store, ref.order.desk!.compoundId)]);
    if (!staff || !desk.includes(staffId)) return fail('ORDER.NOT_DESK_STAFF', 'payload.staffId');
    staffName = staff.name;
  }
  return moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'deskAccept', staffId, staffName }]));
});
