import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok, type Result } from '../../../shared/api/envelope';
import { readScene, type UserDoc } from '../../stations/steps';
import type { ActionContext } from '../../_core/pipeline';
import { meetingAction, notInSession, recordSignIn, type MeetingRef } from '../meeting-steps';
import { checkText } from '../../_core/text-check';
import type { Attendance } from '../meeting-store';

type Person = { userId: string | null; name: string; via: Attendance['via'] };

/** Who the organiser signs in: the owner of a scanned 个人码, an invitee picked from the list, or a name. */
async function personOf(
  ctx: ActionContext,
  ref: MeetingRef,
  input: { scene?: string | undefined; userId?: string | undefined; name?: string | undefined },
): Promise<Result<Person>> {
  if (input.scene !== undefined) {
    const read = readScene(ctx.ports, input.scene, ctx.now);
    if (!read.ok) return read;
    if (read.data.kind !== 'person') return fail('CODE.WRONG_KIND', 'payload.scene');
    const [user] = await ctx.ports.store.find<UserDoc>('users', { personalToken: read.data.token }, { limit: 1 });
    return user ? ok({ userId: user._id, name: user.name, via: 'scan' }) : fail('CODE.NOT_FOUND', 'payload.scene');
  }
  if (input.userId !== undefined) {
    const invitee = ref.meeting.invitees.find((i) => i.userId === input.userId);
    return invitee ? ok({ userId: invitee.userId, name: invitee.name, via: 'pick' }) : fail('COMMON.NOT_FOUND', 'payload.userId');
  }
  const name = input.name ?? '';
  const checked = await checkText(ctx, name, 'payload.name');
  return checked.ok ? ok({ userId: null, name, via: 'hand' }) : checked;
}

/**
 * 代签到 by an organiser, while the meeting is in session: scanning a participant's personal code,
 * picking an invitee from the list, or writing down the name of someone without a phone.
 */
export const signInFor = meetingAction(
  councilsApi.signInFor,
  'signInFor',
  async (ctx, input, caller, ref) => {
    const closed = notInSession(ref.meeting);
    if (closed) return closed;
    const person = await personOf(ctx, ref, input);
    if (!person.ok) return person;
    return recordSignIn(ctx, caller, ref, { userId: person.data.userId, name: person.data.name }, person.data.via);
  },
  { attendance: true, timeline: false },
);
