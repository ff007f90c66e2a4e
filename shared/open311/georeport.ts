import { withoutPeople } from '../accounts/mask';
import { peopleOf } from '../orders/orders.policy';
import { BEIJING_OFFSET_MINUTES } from '../kernel/time';
import { CATEGORIES, CATEGORY_RULES, CATEGORY_SLUGS, type Category } from '../orders/categories';
import { LEVEL_LABELS, type Level } from '../orders/escalation';
import { stateLabelAt, type OrderState } from '../orders/order.machine';
import type { Order } from '../orders/orders.schema';
import type { GeoRequest, GeoService } from './open311.schema';

/**
 * The Open311 GeoReport v2 view of the orders, for district platforms and 12345-style hotlines:
 * pure mapping, no personal data ever.
 *
 * - A service is a category; its `service_code` is the category's slug (`water`, `dispute`, …).
 * - `status`: `closed` for 已办结 and for 已撤回 (a resident withdrew it before anyone accepted;
 *   kept, not withheld, so a platform that copied it while open sees it end), `open` otherwise.
 *   `status_notes` says which, in the state's Chinese words (已接单 → 处理中, 待社区处理, 居民已撤回 …).
 * - `description`: what the resident wrote, with their name, phone, room and anything that looks
 *   like a phone or id number taken out; withheld (`（隐私类别不公开）`) for a private order or a
 *   private category (邻里纠纷, 养老助残: `CATEGORY_RULES[c].private`).
 * - `agency_responsible`: the place at the order's level (网格 / 社区 / 街道), by name.
 * - `address`: the building (`社区 › 网格 › 楼栋`), never the room; `lat`/`long` only when the
 *   resident placed a point on a public place (环境卫生, 公共设施, 安全隐患: `wherePrompt` point), never on a home, never for a private order.
 * - `expected_datetime`: the current level's deadline while the order waits on someone there; null
 *   once it is resolved (waiting on the resident's rating) or closed.
 * - Never: contact name or phone, room, poster, volunteer, photos (`media_url`), the resolution
 *   note, ratings or comments.
 * - Datetimes: Beijing time with its offset, `2026-11-23T10:00:00+08:00`.
 */

export const SERVICE_CODES = CATEGORIES.map((c) => CATEGORY_SLUGS[c]);
const CATEGORY_OF_CODE = new Map<string, Category>(CATEGORIES.map((c) => [CATEGORY_SLUGS[c], c]));
export const categoryOfCode = (code: string): Category | undefined => CATEGORY_OF_CODE.get(code);

const GROUPS: Record<Category, string> = {
  水电维修: '居家服务',
  家居小修: '居家服务',
  代买代办: '居家服务',
  环境卫生: '环境与设施',
  公共设施: '环境与设施',
  安全隐患: '环境与设施',
  邻里纠纷: '邻里与关爱',
  养老助残: '邻里与关爱',
  政策咨询: '政策咨询',
  其他: '其他',
};

/** `GET services.json`: the ten categories, in the post form's order. */
export function services(): GeoService[] {
  return CATEGORIES.map((c) => ({
    service_code: CATEGORY_SLUGS[c],
    service_name: c,
    description: `${c}：${CATEGORY_RULES[c].hint}${CATEGORY_RULES[c].private ? '（隐私类别：诉求内容不公开）' : ''}`,
    metadata: false as const,
    type: 'realtime' as const,
    keywords: [c, ...CATEGORY_RULES[c].hint.split('、')].join(','),
    group: GROUPS[c],
  }));
}

/** An instant as GeoReport wants it, in Beijing time: `2026-11-23T10:00:00+08:00`. */
export function beijingIso(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return `${new Date(ms + BEIJING_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19)}+08:00`;
}

/** States that count as `closed`; every other state is `open`. */
export const CLOSED_STATES: readonly OrderState[] = ['closed', 'cancelled'];
export const isClosed = (state: OrderState): boolean => CLOSED_STATES.includes(state);

/** What `status_notes` says: the state in the words the app uses, never a person. */
export function statusNotes(o: Pick<Order, 'state' | 'level' | 'closedAs' | 'desk'>): string {
  if (o.state === 'cancelled') return '居民已撤回';
  if (o.state === 'closed') return o.closedAs === 'unrated' ? '已办结（居民未评价）' : o.closedAs === 'review' ? '已办结（复核后办结）' : '已办结';
  if (o.state === 'resolved') return '已办理，待居民评价';
  return stateLabelAt(o.state, o.level, o.desk);
}

export const WITHHELD = '（隐私类别不公开）';

/** Is the order's description withheld from the view? */
export const isPrivate = (o: Pick<Order, 'private' | 'category'>): boolean => o.private || CATEGORY_RULES[o.category]?.private !== false;

/**
 * What the resident wrote, without the people in it: their name, phone, room and id, and any run of
 * digits long enough to be a phone, id card or bank number (masked ones too: `138****1234`).
 */
export function scrubbed(textIn: string, o: Pick<Order, 'contact' | 'place' | 'posterId'>): string {
  return withoutPeople(textIn, [...peopleOf(o), o.posterId]);
}

/** The names of the places an order hangs on (streets, communities, grids), by id. */
export type PlaceNames = ReadonlyMap<string, { name: string }>;

/** The place at the order's level, by name: `幸福里社区 第1网格`, `幸福里社区`, `红星街道`. */
export function agencyOf(o: Pick<Order, 'level' | 'place'>, names: PlaceNames): string {
  const p = o.place.path;
  const name = (id: string | undefined) => (id ? names.get(id)?.name : undefined);
  const parts = o.level === 'grid' ? [name(p.communityId), name(p.gridId)] : o.level === 'community' ? [name(p.communityId)] : [name(p.streetId)];
  const known = parts.filter((x): x is string => Boolean(x));
  return known.length === parts.length ? known.join(' ') : LEVEL_LABELS[o.level as Level];
}

/**
 * The milestones of an order: the latest is `updated_datetime`. They are stored as `toISOString`
 * (UTC, milliseconds), so they compare as strings: a page of 1,000 parses no dates for this.
 */
function lastChange(o: Order): string {
  let max = o.postedAt;
  for (const t of [o.levelSince, o.offer?.offeredAt, o.firstOfferedAt, o.acceptedAt, o.resolvedAt, o.ratedAt, o.closedAt, o.cancelledAt, o.reopenedAt]) if (t && t > max) max = t;
  return max;
}

/** One order as a GeoReport service request. */
export function toGeoRequest(o: Order, names: PlaceNames): GeoRequest {
  const hidden = isPrivate(o);
  const closed = isClosed(o.state);
  const request: GeoRequest = {
    service_request_id: o._id,
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(o),
    service_name: o.category,
    service_code: CATEGORY_SLUGS[o.category],
    description: hidden ? WITHHELD : scrubbed(o.description, o),
    agency_responsible: agencyOf(o, names),
    requested_datetime: beijingIso(o.postedAt),
    updated_datetime: beijingIso(lastChange(o)),
    expected_datetime: closed || o.state === 'resolved' ? null : beijingIso(o.levelDeadline),
    address: o.place.label ? scrubbed(o.place.label, o) : null,
  };
  // A point of a public place (a street light, a rubbish heap) is published; a point a resident put
  // on their own home is personal data and is not.
  if (o.place.point && !hidden && CATEGORY_RULES[o.category]?.wherePrompt === 'point') {
    request.lat = o.place.point.lat;
    request.long = o.place.point.lng;
  }
  return request;
}

/** The place ids whose names `agencyOf` reads, for one look-up per page. */
export function agencyPlaceIds(orders: readonly Pick<Order, 'level' | 'place'>[]): string[] {
  const ids = new Set<string>();
  for (const o of orders) {
    const p = o.place.path;
    for (const id of o.level === 'grid' ? [p.communityId, p.gridId] : o.level === 'community' ? [p.communityId] : [p.streetId]) if (id) ids.add(id);
  }
  return [...ids];
}
