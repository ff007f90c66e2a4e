import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { mayConvene } from '../../../shared/councils/councils.policy';
import type { Meeting } from '../../../shared/councils/meeting.lifecycle';
import { meetingIdOf, newMeeting } from '../../../shared/councils/topic.factory';
import type { Change } from '../../../shared/kernel/lifecycle';
import { create } from '../../_core/mover';
import { COMMUNITY_KINDS } from '../../../shared/territory/territory.domain';
import { loadNodeOf, type NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import { loadMeeting, MEETINGS, type MeetingDoc } from '../meeting-store';
import { timelineActor } from '../meeting-steps';
import { checkTexts } from '../../_core/text-check';
import { toMeetingView } from '../meeting-view';

/**
 * 召集会议: a grid leader for their grid, a community admin for their community (or a grid of it),
 * at one of the community's stations or another place, some time from now. A draft: nobody is told
 * until it is published. The same client key sent again answers the meeting it made.
 */
export const createMeeting = defineAction(councilsApi.createMeeting, {
  load: async (ctx, input, caller) => {
    const store = ctx.ports.store;
    const ids = [...new Set(input.inviteeIds)];
    const [node, station, invitees, existing] = await Promise.all([
      loadNodeOf(store, input.nodeId, 'payload.nodeId', ['grid', ...COMMUNITY_KINDS]),
      input.stationId ? store.get<NodeDoc>('nodes', input.stationId) : null,
      ids.length ? store.find<Doc>('users', { _id: { $in: ids } }, { limit: ids.length }) : [],
      loadMeeting(store, meetingIdOf(caller.user._id, input.clientKey)),
    ]);
    if (!node.ok) return node;
    return ok({ node: node.data, station, found: new Set(invitees.map((u) => u._id)), existing });
  },
  authorize: (caller, _input, { node }) => (mayConvene(caller, node) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, { node, station, found, existing }) => {
    // The same key again: the first meeting stands.
    if (existing) return ok({ meeting: await toMeetingView(ctx, caller, existing, { timeline: true }) });
    if (Date.parse(input.startAt) <= Date.parse(ctx.now)) return fail('MEETING.START_IN_PAST', 'payload.startAt');
    if (input.stationId && !(station && station.kind === 'station' && station.path.communityId === node.path.communityId)) return fail('CODE.NOT_FOUND', 'payload.stationId');
    if (input.inviteeIds.some((id) => !found.has(id))) return fail('COMMON.NOT_FOUND', 'payload.inviteeIds');
    const checked = await checkTexts(ctx, [
      [input.title, 'payload.title'],
      [input.placeText, 'payload.placeText'],
    ]);
    if (!checked.ok) return checked;

    const doc = newMeeting({
      convener: { id: caller.user._id, name: caller.user.name },
      clientKey: input.clientKey,
      type: input.type,
      title: input.title,
      // A settlement's meetings are convened at the community level, like a community's.
      node: { _id: node._id, kind: node.kind === 'grid' ? 'grid' : 'community', path: node.path },
      stationId: input.stationId ?? null,
      placeText: input.placeText,
      startAt: input.startAt,
      lengthMinutes: input.lengthMinutes,
      inviteRoles: [...new Set(input.inviteRoles)],
      inviteeIds: [...new Set(input.inviteeIds)],
      now: ctx.now,
    });
    const change: Change<Meeting> = {
      after: doc,
      set: {},
      inc: {},
      timeline: [{ kind: 'create', text: `召集${doc.type}（草稿）` }],
      notify: [],
      audit: { event: 'meeting.create', type: doc.type },
      writes: [],
    };
    const made = await create(ctx, MEETINGS, doc as MeetingDoc, change, timelineActor(caller, doc));
    if (!made.ok) {
      // The same key twice at the same moment: the first one stands.
      const first = await loadMeeting(ctx.ports.store, doc._id);
      return first ? ok({ meeting: await toMeetingView(ctx, caller, first, { timeline: true }) }) : fail('COMMON.CONFLICT');
    }
    return ok({ meeting: await toMeetingView(ctx, caller, made.doc as MeetingDoc, { events: made.lines as never, attendance: [] }) });
  },
});
