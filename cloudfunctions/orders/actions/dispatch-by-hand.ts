import { ordersApi } from '../../../shared/orders/orders.contract';
import { fail } from '../../../shared/api/envelope';
import { mayBeOfferedByHand } from '../../../shared/orders/dispatch-step';
import { toCandidate } from '../dispatcher';
import { loadVolunteer } from '../order-store';
import { moveOrder, orderAction, planOf } from '../steps';

/** The leader offers the order to a volunteer of the place, by hand. */
export const dispatchByHand = orderAction(ordersApi.dispatchByHand, 'dispatchByHand', async (ctx, input, caller, ref) => {
  const v = await loadVolunteer(ctx.ports.store, input.volunteerId);
  if (!v || !mayBeOfferedByHand(toCandidate(v), ref.order, ctx.now)) return fail('ORDER.VOLUNTEER_NOT_ELIGIBLE', 'payload.volunteerId');
  return moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'dispatchByHand', volunteerId: v.userId, volunteerName: v.name }]));
});
