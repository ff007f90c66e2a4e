import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail } from '../../../shared/api/envelope';
import { FINAL_TOPIC_STATES, nextTopicState, raisersOf, type Topic, type TopicEvent } from '../../../shared/councils/topic.lifecycle';
import { timelineDocs } from '../../_core/mover';
import type { Doc } from '../../_core/ports/store';
import { loadTopic, type TopicDoc } from '../topic-store';
import { moveTopic, planOf, sideInserts, timelineActor, topicAction } from '../topic-steps';

/** A topic may be merged into another of the same grid that is still open: not turned down, merged or done. */
export const mergeTargetOk = (from: Pick<Topic, 'path'>, into: Pick<Topic, 'path' | 'state'>): boolean =>
  Boolean(from.path.gridId) && into.path.gridId === from.path.gridId && !FINAL_TOPIC_STATES.includes(into.state) && into.state !== 'done';

/**
 * A duplicate is merged into the topic it repeats: its proposer and supporters become the target's
 * supporters (the effect writes them, guarded by the target's version; a lost race reads it again),
 * and they are told.
 */
export const merge = topicAction(councilsApi.merge, 'merge', (ctx, input, caller, ref) => {
  const check = (into: TopicDoc | null) => (into && (into._id === ref.topic._id || mergeTargetOk(ref.topic, into)) ? into : null);
  let target: Promise<TopicDoc | null> | null = null;
  return moveTopic(ctx, caller, ref, async (topic, attempt) => {
    // Not mergeable in its state: the table answers before anything about the target.
    const sample: TopicEvent = { type: 'merge', into: { _id: '', title: '', version: 0, proposerId: null, supporters: [] } };
    if (nextTopicState(topic.state, sample) === null) return planOf(ctx, caller, [sample]);
    if (!target || attempt > 0) target = loadTopic(ctx.ports.store, input.intoId);
    const into = check(await target);
    if (!into) return fail('TOPIC.MERGE_TARGET', 'payload.intoId');
    // The supporters it gains, each with their row ("topics I supported") and a line on its timeline.
    const gained = raisersOf(topic).filter((id) => id !== into.proposerId && !into.supporters.includes(id));
    const rows: Doc[] = gained.map((userId) => ({ _id: `${into._id}.${userId}`, topicId: into._id, userId, path: into.path, at: ctx.now }));
    const lines =
      into._id === topic._id
        ? []
        : timelineDocs(
            ctx,
            { key: 'topicId', id: into._id },
            ctx.now,
            timelineActor(caller, into),
            [{ kind: 'merged', text: `合并议题「${topic.title}」，转入附议 ${gained.length} 人` }],
            'tev',
          );
    return planOf(
      ctx,
      caller,
      [{ type: 'merge', into: { _id: into._id, title: into.title, version: into.version, proposerId: into.proposerId, supporters: into.supporters, asRead: into } }],
      [sideInserts('topic_supports', rows), sideInserts('topic_events', lines)],
    );
  });
});
