import { PARTY_LABELS } from '../../shared/compounds/compounds.schema';
import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import { maskName, maskPhone, withoutPeople } from '../../shared/accounts/mask';
import { LEADER_ROLES } from '../../shared/accounts/roles';
import { CATEGORY_RULES } from '../../shared/orders/categories';
import { nearestRoleOver } from '../../shared/privacy/reveal-words';
import { LEVEL_LABELS } from '../../shared/orders/escalation';
import { isFinal, stateLabelAt } from '../../shared/orders/order.machine';
import { householdsOf } from '../../shared/orders/similar';
import { visiblePhotos } from '../../shared/orders/photos';
import type { OrderEventDoc, OrderView } from '../../shared/orders/orders.schema';
import { allowedOrderActions, peopleOf, relationOf, seesContact, seesDescription, type Relation } from '../../shared/orders/orders.policy';
import type { ActionContext } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';
import type { OrderDoc } from './order-store';

/** Temporary URLs of the order's photos for a caller entitled to see them; a hidden photo never gets one. */
async function photoViews(ctx: ActionContext, order: OrderDoc, fileIds: readonly string[]) {
  return Promise.all(visiblePhotos(fileIds, order.hiddenPhotos).map(async (fileId) => ({ fileId, url: await ctx.ports.files.url(fileId) })));
}

/** Names of the people a view shows, read in one call; none for those already known (the caller). */
async function namesOf(ctx: ActionContext, ids: readonly (string | null | undefined)[], known: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const names = new Map(known);
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x) && !names.has(x!)))];
  if (unique.length === 0) return names;
  const users = await ctx.ports.store.find<Doc & { name: string }>('users', { _id: { $in: unique } }, { limit: unique.length });
  for (const u of users) names.set(u._id, u.name);
  return names;
}

/**
 * The resident's point: a home's is as personal as the room (only for those who see the contact); a
 * public place's (a street light) is for everyone who sees the order. 导航 for those who go there.
 */
function pointView(order: OrderDoc, r: Relation, contact: boolean): OrderView['point'] {
  const p = order.place.point;
  if (!p || !(contact || CATEGORY_RULES[order.category].wherePrompt === 'point')) return null;
  return { lat: p.lat, lng: p.lng, name: p.name ?? null, navigate: r.assignee || r.offeree || r.leaderOfPlace };
}

/** The affected neighbours' ratings, averaged to one decimal; no names. */
function neighbourRatingOf(order: OrderDoc): OrderView['neighbourRating'] {
  const ratings = order.neighbourRatings ?? [];
  if (ratings.length === 0) return null;
  return { average: Math.round((ratings.reduce((s, x) => s + x.stars, 0) / ratings.length) * 10) / 10, count: ratings.length };
}

export interface ViewOptions {
  timeline?: boolean;
  relation?: Relation;
  /** The order's timeline when the caller has it already (read beside the order, plus the lines just written). */
  events?: readonly OrderEventDoc[];
}

/**
 * What the caller sees of an order. Phone and room only for the poster, the assignee and leaders of
 * the place — and a leader's or assignee's full view of someone else's contact is audited.
 * Descriptions of private orders only for those who handle them. Dispatch reasons for leaders only.
 */
export async function toOrderView(ctx: ActionContext, caller: Caller, order: OrderDoc, options: ViewOptions = {}): Promise<OrderView> {
  const r = options.relation ?? relationOf(caller, order);
  const contact = seesContact(r);
  // The offeree's name only for those who see it (leaders of the place, the offeree).
  const offeree = order.offer && order.state === 'offered' && (r.leaderOfPlace || r.offeree) ? order.offer.volunteerId : null;
  const [names, events] = await Promise.all([
    namesOf(ctx, [order.assigneeId, offeree], new Map([[caller.user._id, caller.user.name]])),
    options.timeline
      ? (options.events ??
        ctx.ports.store.find<OrderEventDoc & Doc>(
          'order_events',
          { orderId: order._id },
          {
            sort: [
              ['orderId', 1],
              ['at', 1],
            ],
            limit: 500,
          },
        ))
      : [],
  ]);
  if (contact && !r.poster && options.timeline && order.contact.phone) {
    const as = r.assignee ? 'assignee' : 'leader';
    const role = as === 'leader' ? nearestRoleOver(caller.memberships, order.place.path, LEADER_ROLES) : null;
    // Whose contact it is: the poster's, unless a leader typed in a resident without an account (then no one can be told).
    const personId = order.onBehalf && order.posterId === order.postedBy ? null : order.posterId;
    await ctx.audit({
      subjectId: order._id,
      detail: { reveal: 'contact', as, role },
      ...(personId ? { reveal: { personId, streetId: order.place.path.streetId, kind: 'contact', as, orderId: order._id } } : {}),
    });
  }
  const view: OrderView = {
    id: order._id,
    category: order.category,
    // Those who see the description but not the contact (a neighbour who joined, a volunteer offered
    // it) read it without the people in it: a phone or room typed into the words is masked too.
    description: seesDescription(r, order) ? (contact ? order.description : withoutPeople(order.description, peopleOf(order))) : '（涉及个人隐私，仅处理人员可见）',
    photos: seesDescription(r, order) ? await photoViews(ctx, order, order.photos) : [],
    urgency: order.urgency,
    preferredTime: order.preferredTime,
    state: order.state,
    stateLabel: stateLabelAt(order.state, order.level, order.desk),
    level: order.level,
    levelLabel: LEVEL_LABELS[order.level],
    levelDeadline: order.levelDeadline,
    overdue: !isFinal(order.state) && order.state !== 'resolved' && ctx.now > order.levelDeadline,
    private: order.private,
    onBehalf: order.onBehalf,
    placeLabel: order.place.label,
    room: contact ? order.place.room : null,
    contactName: contact ? order.contact.name : maskName(order.contact.name),
    contactPhone: order.contact.phone ? (contact ? order.contact.phone : (maskPhone(order.contact.phone) ?? null)) : null,
    contactRevealed: contact,
    point: pointView(order, r, contact),
    postedAt: order.postedAt,
    acceptedAt: order.acceptedAt,
    resolvedAt: order.resolvedAt,
    closedAt: order.closedAt,
    closedAs: order.closedAs,
    offer:
      order.offer && order.state === 'offered'
        ? {
            volunteerName: r.leaderOfPlace || r.offeree ? (names.get(order.offer.volunteerId) ?? '') : '志愿者',
            expiresAt: order.offer.expiresAt,
            manual: order.offer.manual,
            mine: r.offeree,
          }
        : null,
    assigneeName: order.assigneeId ? (names.get(order.assigneeId) ?? null) : null,
    resolution: order.resolution ? { note: order.resolution.note, photos: await photoViews(ctx, order, order.resolution.photos), at: order.resolution.at } : null,
    rating: order.rating,
    reopenCount: order.reopenCount,
    affectedHouseholds: householdsOf(order),
    affectedMe: r.affected,
    neighbourRating: neighbourRatingOf(order),
    dispatchReason: r.leaderOfPlace || r.deskStaff ? order.dispatchReason : null,
    desk: order.desk ? { name: order.desk.name, partyLabel: PARTY_LABELS[order.desk.party], dueAt: order.desk.dueAt, refused: Boolean(order.desk.refusedAt) } : null,
    refusals: r.leaderOfPlace || r.deskStaff ? (order.refusals ?? []).map((x) => ({ at: x.at, name: x.name, reason: x.reason })) : [],
    photoOnResolve: CATEGORY_RULES[order.category].photoOnResolve,
    allowedActions: allowedOrderActions(r, order),
  };
  if (options.timeline) {
    view.timeline = [...events]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .filter((e) => !e.leadersOnly || r.leaderOfPlace || r.deskStaff)
      .map((e) => ({ at: e.at, actor: contact || r.leaderOfPlace ? e.actorLabel : e.actorLabel.split(' ')[0]!, kind: e.kind, text: e.text }));
  }
  return view;
}
