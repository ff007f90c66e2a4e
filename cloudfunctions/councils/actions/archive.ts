import { councilsApi } from '../../../shared/councils/councils.contract';
import { meetingAction, moveMeeting, planOf } from '../meeting-steps';

/** 归档: only with minutes (MEETING.MINUTES_REQUIRED otherwise, the lifecycle's guard). */
export const archive = meetingAction(councilsApi.archive, 'archive', (ctx, _input, caller, ref) => moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'archive' }])));
