import { councilsApi } from '../../../shared/councils/councils.contract';
import type { Companion } from '../../_core/mover';
import { loadTopics, meetingAction, moveMeeting, notNow, planOf, topicCompanion } from '../meeting-steps';
import { checkText } from '../../_core/text-check';

/** 取消 with a reason the invitees are told; the topics on its agenda are back to adopted, free for another meeting. */
export const cancel = meetingAction(councilsApi.cancel, 'cancel', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'cancel', reason: '' });
  if (early) return early;
  const checked = await checkText(ctx, input.reason, 'payload.reason');
  if (!checked.ok) return checked;
  return moveMeeting(ctx, caller, ref, async () => {
    const topics = await loadTopics(
      ctx,
      m.agenda.filter((i) => i.kind === 'decide').map((i) => i.topicId),
    );
    const also: Companion[] = [];
    for (const t of topics.values()) {
      if (t.state !== 'scheduled' || t.meetingId !== m._id) continue;
      const back = topicCompanion(ctx, caller, m, t, [{ type: 'unschedule', reason: `会议「${m.title}」已取消：${input.reason}` }], 'MEETING.NOT_ALLOWED_NOW');
      if (!back.ok) return back;
      also.push(back.data);
    }
    return planOf(ctx, caller, [{ type: 'cancel', reason: input.reason }], also);
  });
});
