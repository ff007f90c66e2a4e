import { councilsApi } from '../../../shared/councils/councils.contract';
import { ok } from '../../../shared/api/envelope';
import { meetingAction } from '../meeting-steps';
import { toMeetingView } from '../meeting-view';

/** One meeting as the caller may see it: agenda with live tallies, quorum, sign-ins, minutes, timeline. */
export const getMeeting = meetingAction(
  councilsApi.getMeeting,
  'get',
  async (ctx, _input, caller, ref) => ok({ meeting: await toMeetingView(ctx, caller, ref.meeting, { events: ref.events, attendance: ref.attendance ?? [] }) }),
  { attendance: true },
);
