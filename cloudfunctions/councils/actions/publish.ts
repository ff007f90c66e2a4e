import type { Membership } from '../../../shared/accounts/accounts.schema';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { ok } from '../../../shared/api/envelope';
import type { Invitee, Meeting } from '../../../shared/councils/meeting.lifecycle';
import { INVITABLE_ROLE_LABELS, type InvitableRole } from '../../../shared/councils/meeting.types';
import type { ActionContext } from '../../_core/pipeline';
import type { Doc, TxOp } from '../../_core/ports/store';
import { loadTopics, meetingAction, moveMeeting, notNow, planOf } from '../meeting-steps';

/** At most this many role holders of a place are invited (a grid has a few dozen). */
const MAX_BY_ROLE = 1000;

/**
 * Everyone the meeting invites, one invitee per person and never its convener: the holders of the
 * invited roles in its grid (or its community), the people invited by name (居民代表), and the
 * proposers of the topics on its agenda. A person who is several of these is invited once, as the
 * first of them. Names come from the users.
 */
export async function resolveInvitees(ctx: ActionContext, m: Meeting): Promise<Invitee[]> {
  const store = ctx.ports.store;
  const key = m.level === 'grid' ? 'gridId' : 'communityId';
  const placeId = m.path[key] ?? '';
  const [members, topics] = await Promise.all([
    m.inviteRoles.length
      ? store.find<Membership & Doc>(
          'memberships',
          { [`path.${key}`]: placeId, role: { $in: [...m.inviteRoles] } },
          {
            sort: [
              [`path.${key}`, 1],
              ['grantedAt', 1],
            ],
            limit: MAX_BY_ROLE,
          },
        )
      : [],
    loadTopics(
      ctx,
      m.agenda.map((i) => i.topicId),
    ),
  ]);
  const wanted: { userId: string; roleLabel: string; via: Invitee['via'] }[] = [
    ...members.map((ms) => ({ userId: ms.userId, roleLabel: INVITABLE_ROLE_LABELS[ms.role as InvitableRole], via: 'role' as const })),
    ...m.inviteeIds.map((userId) => ({ userId, roleLabel: '居民代表', via: 'name' as const })),
    ...m.agenda.flatMap((i) => {
      const proposerId = topics.get(i.topicId)?.proposerId;
      return proposerId ? [{ userId: proposerId, roleLabel: '议题提出人', via: 'proposer' as const }] : [];
    }),
  ];
  const ids = [...new Set(wanted.map((w) => w.userId))].filter((id) => id !== m.convenerId);
  const users = ids.length ? await store.find<Doc & { name: string }>('users', { _id: { $in: ids } }, { limit: ids.length }) : [];
  const names = new Map(users.map((u) => [u._id, u.name]));
  const seen = new Set<string>();
  const invitees: Invitee[] = [];
  for (const w of wanted) {
    const name = names.get(w.userId);
    if (name === undefined || seen.has(w.userId)) continue;
    seen.add(w.userId);
    invitees.push({ userId: w.userId, name, roleLabel: w.roleLabel, via: w.via });
  }
  return invitees;
}

/** One `meeting_invitations` row per invitee: what "meetings I am invited to" reads. */
export const invitationInserts = (m: Pick<Meeting, '_id'>, invitees: readonly Invitee[], at: string): TxOp[] =>
  invitees.map((i) => ({ op: 'insert', collection: 'meeting_invitations', doc: { _id: `${m._id}.${i.userId}`, meetingId: m._id, userId: i.userId, via: i.via, at } }));

/** 发布: the invitations go out (the lifecycle's effect tells each invitee), reminders are set. */
export const publish = meetingAction(councilsApi.publish, 'publish', async (ctx, _input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'publish', invitees: [] });
  if (early) return early;
  const moved = await moveMeeting(ctx, caller, ref, async () => {
    const invitees = await resolveInvitees(ctx, m);
    return planOf(ctx, caller, [{ type: 'publish', invitees }], [{ ops: invitationInserts(m, invitees, ctx.now), notify: [] }]);
  });
  return moved.ok ? ok(moved.data) : moved;
});
