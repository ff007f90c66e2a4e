import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, failSaying, ok } from '../../../shared/api/envelope';
import type { MeetingPatch } from '../../../shared/councils/meeting.lifecycle';
import { beijingMonth } from '../../../shared/kernel/time';
import type { NodeDoc } from '../../_core/nodes';
import type { Doc } from '../../_core/ports/store';
import { meetingAction, moveMeeting, overrunError, planOf } from '../meeting-steps';
import { checkTexts } from '../../_core/text-check';

/**
 * Changes a draft or published meeting. A published meeting's new time is told to its invitees (the
 * lifecycle's effect). Its invitations are not changed once they went out: a changed invitation
 * list of a published meeting is refused (MEETING.NOT_ALLOWED_NOW on the field, saying so) — cancel
 * it and convene again, so that nobody is left with an invitation the meeting no longer has.
 */
export const editMeeting = meetingAction(councilsApi.editMeeting, 'edit', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const store = ctx.ports.store;
  if (m.state === 'published' && (input.inviteRoles !== undefined || input.inviteeIds !== undefined)) {
    return failSaying(
      'MEETING.NOT_ALLOWED_NOW',
      input.inviteeIds !== undefined ? 'payload.inviteeIds' : 'payload.inviteRoles',
      '会议已发布，邀请名单不能再修改；如需调整，请取消会议后重新召集',
    );
  }
  if (input.startAt !== undefined && Date.parse(input.startAt) <= Date.parse(ctx.now)) return fail('MEETING.START_IN_PAST', 'payload.startAt');
  if (input.lengthMinutes !== undefined) {
    const over = overrunError(m.agenda, input.lengthMinutes, 'payload.lengthMinutes');
    if (over) return over;
  }
  const ids = [...new Set(input.inviteeIds ?? [])];
  const [station, invitees, checked] = await Promise.all([
    input.stationId ? store.get<NodeDoc>('nodes', input.stationId) : null,
    ids.length ? store.find<Doc>('users', { _id: { $in: ids } }, { limit: ids.length }) : [],
    checkTexts(ctx, [
      [input.title, 'payload.title'],
      [input.placeText, 'payload.placeText'],
    ]),
  ]);
  if (input.stationId && !(station && station.kind === 'station' && station.path.communityId === m.path.communityId)) return fail('CODE.NOT_FOUND', 'payload.stationId');
  if (invitees.length !== ids.length) return fail('COMMON.NOT_FOUND', 'payload.inviteeIds');
  if (!checked.ok) return checked;

  const patch: MeetingPatch = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.stationId !== undefined) patch.stationId = input.stationId;
  if (input.placeText !== undefined) patch.placeText = input.placeText;
  if (input.startAt !== undefined) {
    patch.startAt = new Date(Date.parse(input.startAt)).toISOString();
    patch.month = beijingMonth(input.startAt);
  }
  if (input.lengthMinutes !== undefined) patch.lengthMinutes = input.lengthMinutes;
  if (input.inviteRoles !== undefined) patch.inviteRoles = [...new Set(input.inviteRoles)];
  if (input.inviteeIds !== undefined) patch.inviteeIds = ids;
  const moved = await moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'edit', patch }]));
  return moved.ok ? ok(moved.data) : moved;
});
