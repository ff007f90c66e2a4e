import type { PlacePath } from '../territory/territory.schema';

/**
 * The councils domain owns its topics (议题). A topic made from an order is a dispute for a
 * 民事协调会: private (only invited participants and leaders of the place see it), at the order's
 * place, proposed. One topic per order (its id).
 */
export interface TopicSeed {
  _id: string;
  title: string;
  source: 'order';
  sourceOrderId: string;
  meetingType: '民事协调会';
  private: true;
  path: PlacePath;
  status: 'proposed';
  createdBy: string;
  createdAt: string;
  version: 1;
  [key: string]: unknown;
}

export function topicFromOrder(order: { _id: string; place: { path: PlacePath } }, title: string, by: string, now: string): TopicSeed {
  return {
    _id: `top_${order._id.slice(4)}`,
    title,
    source: 'order',
    sourceOrderId: order._id,
    meetingType: '民事协调会',
    private: true,
    path: order.place.path,
    status: 'proposed',
    createdBy: by,
    createdAt: now,
    version: 1,
  };
}
