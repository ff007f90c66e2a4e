import type { TimelineEntry } from '../../shared/kernel/lifecycle';
import { topicLifecycle, type Topic, type TopicContext, type TopicEvent, type TopicState } from '../../shared/councils/topic.lifecycle';
import { DEFAULT_SUPPORT_THRESHOLD } from '../../shared/councils/topic.lifecycle';
import type { Stored } from '../_core/mover';
import type { Doc, Store } from '../_core/ports/store';

export type TopicDoc = Topic & Doc;
export type TopicEventRecord = TimelineEntry & Doc & { topicId: string };

/** Where topics and their timelines live: the topic lifecycle's binding for the mover. */
export const TOPICS: Stored<TopicState, TopicEvent, Topic, TopicContext> = {
  lifecycle: topicLifecycle,
  collection: 'topics',
  timeline: { collection: 'topic_events', subjectKey: 'topicId', idPrefix: 'tev' },
};

export async function loadTopic(store: Store, id: string): Promise<TopicDoc | null> {
  return store.get<TopicDoc>('topics', id);
}

/** A topic's timeline, oldest first. */
export async function loadTopicTimeline(store: Store, topicId: string): Promise<TopicEventRecord[]> {
  return store.find<TopicEventRecord>(
    'topic_events',
    { topicId },
    {
      sort: [
        ['topicId', 1],
        ['at', 1],
      ],
      limit: 500,
    },
  );
}

/** A grid's support threshold (附议人数): set by the community, 5 by default. */
export interface CouncilSettings extends Doc {
  supportThreshold: number;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export async function thresholdOf(store: Store, gridId: string): Promise<number> {
  const s = await store.get<CouncilSettings>('council_settings', gridId);
  return s?.supportThreshold ?? DEFAULT_SUPPORT_THRESHOLD;
}
