import { ok } from '../../../shared/api/envelope';
import { beijingDate } from '../../../shared/kernel/time';
import { privacyApi } from '../../../shared/privacy/privacy.contract';
import { loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc, Filter, SortSpec, Store } from '../../_core/ports/store';
import {
  consentRecords,
  councilRecords,
  followedRecords,
  leaderLabel,
  lineRecords,
  messageRecords,
  postedRecords,
  profileRecords,
  revealRecords,
  roleRecords,
  section,
  serviceRecords,
  surveyRecords,
  webRecords,
  workRecords,
} from '../export-sections';

type D = Doc & Record<string, unknown>;
const PAGE = 1000;
/** Every document of a person's query, a page at a time through its index (a person rarely fills one page). */
async function all(store: Store, collection: string, filter: Filter, sort?: SortSpec): Promise<D[]> {
  const out: D[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.find<D>(collection, filter, { ...(sort ? { sort } : {}), skip, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}
const byIds = async (store: Store, collection: string, ids: readonly string[]): Promise<Map<string, D>> => {
  const unique = [...new Set(ids)];
  const docs = unique.length ? await all(store, collection, { _id: { $in: unique } }) : [];
  return new Map(docs.map((d) => [d._id, d]));
};

/**
 * 导出我的数据 (PIPL art. 45): everything stored about the caller, and only the caller (identity from
 * the server; the input names nobody), in sections with a readable line per record. Where each
 * collection's data goes is `personal-data.ts`. Two rounds of parallel indexed reads, then names.
 */
export const exportMine = defineAction(privacyApi.exportMine, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor) => {
    const { store } = ctx.ports;
    const me = actor.user._id;
    const user = (await store.get<D>('users', me)) ?? (actor.user as unknown as D);
    const mine = (collection: string, field: string, sortField?: string) =>
      all(
        store,
        collection,
        { [field]: me },
        sortField
          ? [
              [field, 1],
              [sortField, -1],
            ]
          : undefined,
      );
    const [
      posted,
      postedBy,
      assigned,
      followers,
      lines,
      created,
      redeemed,
      volunteer,
      entries,
      duties,
      topics,
      supports,
      ratings,
      attendance,
      ballots,
      rolls,
      invitations,
      reveals,
      messages,
      sessions,
      tasks,
      surveys,
    ] = await Promise.all([
      mine('orders', 'posterId', 'postedAt'),
      mine('orders', 'postedBy', 'postedAt'),
      mine('orders', 'assigneeId'),
      mine('order_followers', 'userId', 'at'),
      mine('order_events', 'actorId', 'at'),
      mine('invites', 'createdBy', 'createdAt'),
      mine('invites', 'redeemedBy', 'redeemedAt'),
      store.get<D>('volunteers', me),
      mine('service_records', 'volunteerId', 'at'),
      mine('duty', 'userId'),
      mine('topics', 'proposerId', 'createdAt'),
      mine('topic_supports', 'userId', 'at'),
      mine('topic_ratings', 'userId', 'at'),
      mine('council_attendance', 'userId', 'at'),
      mine('council_ballots', 'voterId'),
      mine('council_rolls', 'userId', 'at'),
      mine('meeting_invitations', 'userId', 'at'),
      mine('audit', 'reveal.personId', 'at'),
      mine('outbox', 'recipientId', 'createdAt'),
      mine('web_sessions', 'userId', 'createdAt'),
      mine('liuyou_tasks', 'ownerId'),
      mine('compound_surveys', 'userId', 'updatedAt'),
    ]);
    const meetingIds = [...attendance, ...ballots, ...rolls, ...invitations].map((d) => String(d.meetingId));
    const leaderIds = [...new Set(reveals.filter((r) => (r.reveal as { as: string }).as === 'leader').map((r) => String(r.actorId)))];
    const [followed, meetings, topicTitles, nodes, leaderUsers, leaderRoles] = await Promise.all([
      byIds(
        store,
        'orders',
        followers.map((f) => String(f.orderId)),
      ),
      byIds(store, 'meetings', meetingIds),
      byIds(
        store,
        'topics',
        supports.map((s) => String(s.topicId)),
      ),
      loadNodes(
        store,
        actor.memberships.map((m) => m.nodeId),
      ),
      byIds(store, 'users', leaderIds),
      Promise.all(leaderIds.map((id) => store.find<D>('memberships', { userId: id }, { limit: 100 }))),
    ]);
    const leaders = new Map(
      leaderIds.map((id, i) => [
        id,
        leaderLabel(
          String(leaderUsers.get(id)?.name ?? ''),
          (leaderRoles[i] ?? []).map((m) => String(m.role)),
        ),
      ]),
    );
    const orders = [...new Map([...posted, ...postedBy].map((o) => [o._id, o])).values()];
    return ok({
      format: 'honglin.personal-data/1' as const,
      generatedAt: ctx.now,
      userId: me,
      fileName: `红邻-我的数据-${beijingDate(ctx.now).replaceAll('-', '')}.json`,
      sections: [
        section('profile', profileRecords(user)),
        section(
          'roles',
          roleRecords(actor.memberships as unknown as D[], [...created, ...redeemed], me, (id) => nodes.get(id)?.name ?? id),
        ),
        section('orders', [...postedRecords(orders, me), ...followedRecords(followers, followed, me)]),
        section('work', workRecords(assigned, tasks)),
        section('comments', lineRecords(lines)),
        section('service', serviceRecords(volunteer, user.volunteer, entries, duties)),
        section(
          'councils',
          councilRecords({
            topics,
            supports,
            ratings,
            attendance,
            ballots,
            rolls,
            invitations,
            meetings,
            topicTitles: new Map([...topicTitles].map(([id, t]) => [id, String(t.title)])),
          }),
        ),
        section('surveys', surveyRecords(surveys)),
        section('consents', consentRecords(user)),
        section('reveals', revealRecords(reveals, leaders)),
        section('messages', messageRecords(messages)),
        section('web', webRecords(sessions)),
      ],
    });
  },
});
