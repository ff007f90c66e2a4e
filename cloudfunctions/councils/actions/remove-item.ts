import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail } from '../../../shared/api/envelope';
import type { Companion } from '../../_core/mover';
import { loadTopic } from '../topic-store';
import { meetingAction, moveMeeting, notNow, planOf, topicCompanion } from '../meeting-steps';

/**
 * 移出议程: the item goes, and its topic is back to adopted (free for another agenda) in the same
 * transaction. A review item's topic stays marked as reviewed by this meeting: the topic lifecycle
 * has no step that takes a review back.
 */
export const removeItem = meetingAction(councilsApi.removeItem, 'removeItem', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'setAgenda', agenda: [], nextItem: 0, change: '' });
  if (early) return early;
  const item = m.agenda.find((i) => i.id === input.itemId);
  if (!item) return fail('MEETING.ITEM_NOT_FOUND', 'payload.itemId');
  return moveMeeting(ctx, caller, ref, async () => {
    const also: Companion[] = [];
    if (item.kind === 'decide') {
      const topic = await loadTopic(ctx.ports.store, item.topicId);
      if (topic && topic.state === 'scheduled' && topic.meetingId === m._id) {
        const back = topicCompanion(ctx, caller, m, topic, [{ type: 'unschedule', reason: `从「${m.title}」的议程移出` }], 'MEETING.NOT_ALLOWED_NOW');
        if (!back.ok) return back;
        also.push(back.data);
      }
    }
    const agenda = m.agenda.filter((i) => i.id !== item.id);
    return planOf(ctx, caller, [{ type: 'setAgenda', agenda, nextItem: m.nextItem, change: `移出议程：${item.title}` }], also);
  });
});
