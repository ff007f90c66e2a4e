import type { Actor as Caller } from '../../../shared/accounts/accounts.policy';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { maySeeMeeting, meetingRelation } from '../../../shared/councils/councils.policy';
import { MEETING_STATE_LABELS } from '../../../shared/councils/meeting.lifecycle';
import { COMMUNITY_KINDS } from '../../../shared/territory/territory.domain';
import { loadNodeOf, type NodeDoc } from '../../_core/nodes';
import { defineAction, type ActionContext } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import type { MeetingDoc } from '../meeting-store';
import { placeLabels } from '../meeting-view';

/** How many of one list are read before paging: a person convenes or is invited to a few a month. */
const READ = 500;

/** Meetings I convene (convener index) and meetings I am invited to (meeting_invitations), merged newest first. */
async function mine(ctx: ActionContext, caller: Caller): Promise<MeetingDoc[]> {
  const store = ctx.ports.store;
  const me = caller.user._id;
  const [convened, invitations] = await Promise.all([
    store.find<MeetingDoc>(
      'meetings',
      { convenerId: me },
      {
        sort: [
          ['convenerId', 1],
          ['startAt', -1],
        ],
        limit: READ,
      },
    ),
    store.find<Doc & { meetingId: string }>(
      'meeting_invitations',
      { userId: me },
      {
        sort: [
          ['userId', 1],
          ['at', -1],
        ],
        limit: READ,
      },
    ),
  ]);
  const known = new Set(convened.map((m) => m._id));
  const more = [...new Set(invitations.map((i) => i.meetingId))].filter((id) => !known.has(id));
  const invited = more.length ? await store.find<MeetingDoc>('meetings', { _id: { $in: more } }, { limit: more.length }) : [];
  return [...convened, ...invited];
}

/** The meetings of a grid (convened for it) or of a community or settlement (every meeting in it). */
async function ofPlace(ctx: ActionContext, node: NodeDoc): Promise<MeetingDoc[]> {
  const grid = node.kind === 'grid';
  return ctx.ports.store.find<MeetingDoc>('meetings', grid ? { nodeId: node._id } : { 'path.communityId': node._id }, {
    sort: [
      [grid ? 'nodeId' : 'path.communityId', 1],
      ['startAt', -1],
    ],
    limit: READ,
  });
}

/**
 * My meetings (convened or invited to), or a place's meetings that the caller may see: a draft
 * only for its organisers, a private 民事协调会 only for its invitees and the leaders of its place.
 */
export const listMeetings = defineAction(councilsApi.listMeetings, {
  load: async (ctx, input, caller) => {
    if (input.view !== 'place') return ok(null);
    const nodeId = input.nodeId ?? caller.user.home?.path.gridId;
    if (!nodeId) return fail('COMMON.INVALID_INPUT', 'payload.nodeId');
    return loadNodeOf(ctx.ports.store, nodeId, 'payload.nodeId', ['grid', ...COMMUNITY_KINDS]);
  },
  authorize: () => ({ allow: true }),
  run: async (ctx, input, caller, node) => {
    const found = node ? await ofPlace(ctx, node) : await mine(ctx, caller);
    const visible = found
      .filter((m) => maySeeMeeting(meetingRelation(caller, m), m))
      .sort((a, b) => (a.startAt === b.startAt ? a._id.localeCompare(b._id) : a.startAt < b.startAt ? 1 : -1));
    const page = visible.slice(input.offset, input.offset + input.limit);
    const placeOf = await placeLabels(ctx, page);
    const meetings = page.map((m) => {
      const r = meetingRelation(caller, m);
      return {
        id: m._id,
        type: m.type,
        title: m.title,
        state: m.state,
        stateLabel: MEETING_STATE_LABELS[m.state],
        placeLabel: placeOf(m),
        placeText: m.placeText,
        startAt: m.startAt,
        lengthMinutes: m.lengthMinutes,
        items: m.agenda.length,
        mine: r.convener,
        invited: r.invited,
      };
    });
    return ok({ meetings, total: visible.length, offset: input.offset, limit: input.limit });
  },
});
