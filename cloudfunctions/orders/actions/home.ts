import { type Actor as Caller } from '../../../shared/accounts/accounts.policy';
import { ROLE_LABELS } from '../../../shared/accounts/roles';
import { SCOPE_RULES } from '../../../shared/accounts/scopes';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import type { HomeOrder } from '../../../shared/orders/home.schema';
import type { Level } from '../../../shared/orders/escalation';
import { isFinal, stateLabelAt } from '../../../shared/orders/order.machine';
import { relationOf, seesDescription } from '../../../shared/orders/orders.policy';
import { homeFiltersAt, homeSections, OPEN_FOR_POSTER } from '../../../shared/orders/queue';
import { leadLevelOf } from '../../../shared/territory/territory.domain';
import { loadNodes, type NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { homeQueries, HOME_MINE_SHOWN, newestFirst, placeCounts } from '../order-lists';
import type { OrderDoc } from '../order-store';
import type { Doc } from '../../_core/ports/store';

const spec = ordersApi;
/** A place a leader leads, named by the level its leader handles (a settlement's is 'community'). */
type PlaceKind = Level;

/**
 * The places whose queue the caller may open (the queue menu's own rule, so every count on the home
 * page opens a queue the menu offers), once each: a person may lead a grid and its community.
 */
function ledPlaces(caller: Caller): { nodeId: string; nodeKind: PlaceKind; roleLabel: string }[] {
  const seen = new Set<string>();
  return caller.memberships
    .filter((m) => SCOPE_RULES.queue.roles.includes(m.role) && leadLevelOf(m.nodeKind) !== null)
    .filter((m) => !seen.has(m.nodeId) && Boolean(seen.add(m.nodeId)))
    .slice(0, 10)
    .map((m) => ({ nodeId: m.nodeId, nodeKind: leadLevelOf(m.nodeKind)!, roleLabel: ROLE_LABELS[m.role] }));
}

function homeOrder(caller: Caller, order: OrderDoc, now: string, as: 'offer' | 'mine'): HomeOrder {
  const r = relationOf(caller, order);
  return {
    id: order._id,
    category: order.category,
    description: seesDescription(r, order) ? order.description : '（涉及个人隐私，仅处理人员可见）',
    state: order.state,
    stateLabel: stateLabelAt(order.state, order.level, order.desk),
    placeLabel: order.place.label,
    postedAt: order.postedAt,
    overdue: !isFinal(order.state) && order.state !== 'resolved' && now > order.levelDeadline,
    expiresAt: as === 'offer' && order.offer ? order.offer.expiresAt : null,
    hint: as === 'offer' ? '请确认接单或婉拒' : order.state === 'resolved' ? '已办结，请您评价' : null,
  };
}

/**
 * 首页: what this caller should see first. A volunteer's waiting offers (soonest to lapse first),
 * the counts of what needs action today in each place they lead, and their own open orders (those
 * they joined with 我也遇到了 too). All the reads go out at once, each served by an index (a resident
 * who joined some reads those orders after); the server names the sections, the page draws them.
 */
export const home = defineAction(spec.home, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, caller) => {
    const store = ctx.ports.store;
    const me = caller.user._id;
    // Offers and work in hand belong to whoever opens the volunteer tasks menu.
    const volunteer = caller.memberships.some((m) => SCOPE_RULES.tasks.roles.includes(m.role));
    const places = ledPlaces(caller);
    const q = homeQueries(me, volunteer);
    // One wave of reads: none waits for another.
    const [offers, inHand, posted, nodes, counts, follows] = await Promise.all([
      q.offers ? store.find<OrderDoc>('orders', q.offers.filter, q.offers.options) : Promise.resolve([]),
      q.inHand ? store.count('orders', q.inHand.filter) : Promise.resolve(0),
      store.find<OrderDoc>('orders', q.mine.filter, q.mine.options),
      places.length
        ? loadNodes(
            store,
            places.map((p) => p.nodeId),
          )
        : Promise.resolve(new Map<string, NodeDoc>()),
      Promise.all(places.map((p) => placeCounts(store, p, homeFiltersAt(p.nodeKind), ctx.now))),
      store.find<Doc & { orderId: string }>('order_followers', q.joined.filter, q.joined.options),
    ]);
    // Orders joined with 我也遇到了 are the caller's too: one more read, only for those who joined some.
    const joined = follows.length ? await store.find<OrderDoc>('orders', { _id: { $in: follows.map((f) => f.orderId) } }, { limit: follows.length }) : [];
    const mine = [...posted, ...joined.filter((o) => o.posterId !== me && OPEN_FOR_POSTER.includes(o.state))].sort(newestFirst);
    const counted = places.map((p, i) => ({ ...p, nodeName: nodes.get(p.nodeId)?.name ?? '', counts: counts[i]! }));
    // Offers that lapsed a moment ago wait for the scheduler; the caller can no longer take them.
    const waiting = offers.filter((o) => o.offer && o.offer.expiresAt > ctx.now).sort((a, b) => a.offer!.expiresAt.localeCompare(b.offer!.expiresAt));
    return ok({
      now: ctx.now,
      sections: homeSections({ volunteer, offersWaiting: waiting.length, leadsPlaces: counted.length }),
      workBadge: waiting.length,
      offers: volunteer ? { orders: waiting.map((o) => homeOrder(caller, o, ctx.now, 'offer')), inHand } : null,
      places: counted,
      mine: { orders: mine.slice(0, HOME_MINE_SHOWN).map((o) => homeOrder(caller, o, ctx.now, 'mine')), more: mine.length > HOME_MINE_SHOWN },
    });
  },
});
