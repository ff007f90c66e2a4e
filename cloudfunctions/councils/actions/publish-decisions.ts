import { councilsApi } from '../../../shared/councils/councils.contract';
import { meetingAction, moveMeeting, planOf } from '../meeting-steps';

/**
 * 决议公示: with minutes, once. The invitees are told the minutes are out, and every resident of the
 * grid (or community) gets the 公示 notice; the grid's decisions page lists it from then on.
 */
export const publishDecisions = meetingAction(councilsApi.publishDecisions, 'publishDecisions', (ctx, _input, caller, ref) =>
  moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'publishDecisions' }])),
);
