import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, myRecord, orderAction, planOf } from '../steps';

/** 党员接单: from an offer or the pool. Exactly one volunteer wins; the rest hear ORDER.ALREADY_TAKEN. */
export const accept = orderAction(
  ordersApi.accept,
  'accept',
  (ctx, _input, caller, ref) =>
    moveOrder(
      ctx,
      caller,
      ref,
      async (attempt) => planOf(ctx, caller, [{ type: 'accept' }], { [caller.user._id]: await myRecord(ctx, caller, ref, attempt) }),
      'ORDER.ALREADY_TAKEN',
    ),
  { mine: true },
);
