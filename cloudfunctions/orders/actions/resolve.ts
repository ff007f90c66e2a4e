import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { moveOrder, myRecord, orderAction, planOf } from '../steps';
import { checkText } from '../../_core/text-check';
import { loadOrder } from '../order-store';
import { toOrderView } from '../order-view';
import { ownPhotos, settlePhotoChecks, startPhotoChecks } from '../../_core/photo-checks';

/** The assignee reports it done (with photos where the category asks for them); the resident is asked to rate. */
export const resolve = orderAction(
  ordersApi.resolve,
  'resolve',
  async (ctx, input, caller, ref) => {
    // Photos of the result come from the assignee's own folder only.
    const own = ownPhotos(input.photos, caller.user._id, 'ORDER.PHOTO_NOT_YOURS');
    if (!own.ok) return own;
    const checked = await checkText(ctx, input.note, 'payload.note');
    if (!checked.ok) return checked;
    const checks = await startPhotoChecks(ctx, { collection: 'orders', id: ref.order._id }, input.photos, 'ORDER.PHOTO_NOT_YOURS');
    if (!checks.ok) return checks;
    const moved = await moveOrder(ctx, caller, ref, async (attempt) =>
      planOf(ctx, caller, [{ type: 'resolve', note: input.note, photos: input.photos }], { [caller.user._id]: await myRecord(ctx, caller, ref, attempt) }),
    );
    // A photo the check refused at once (locally) is hidden before the assignee sees the order.
    if (!moved.ok || !(await settlePhotoChecks(ctx, checks.data))) return moved;
    const now = await loadOrder(ctx.ports.store, ref.order._id);
    return now ? ok({ order: await toOrderView(ctx, caller, now, { timeline: true }) }) : moved;
  },
  { mine: true },
);
