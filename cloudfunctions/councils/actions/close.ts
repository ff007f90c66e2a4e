import { councilsApi } from '../../../shared/councils/councils.contract';
import type { Companion } from '../../_core/mover';
import { loadTopics, meetingAction, moveMeeting, notNow, planOf, topicCompanion } from '../meeting-steps';

/**
 * 结束会议: items not decided are deferred (暂缓), and their topics are back to adopted for a later
 * meeting, in the same transaction. Minutes are due: the convener is reminded after 48 hours.
 */
export const close = meetingAction(councilsApi.close, 'close', async (ctx, _input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'close' });
  if (early) return early;
  return moveMeeting(ctx, caller, ref, async () => {
    const open = m.agenda.filter((i) => i.kind === 'decide' && i.outcome === null);
    const topics = await loadTopics(
      ctx,
      open.map((i) => i.topicId),
    );
    const also: Companion[] = [];
    for (const t of topics.values()) {
      if (t.state !== 'scheduled' || t.meetingId !== m._id) continue;
      const deferred = topicCompanion(
        ctx,
        caller,
        m,
        t,
        [{ type: 'decide', meetingId: m._id, outcome: 'deferred', notes: '会议结束时未表决，暂缓', tally: null, actions: [] }],
        'MEETING.NOT_ALLOWED_NOW',
      );
      if (!deferred.ok) return deferred;
      also.push(deferred.data);
    }
    return planOf(ctx, caller, [{ type: 'close' }], also);
  });
});
