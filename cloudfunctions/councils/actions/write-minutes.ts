import { councilsApi } from '../../../shared/councils/councils.contract';
import { meetingAction, moveMeeting, notNow, planOf } from '../meeting-steps';
import { checkText } from '../../_core/text-check';

/** 会议纪要: the recorder starts from the prefilled draft (the view's `minutesDraft`) and adds the discussion. */
export const writeMinutes = meetingAction(councilsApi.writeMinutes, 'writeMinutes', async (ctx, input, caller, ref) => {
  const early = notNow(ref.meeting, { type: 'writeMinutes', text: '' });
  if (early) return early;
  const checked = await checkText(ctx, input.text, 'payload.text');
  if (!checked.ok) return checked;
  return moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'writeMinutes', text: input.text }]));
});
