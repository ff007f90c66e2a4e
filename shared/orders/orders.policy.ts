// Registers the messages of the codes this policy refuses with (我也遇到了), in every bundle that runs it.
import './orders.errors';
import type { Actor } from '../accounts/accounts.policy';
import { holdsOver } from '../accounts/accounts.policy';
import { LEADER_ROLES, LEVEL_LEADERS } from '../accounts/roles';
import { opensAt } from '../accounts/scopes';
import type { PlacePath } from '../territory/territory.schema';
import { CATEGORY_RULES } from './categories';
import { LEVEL_LABELS, levelAbove, levelBelow, type Level } from './escalation';
import { nextOrderState, type OrderEvent, type OrderState } from './order.machine';
import type { Order } from './orders.schema';
import { isPrivateOrder, livesNear } from './similar';
import { heldByDesk } from './desk';

/** The leader roles that handle an order at each level (the territory's own rule). */
export { LEVEL_LEADERS };

/** How the caller stands to an order. One person can stand in several ways. */
export interface Relation {
  poster: boolean;
  assignee: boolean;
  offeree: boolean;
  /** A volunteer of the order's place (its grid; its community at community level). */
  volunteerOfPlace: boolean;
  /** A leader of the order's current level over its place: the one who acts on it. */
  handlingLeader: boolean;
  /** Any leader whose place contains the order (sees it whole, may comment). */
  leaderOfPlace: boolean;
  /** A neighbour who said 我也遇到了: follows it and may rate the result once. */
  affected: boolean;
  /** An affected neighbour who has rated it already. */
  neighbourRated: boolean;
  /** Lives near it (the order's micro-grid, or its grid when it has none): may say 我也遇到了. */
  neighbour: boolean;
  /** 三方共治: staff of the compound's desk the responsibility list sent it to (物业客服 there). */
  deskStaff: boolean;
}

export function relationOf(
  actor: Actor,
  order: Pick<Order, 'posterId' | 'assigneeId' | 'offer' | 'place' | 'level' | 'state' | 'affected' | 'neighbourRatings' | 'desk'>,
): Relation {
  const me = actor.user._id;
  const path: PlacePath = order.place.path;
  const volunteerPath: PlacePath = order.level === 'grid' ? path : { streetId: path.streetId, communityId: path.communityId };
  return {
    poster: order.posterId === me,
    assignee: order.assigneeId === me,
    offeree: order.state === 'offered' && order.offer?.volunteerId === me,
    volunteerOfPlace: actor.memberships.some(
      (m) => m.role === 'volunteer' && (order.level === 'grid' ? m.path.gridId === volunteerPath.gridId : m.path.communityId === volunteerPath.communityId),
    ),
    handlingLeader: holdsOver(actor, LEVEL_LEADERS[order.level], path),
    leaderOfPlace: holdsOver(actor, LEADER_ROLES, path),
    affected: order.affected?.includes(me) ?? false,
    neighbourRated: order.neighbourRatings?.some((x) => x.userId === me) ?? false,
    neighbour: livesNear(actor.user.home?.path ?? null, path),
    deskStaff: Boolean(order.desk) && actor.memberships.some((m) => m.role === 'property' && m.nodeId === order.desk!.compoundId),
  };
}

/** Every action on one order; `post`, `list`, `stats` and `uploadPhoto` are not about one order. */
export const ORDER_ACTIONS = [
  'get',
  'accept',
  'decline',
  'handBack',
  'resolve',
  'rate',
  'comment',
  'cancel',
  'dispatchByHand',
  'candidates',
  'openPool',
  'escalate',
  'sendBack',
  'closeAfterReview',
  'toCouncil',
  'deskAccept',
  'refuse',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** The lifecycle event an action fires, where it fires one. */
const EVENT_OF: Partial<Record<OrderAction, OrderEvent>> = {
  accept: { type: 'accept' },
  decline: { type: 'decline' },
  handBack: { type: 'handBack' },
  resolve: { type: 'resolve' },
  rate: { type: 'rate', stars: 5 },
  comment: { type: 'comment' },
  cancel: { type: 'cancel' },
  dispatchByHand: { type: 'dispatchByHand' },
  openPool: { type: 'openPool' },
  escalate: { type: 'escalate' },
  sendBack: { type: 'sendBack' },
  closeAfterReview: { type: 'closeAfterReview' },
  deskAccept: { type: 'deskAccept' },
  refuse: { type: 'refuse' },
};

/** Who may try each action, by relation alone (the state table decides the rest). */
function relationAllows(action: OrderAction, r: Relation, order: OrderFacts): boolean {
  const desk = heldByDesk(order);
  switch (action) {
    case 'get':
      // Pool volunteers see a private order too, but seesDescription() hides what it is about.
      return r.poster || r.assignee || r.offeree || r.leaderOfPlace || r.affected || r.deskStaff || (order.state === 'pool' && r.volunteerOfPlace);
    case 'accept':
      return order.state === 'offered' ? r.offeree : order.state === 'pool' && r.volunteerOfPlace && !r.poster;
    case 'decline':
      return r.offeree;
    case 'handBack':
      // A desk's staff member answers "not ours" instead: it goes to the leader, not to volunteers.
      return r.assignee && !desk;
    case 'resolve':
      return r.assignee;
    case 'deskAccept':
      return r.deskStaff && desk;
    case 'refuse':
      return r.deskStaff && desk && (order.state === 'desk' || r.assignee);
    case 'rate':
      return r.poster || (r.affected && !r.neighbourRated);
    case 'cancel':
      return r.poster;
    case 'comment':
      return r.poster || r.assignee || r.leaderOfPlace || (r.deskStaff && desk);
    case 'dispatchByHand':
    case 'candidates':
    case 'openPool':
    case 'closeAfterReview':
      return r.handlingLeader;
    case 'escalate':
      return r.handlingLeader && levelAbove(order.level) !== null;
    case 'sendBack':
      return r.handlingLeader && levelBelow(order.level) !== null;
    case 'toCouncil':
      return r.leaderOfPlace && CATEGORY_RULES[order.category].leaderFirst && order.topicId === null && !['closed', 'cancelled'].includes(order.state);
    default:
      return false;
  }
}

const CANDIDATE_STATES: readonly OrderState[] = ['waiting', 'pool', 'reopened'];
/** When an affected neighbour may rate: once it is resolved, and after it closed. */
export const NEIGHBOUR_RATING_STATES: readonly OrderState[] = ['resolved', 'closed'];

/** What the rules read of an order besides the caller's relation to it. */
export type OrderFacts = Pick<Order, 'private' | 'state' | 'level' | 'category' | 'topicId' | 'desk'>;

/** May the caller do `action` to this order now? Deny by default. */
export function mayDo(action: OrderAction, r: Relation, order: OrderFacts): boolean {
  if (!relationAllows(action, r, order)) return false;
  if (action === 'candidates') return CANDIDATE_STATES.includes(order.state);
  // An affected neighbour rates the result once it is done; their rating moves nothing.
  if (action === 'rate' && !r.poster) return NEIGHBOUR_RATING_STATES.includes(order.state);
  const event = EVENT_OF[action];
  return event === undefined || nextOrderState(order.state, event) !== null;
}

/**
 * Actions the server accepts but offers no one yet, because where they lead is not built (a button
 * for one would be a dead end). None now: 转议题 leads to the councils' topic page (议事).
 */
export const NOT_YET_OFFERED: readonly OrderAction[] = [];

/** What the caller may do next: sent with every read; the pages render only these. */
export function allowedOrderActions(r: Relation, order: OrderFacts): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => a !== 'get' && !NOT_YET_OFFERED.includes(a) && mayDo(a, r, order));
}

/**
 * 我也遇到了: why the caller may not join an order as an affected neighbour, or null when they may.
 * Joining twice is not refused here: the action answers the order as it stands.
 */
export function metooRefusal(
  r: Relation,
  order: Pick<Order, 'private' | 'category' | 'state'>,
): 'ORDER.METOO_PRIVATE' | 'ORDER.METOO_OWN_ORDER' | 'ORDER.METOO_NOT_NEIGHBOUR' | 'ORDER.NOT_ALLOWED_NOW' | null {
  if (isPrivateOrder(order)) return 'ORDER.METOO_PRIVATE';
  if (r.poster) return 'ORDER.METOO_OWN_ORDER';
  if (!r.neighbour && !r.affected) return 'ORDER.METOO_NOT_NEIGHBOUR';
  if (order.state === 'closed' || order.state === 'cancelled') return 'ORDER.NOT_ALLOWED_NOW';
  return null;
}

/** The people an order names (its contact's phone and name, the room): taken out of its words for readers not entitled to them. */
export const peopleOf = (o: Pick<Order, 'contact' | 'place'>): (string | null)[] => [o.contact.phone, o.contact.name, o.place.room];

/** Full phone and room: the poster, the assignee and leaders of the place. Everyone else sees them masked. */
export function seesContact(r: Relation): boolean {
  return r.poster || r.assignee || r.leaderOfPlace;
}

/** Private orders (disputes, care needs) show their description only to those who handle them. */
export function seesDescription(r: Relation, order: Pick<Order, 'private'>): boolean {
  return !order.private || r.poster || r.assignee || r.offeree || r.leaderOfPlace || r.deskStaff;
}

/** How the order's timeline names the caller's part: the handling level's leader, a volunteer, the resident. */
export function timelineRole(r: Relation, level: Level): string {
  if (r.handlingLeader) return `${LEVEL_LABELS[level]}负责人`;
  if (r.deskStaff) return '物业';
  if (r.assignee || r.offeree || r.volunteerOfPlace) return '志愿者';
  if (r.poster) return '居民';
  return r.leaderOfPlace ? '负责人' : '居民';
}

/**
 * 代办: who may post for someone else — for a resident (`onBehalfOf`) or a person without an account
 * (`contactName`). The leader of the grid where it happens, or of a place above it; for a resident
 * whose home lies elsewhere, also a leader over their home. Anyone may post for themselves.
 */
export function mayPostFor(
  actor: Actor,
  input: { onBehalfOf?: string | undefined; contactName?: string | undefined },
  buildingPath: PlacePath,
  posterHome: PlacePath | null,
): boolean {
  const forSomeoneElse = Boolean(input.onBehalfOf && input.onBehalfOf !== actor.user._id) || Boolean(input.contactName);
  if (!forSomeoneElse) return true;
  if (!opensAt(actor, 'proxy', buildingPath)) return false;
  if (input.onBehalfOf && posterHome && posterHome.gridId !== buildingPath.gridId && !opensAt(actor, 'proxy', posterHome)) return false;
  return true;
}
