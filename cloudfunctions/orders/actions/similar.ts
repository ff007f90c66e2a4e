import { ordersApi } from '../../../shared/orders/orders.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { stateLabelAt } from '../../../shared/orders/order.machine';
import { OPEN_FOR_POSTER } from '../../../shared/orders/queue';
import { householdsOf, livesNear, pickSimilar } from '../../../shared/orders/similar';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction, type ActionContext } from '../../_core/pipeline';
import { withoutPeople } from '../../../shared/accounts/mask';
import type { OrderDoc } from '../order-store';
import { peopleOf } from '../../../shared/orders/orders.policy';
import { visiblePhotos } from '../../../shared/orders/photos';

/** Orders posted longer ago than this are not offered as the same problem. */
export const SIMILAR_DAYS = 30;
/** At most this many recent orders of the place are scored. */
export const SIMILAR_CANDIDATES = 50;
/** A card shows the first words of the description (without the people in it). */
export const CARD_TEXT = 60;
/** The card's picture: the order's first photo that is not hidden (one that failed the content check never is). */
async function firstPhotoUrl(ctx: ActionContext, order: OrderDoc): Promise<string | null> {
  const first = visiblePhotos(order.photos, order.hiddenPhotos)[0];
  return first ? ctx.ports.files.url(first) : null;
}
const cut = (text: string, n: number) => ([...text].length > n ? `${[...text].slice(0, n).join('')}…` : text);

/**
 * 重复提醒: open orders of the draft's micro-grid (its grid when the building has none), posted in the
 * last 30 days, that look like the same problem — for a resident who lives there, so that each one
 * shown can be joined (我也遇到了). Private orders and the caller's own are never shown; the cards
 * carry no name, phone or room. No building and no home: nothing to show.
 */
export const similar = defineAction(ordersApi.similar, {
  load: async (ctx, input, caller) => {
    const buildingId = input.buildingId ?? caller.user.home?.buildingId;
    if (!buildingId) return ok(null);
    const building = await ctx.ports.store.get<NodeDoc>('nodes', buildingId);
    if (!building || building.kind !== 'building') return fail('ACCOUNT.BUILDING_NOT_FOUND', 'payload.buildingId');
    return ok(building);
  },
  authorize: () => ({ allow: true }),
  run: async (ctx, input, caller, building) => {
    if (!building || !livesNear(caller.user.home?.path, building.path)) return ok({ orders: [] });
    const micro = building.path.microGridId;
    const field = micro ? 'place.path.microGridId' : 'place.path.gridId';
    const since = new Date(Date.parse(ctx.now) - SIMILAR_DAYS * 86_400_000).toISOString();
    const rows = await ctx.ports.store.find<OrderDoc>(
      'orders',
      { [field]: micro ?? building.path.gridId!, postedAt: { $gte: since }, state: { $in: OPEN_FOR_POSTER }, private: false },
      {
        sort: [
          [field, 1],
          ['postedAt', -1],
        ],
        limit: SIMILAR_CANDIDATES,
      },
    );
    const me = caller.user._id;
    const picks = pickSimilar({ category: input.category, text: input.text }, rows, me, building._id);
    const orders = await Promise.all(
      picks.map(async ({ order, sameBuilding }) => ({
        id: order._id,
        category: order.category,
        description: cut(withoutPeople(order.description, peopleOf(order)), CARD_TEXT),
        photoUrl: await firstPhotoUrl(ctx, order),
        stateLabel: stateLabelAt(order.state, order.level, order.desk),
        postedAt: order.postedAt,
        sameBuilding,
        affectedHouseholds: householdsOf(order),
        alreadyJoined: order.affected?.includes(me) ?? false,
      })),
    );
    return ok({ orders });
  },
});
