import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail } from '../../../shared/api/envelope';
import { readScene } from '../../stations/steps';
import { meetingAction, notInSession, recordSignIn } from '../meeting-steps';

/**
 * 扫码签到: someone who may see the meeting scans the code on the station screen while it is in
 * session. The scene must be this meeting's, and fresh (a photo of an old code: CODE.EXPIRED).
 */
export const signIn = meetingAction(
  councilsApi.signIn,
  'signIn',
  async (ctx, input, caller, ref) => {
    const m = ref.meeting;
    const closed = notInSession(m);
    if (closed) return closed;
    const read = readScene(ctx.ports, input.scene, ctx.now);
    if (!read.ok) return read;
    if (read.data.kind !== 'meeting') return fail('CODE.WRONG_KIND', 'payload.scene');
    if (read.data.meetingId !== m._id) return fail('CODE.INVALID', 'payload.scene');
    return recordSignIn(ctx, caller, ref, { userId: caller.user._id, name: caller.user.name }, 'code');
  },
  { attendance: true, timeline: false },
);
