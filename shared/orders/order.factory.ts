import { stableHash } from '../kernel/hash';
import { beijingMonth } from '../kernel/time';
import type { PlacePath } from '../territory/territory.schema';
import { CATEGORY_RULES, type Category } from './categories';
import { levelDeadline } from './escalation';
import type { Order, OrderPoint } from './orders.schema';

/** What a post says, after the contract parsed it and the handler found the building. */
export interface NewOrderInput extends Pick<
  Order,
  'posterId' | 'postedBy' | 'clientKey' | 'category' | 'description' | 'photos' | 'urgency' | 'preferredTime' | 'contact' | 'onBehalf'
> {
  building: { _id: string; path: PlacePath };
  /** `社区 › 网格 › 楼`, as the order shows its place. */
  placeLabel: string;
  room: string | null;
  point: OrderPoint | null;
  now: string;
}

/** One order per poster and client key: a post sent twice is the same order. */
export const orderIdOf = (posterId: string, clientKey: string): string => `ord_${stableHash(`${posterId}:${clientKey}`)}`;

/** A new order, dispatching at the grid with the grid's clock running. */
export function newOrder(i: NewOrderInput): Order {
  return {
    _id: orderIdOf(i.posterId, i.clientKey),
    version: 1,
    posterId: i.posterId,
    postedBy: i.postedBy,
    onBehalf: i.onBehalf,
    clientKey: i.clientKey,
    category: i.category,
    description: i.description,
    photos: i.photos,
    urgency: i.urgency,
    preferredTime: i.preferredTime,
    place: { path: i.building.path, buildingId: i.building._id, room: i.room, point: i.point, label: i.placeLabel },
    contact: i.contact,
    private: CATEGORY_RULES[i.category].private,
    state: 'dispatching',
    level: 'grid',
    maxLevel: 'grid',
    levelSince: i.now,
    levelDeadline: levelDeadline('grid', i.now),
    breaches: 0,
    offer: null,
    excluded: [],
    failedOffers: 0,
    assigneeId: null,
    dispatchReason: null,
    postedAt: i.now,
    month: beijingMonth(i.now),
    firstOfferedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    ratedAt: null,
    closedAt: null,
    cancelledAt: null,
    reopenedAt: null,
    closedAs: null,
    resolution: null,
    rating: null,
    reopenCount: 0,
    handBacks: 0,
    cancelReason: null,
    topicId: null,
  };
}

/** The first timeline line of a post, in the words of who posted it. */
export const postedLine = (category: Category, onBehalf: boolean) => ({ kind: 'posted', text: onBehalf ? `网格长为居民代办：${category}` : `居民发布：${category}` });

/** The post page showed the number to call for these words; the resident said it is not an emergency. */
export const notEmergencyLine = (what: string) => ({ kind: 'posted', text: `发布时提示了紧急电话（${what}），居民确认不是紧急情况` });
