import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, myRecord, orderAction, planOf } from '../steps';
import { checkText } from '../../_core/text-check';

/** The assignee reports it done (with photos where the category asks for them); the resident is asked to rate. */
export const resolve = orderAction(
  ordersApi.resolve,
  'resolve',
  async (ctx, input, caller, ref) => {
    const checked = await checkText(ctx, input.note, 'payload.note');
    if (!checked.ok) return checked;
    return moveOrder(ctx, caller, ref, async (attempt) =>
      planOf(ctx, caller, [{ type: 'resolve', note: input.note, photos: input.photos }], { [caller.user._id]: await myRecord(ctx, caller, ref, attempt) }),
    );
  },
  { mine: true },
);
