import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail } from '../../../shared/api/envelope';
import { meetingAction, moveMeeting, notNow, planOf } from '../meeting-steps';

/** 开始表决 on one item: the signed-in participants may vote on it until it is decided. */
export const openVote = meetingAction(councilsApi.openVote, 'openVote', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'openVote', itemId: input.itemId });
  if (early) return early;
  // Already open: nothing to open again (the lifecycle's guards answer a missing or decided item).
  if (m.agenda.find((i) => i.id === input.itemId)?.voting === 'open') return fail('MEETING.NOT_ALLOWED_NOW', 'payload.itemId');
  return moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'openVote', itemId: input.itemId }]));
});
