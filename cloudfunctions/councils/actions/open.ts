import { councilsApi } from '../../../shared/councils/councils.contract';
import { meetingAction, moveMeeting, planOf } from '../meeting-steps';

/** 开始会议: sign-in opens (the screen shows the meeting's code). */
export const open = meetingAction(councilsApi.open, 'open', (ctx, _input, caller, ref) => moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'open' }])));
