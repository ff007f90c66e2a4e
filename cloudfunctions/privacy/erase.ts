import type { Membership, User } from '../../shared/accounts/accounts.schema';
import { ADMIN_ROLES, LEADER_ROLES } from '../../shared/accounts/roles';
import { ok } from '../../shared/api/envelope';
import { stableHash } from '../../shared/kernel/hash';
import { ROLLED_UP_COLLECTIONS } from '../../shared/kernel/rollup';
import type { Notice } from '../../shared/kernel/lifecycle';
import { isFinal, stateLabelAt } from '../../shared/orders/order.machine';
import type { OpenOrderChoice } from '../../shared/privacy/privacy.schema';
import { applyPatch } from '../_core/adapters/patch';
import { move, resolveNotices } from '../_core/mover';
import type { Notification, Ports } from '../_core/ports';
import type { Doc, Patch, TxOp, TxResult } from '../_core/ports/store';
import { ORDERS, type OrderDoc, type VolunteerRecord } from '../orders/order-store';
import { ERASED_NAME } from './personal-data';

/**
 * Who writes an erasure: the deleteAccount action's context (its `transact` fenced by the call's
 * replay claim, audited as the person) or the scheduler's `systemWriter` (the inactive-account job,
 * audited as the platform). Both write the change, its audit entry and its outbox rows together.
 */
export interface EraseWriter {
  ports: Ports;
  now: string;
  transact(ops: readonly TxOp[], note: { subjectId: string; detail?: Record<string, string | number | boolean | null> }, notify?: readonly Notification[]): Promise<TxResult>;
}

export interface EraseResult {
  cancelled: number;
  handedOver: number;
  rolesReleased: number;
}

/** Thrown when a document changed under the erasure: nothing of that step was written; calling again goes on where it stopped. */
export class EraseConflict extends Error {
  constructor(what: string) {
    super(`erase: ${what} changed meanwhile`);
    this.name = 'EraseConflict';
  }
}

/** CloudBase transactions stay small. */
export const ERASE_BATCH = 100;
const PAGE = 1000;
/** The openid of an erased account: nobody's WeChat identity, so the same person comes back as someone new. */
export const TOMBSTONE_PREFIX = 'deleted:';
export const isErased = (user: Pick<User, 'openid'>): boolean => user.openid.startsWith(TOMBSTONE_PREFIX);

type UserDoc = User & Doc & { personalToken?: string };
type MembershipDoc = Membership & Doc;
type AnyDoc = Doc & Record<string, unknown>;

/** The replay keys of one person: every key starts with the hash of their openid (`_core/pipeline.ts`). */
export const replayPrefixOf = (openid: string): string => `${stableHash(openid)}:`;

/** A membership's place id (the node it is held at). */
const nodeOf = (m: Pick<Membership, 'nodeId'>) => m.nodeId;

/**
 * The places where the person is the only holder of an admin role (网格长, 社区书记, 街道管理员):
 * deleting the account would leave the place without anyone to run it or to invite a successor.
 */
export async function soleAdminPlaces(ports: Pick<Ports, 'store'>, memberships: readonly Membership[]): Promise<MembershipDoc[]> {
  const held = memberships.filter((m) => (ADMIN_ROLES as readonly string[]).includes(m.role));
  const key = (m: Membership) => (m.nodeKind === 'street' ? 'streetId' : m.nodeKind === 'community' || m.nodeKind === 'settlement' ? 'communityId' : 'gridId');
  const counts = await Promise.all(held.map((m) => ports.store.count('memberships', { [`path.${key(m)}`]: nodeOf(m), nodeId: nodeOf(m), role: m.role })));
  return held.filter((_, i) => (counts[i] ?? 0) <= 1) as MembershipDoc[];
}

/** Every string in `value` with `name` replaced; the same object when nothing changed. */
function renamed(value: unknown, name: string | null): unknown {
  if (!name) return value;
  if (typeof value === 'string') return value.includes(name) ? value.split(name).join(ERASED_NAME) : value;
  if (Array.isArray(value)) {
    const out = value.map((v) => renamed(v, name));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = renamed(v, name);
      if (out[k] !== v) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}

/** The top-level fields of `doc` in which the name stood, renamed. */
function renamePatch(doc: AnyDoc, name: string | null): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_id' || k === 'version') continue;
    const r = renamed(v, name);
    if (r !== v) set[k] = r;
  }
  return set;
}

/** Rolled-up collections: an update carries the document as read (the rollups' difference is zero here). */
const ROLLED = new Set<string>(ROLLED_UP_COLLECTIONS);

/** The write that applies `patch` to `doc`: a guarded update when it has a version, else a replacement of the whole document. */
function rewrite(collection: string, doc: AnyDoc, patch: Patch): TxOp[] {
  if (!patch.$set && !patch.$unset) return [];
  if (typeof doc.version === 'number') return [{ op: 'update', collection, id: doc._id, version: doc.version, patch, ...(ROLLED.has(collection) ? { was: doc } : {}) }];
  // Timeline lines and sign-ins carry no version: written once, replaced whole here.
  return [
    { op: 'delete', collection, id: doc._id },
    { op: 'insert', collection, doc: applyPatch(doc, patch) },
  ];
}

const renameOps = (collection: string, docs: readonly AnyDoc[], name: string | null, extra: (d: AnyDoc) => Patch = () => ({})): TxOp[] =>
  docs.flatMap((d) => {
    const more = extra(d);
    const set = { ...renamePatch(d, name), ...more.$set };
    return rewrite(collection, d, { ...(Object.keys(set).length ? { $set: set } : {}), ...(more.$unset?.length ? { $unset: more.$unset } : {}) });
  });

const unique = <T extends Doc>(docs: readonly T[]): T[] => [...new Map(docs.map((d) => [d._id, d])).values()];

/** The order a message or a line points at (`/packages/orders/detail/index?id=ord_…`). */
const orderIdIn = (page: unknown): string[] => {
  const m = /[?&]id=(ord_[A-Za-z0-9_-]+)/.exec(String(page ?? ''));
  return m ? [m[1]!] : [];
};

/** Documents by id, a page of ids at a time. */
async function byIds<T extends Doc>(store: Ports['store'], collection: string, ids: readonly string[]): Promise<T[]> {
  const pages: string[][] = [];
  for (let i = 0; i < ids.length; i += PAGE) pages.push(ids.slice(i, i + PAGE));
  return (await Promise.all(pages.map((p) => store.find<T>(collection, { _id: { $in: p } }, { limit: PAGE })))).flat();
}

/** A grid's documents of a collection indexed by `path.gridId` and a time, newest first. */
async function inPlaces(store: Ports['store'], collection: string, grids: ReadonlySet<string>, time: string): Promise<AnyDoc[]> {
  const found = await Promise.all(
    [...grids].map((g) =>
      store.find<AnyDoc>(
        collection,
        { 'path.gridId': g },
        {
          sort: [
            ['path.gridId', 1],
            [time, -1],
          ],
          limit: PAGE,
        },
      ),
    ),
  );
  return found.flat();
}

/**
 * Messages to others that name the person: those about the orders the person posted or worked on,
 * found through their recipients (the volunteers who had the order, the leaders of its places).
 */
async function messagesNaming(store: Ports['store'], orders: readonly OrderDoc[], name: string): Promise<AnyDoc[]> {
  if (orders.length === 0) return [];
  const people = new Set<string>();
  for (const o of orders) {
    for (const id of [o.posterId, o.assigneeId, o.offer?.volunteerId, o.resolution?.by, ...(o.excluded ?? []), ...(o.affected ?? [])]) if (id) people.add(id);
  }
  const places = new Map<string, string>();
  for (const o of orders) for (const level of ['gridId', 'communityId', 'streetId'] as const) if (o.place.path[level]) places.set(o.place.path[level]!, `path.${level}`);
  const holders = await Promise.all([...places].map(([id, field]) => store.find<AnyDoc>('memberships', { [field]: id }, { limit: PAGE })));
  for (const m of holders.flat()) if ((LEADER_ROLES as readonly string[]).includes(String(m.role))) people.add(String(m.userId));
  const rows = await Promise.all(
    [...people].map((id) =>
      store.find<AnyDoc>(
        'outbox',
        { recipientId: id },
        {
          sort: [
            ['recipientId', 1],
            ['createdAt', -1],
          ],
          limit: PAGE,
        },
      ),
    ),
  );
  return rows.flat().filter((r) => JSON.stringify([r.title, r.body, r.wx]).includes(name));
}

/**
 * Anonymises one account (注销账号). Open orders the person posted are cancelled (those nobody has
 * taken yet; the rest go on) or handed to the leaders of their level, who are told; orders in the
 * person's hands as a volunteer go back to dispatch; roles are released; web sessions end; messages
 * to the person and their replays are removed; their name is replaced by 「已注销居民」 wherever it
 * stood beside their records; records that are counted (orders, ratings, service hours, meetings)
 * are kept without identity, so no measure changes. The account itself is changed last: a failure
 * part-way leaves it as it was, and calling again finishes the work.
 */
export async function eraseAccount(
  writer: EraseWriter,
  userId: string,
  options: { openOrders: OpenOrderChoice; by: 'self' | 'inactive'; keepReplay?: string },
): Promise<EraseResult> {
  const { store } = writer.ports;
  const user = await store.get<UserDoc>('users', userId);
  if (!user || isErased(user)) return { cancelled: 0, handedOver: 0, rolesReleased: 0 };
  const name = user.name && user.name !== '居民' && user.name.length >= 2 ? user.name : null;
  const by = { id: userId, name: ERASED_NAME };
  const actor = { id: userId, label: ERASED_NAME };

  // 1. Orders: the open ones the person posted, and those in their hands as a volunteer.
  const ordersOf = async (): Promise<OrderDoc[]> => {
    const [posted, postedBy, assigned, offered] = await Promise.all([
      store.find<OrderDoc>(
        'orders',
        { posterId: userId },
        {
          sort: [
            ['posterId', 1],
            ['postedAt', -1],
          ],
          limit: PAGE,
        },
      ),
      store.find<OrderDoc>(
        'orders',
        { postedBy: userId },
        {
          sort: [
            ['postedBy', 1],
            ['postedAt', -1],
          ],
          limit: PAGE,
        },
      ),
      store.find<OrderDoc>('orders', { assigneeId: userId }, { limit: PAGE }),
      store.find<OrderDoc>('orders', { 'offer.volunteerId': userId }, { limit: PAGE }),
    ]);
    return unique([...posted, ...postedBy, ...assigned, ...offered]);
  };
  let cancelled = 0;
  let handedOver = 0;
  const asRead = await ordersOf();
  for (const order of asRead) {
    if (isFinal(order.state)) continue;
    const volunteer = async () => ({ [userId]: (await store.get<VolunteerRecord & Doc>('volunteers', userId)) as VolunteerRecord | null });
    if (order.posterId === userId) {
      const cancellable = options.openOrders === 'cancel' && ['dispatching', 'offered', 'waiting', 'pool'].includes(order.state);
      if (cancellable) {
        const moved = await move(writer, ORDERS, order, actor, () => ok({ events: [{ type: 'cancel', reason: '居民注销账号' }], x: { now: writer.now, by, volunteers: {} } }));
        if (!moved.ok) throw new EraseConflict(`order ${order._id}`);
        cancelled++;
      } else if ((order as { handedOverAt?: string }).handedOverAt) {
        handedOver++; // handed over by an earlier call that stopped part-way: the leaders were told then
      } else {
        // It goes on without the person: the leaders of its level follow it up.
        const leadersOf = { path: order.place.path, level: order.level };
        const notice: Notice = {
          to: { leadersOf },
          template: 'order.escalated',
          title: '居民已注销账号，事项请您跟进',
          body: `${order.category}：发起人已注销账号，请继续跟进`,
          page: `/packages/orders/detail/index?id=${order._id}`,
          facts: { subject: order.category, place: order.place.label.split(' › ').at(-1), state: stateLabelAt(order.state, order.level, order.desk) },
        };
        const told = await resolveNotices(writer.ports, [notice]);
        const res = await writer.transact(
          rewrite('orders', order, { $set: { handedOverAt: writer.now } }),
          { subjectId: order._id, detail: { event: 'handedOver', level: order.level } },
          told,
        );
        if (!res.ok) throw new EraseConflict(`order ${order._id}`);
        handedOver++;
      }
    } else if (order.assigneeId === userId && order.state === 'accepted') {
      const moved = await move(writer, ORDERS, order, actor, async () =>
        ok({ events: [{ type: 'handBack', reason: '志愿者已注销账号' }], x: { now: writer.now, by, volunteers: await volunteer() } }),
      );
      if (!moved.ok) throw new EraseConflict(`order ${order._id}`);
    } else if (order.offer?.volunteerId === userId && order.state === 'offered') {
      const moved = await move(writer, ORDERS, order, actor, () => ok({ events: [{ type: 'decline', reason: '志愿者已注销账号' }], x: { now: writer.now, by, volunteers: {} } }));
      if (!moved.ok) throw new EraseConflict(`order ${order._id}`);
    }
  }

  // 2. Everything else about the person, read at once (after the moves, so versions are current).
  const byUser = (collection: string, field = 'userId') => store.find<AnyDoc>(collection, { [field]: userId }, { limit: PAGE });
  const prefix = replayPrefixOf(user.openid);
  const [
    orders,
    memberships,
    followers,
    orderLines,
    topicLines,
    meetingLines,
    attendance,
    invitations,
    convened,
    outbox,
    sessions,
    tickets,
    invites,
    tasks,
    proposed,
    volunteer,
    replays,
    surveys,
  ] = await Promise.all([
    // The orders as they are now, those the moves took out of the person's hands included.
    ordersOf().then(async (now) => unique([...now, ...(asRead.length ? await store.find<OrderDoc>('orders', { _id: { $in: asRead.map((o) => o._id) } }, { limit: PAGE }) : [])])),
    byUser('memberships'),
    byUser('order_followers'),
    byUser('order_events', 'actorId'),
    byUser('topic_events', 'actorId'),
    byUser('meeting_events', 'actorId'),
    byUser('council_attendance'),
    byUser('meeting_invitations'),
    byUser('meetings', 'convenerId'),
    byUser('outbox', 'recipientId'),
    byUser('web_sessions'),
    byUser('web_login_tickets'),
    store.find<AnyDoc>('invites', { createdBy: userId, status: 'active' }, { limit: PAGE }),
    byUser('liuyou_tasks', 'ownerId'),
    byUser('topics', 'proposerId'),
    store.get<AnyDoc>('volunteers', userId),
    store.find<AnyDoc>('idempotency', { _id: { $gte: prefix, $lt: `${prefix}\uffff` } }, { sort: [['_id', 1]], limit: PAGE }),
    byUser('compound_surveys'),
  ]);
  // Orders the person only touched: commented on, dispatched, declined, or was offered and let run out
  // (their own timeline lines and the messages they were sent point at them).
  const known = new Set(orders.map((o) => o._id));
  const touchedIds = [...new Set([...orderLines.map((l) => String(l.orderId)), ...outbox.flatMap((m) => orderIdIn(m.page))])].filter((id) => !known.has(id));
  // Places the person belongs to, where others' records may name them: topics with the person as an
  // action's owner, meetings with them as presenter, 六有 checks naming them as a task's owner.
  const grids = new Set<string>([...memberships.map((m) => (m.path as { gridId?: string } | undefined)?.gridId), user.home?.path.gridId].filter((g): g is string => !!g));
  const communities = new Set<string>([...memberships.map((m) => (m.path as { communityId?: string } | undefined)?.communityId)].filter((c): c is string => !!c));
  const [touched, linesOfMine, meetings, gridTopics, gridMeetings, checks] = await Promise.all([
    touchedIds.length ? byIds<OrderDoc>(store, 'orders', touchedIds) : Promise.resolve([]),
    name
      ? Promise.all([...orders.map((o) => o._id), ...touchedIds].map((id) => store.find<AnyDoc>('order_events', { orderId: id }, { limit: PAGE }))).then((l) => l.flat())
      : Promise.resolve([]),
    Promise.all(unique([...attendance, ...invitations]).map((a) => store.get<AnyDoc>('meetings', String(a.meetingId)))),
    name ? inPlaces(store, 'topics', grids, 'createdAt') : Promise.resolve([]),
    name ? inPlaces(store, 'meetings', grids, 'startAt') : Promise.resolve([]),
    name
      ? Promise.all([
          ...[...communities].map((c) =>
            store.find<AnyDoc>(
              'liuyou_checks',
              { 'path.communityId': c },
              {
                sort: [
                  ['path.communityId', 1],
                  ['period', -1],
                ],
                limit: PAGE,
              },
            ),
          ),
          ...[...new Set(tasks.map((t) => String(t.checkId)))].map((id) => store.get<AnyDoc>('liuyou_checks', id).then((c) => (c ? [c] : []))),
        ]).then((l) => unique(l.flat()))
      : Promise.resolve([]),
  ]);
  const allMeetings = unique([...convened, ...gridMeetings, ...meetings.filter((m): m is AnyDoc => m !== null)]);
  const agendaTopics = [
    ...new Set(allMeetings.flatMap((m) => ((m.agenda as { topicId?: string | null }[] | undefined) ?? []).map((i) => i.topicId).filter((t): t is string => !!t))),
  ];
  const topics = unique([...proposed, ...gridTopics, ...(name && agendaTopics.length ? await byIds<AnyDoc>(store, 'topics', agendaTopics) : [])]);
  const naming = (d: AnyDoc) => !!name && JSON.stringify(d).includes(name);
  // The timelines of the topics and checks that name the person, and the messages to others about
  // what the person did.
  const [topicLinesNaming, checkLines, toOthers] = await Promise.all([
    Promise.all(topics.filter(naming).map((t) => store.find<AnyDoc>('topic_events', { topicId: t._id }, { limit: PAGE }))).then((l) => l.flat()),
    Promise.all(checks.map((c) => store.find<AnyDoc>('liuyou_check_events', { checkId: c._id }, { limit: PAGE }))).then((l) => l.flat()),
    // As read before the moves too: a cancelled order no longer names the volunteer it was offered to.
    name ? messagesNaming(store, [...orders, ...asRead, ...touched], name) : Promise.resolve([]),
  ]);

  const orderOps = renameOps('orders', orders as unknown as AnyDoc[], name, (o) => {
    if (o.posterId !== userId) return {};
    const rating = o.rating as { comment: string } | null;
    return {
      $set: {
        contact: { name: ERASED_NAME, phone: null },
        place: { ...(o.place as object), room: null, point: null },
        photos: [],
        ...(rating ? { rating: { ...rating, comment: '' } } : {}),
      },
    };
  });
  const lineOps = renameOps('order_events', unique([...orderLines, ...linesOfMine]), name, (l) => (l.actorId === userId ? { $set: { actorLabel: ERASED_NAME } } : {}));
  const mine = (l: AnyDoc): Patch => (l.actorId === userId ? { $set: { actorLabel: ERASED_NAME } } : {});
  const ops: TxOp[] = [
    ...orderOps,
    ...renameOps('orders', touched.filter((o) => !known.has(o._id)) as unknown as AnyDoc[], name),
    ...lineOps,
    ...renameOps('topic_events', unique([...topicLines, ...topicLinesNaming]), name, mine),
    ...renameOps('meeting_events', meetingLines, name, () => ({ $set: { actorLabel: ERASED_NAME } })),
    ...renameOps('council_attendance', attendance, name, () => ({ $set: { name: ERASED_NAME } })),
    ...renameOps('meetings', allMeetings, name),
    ...renameOps('liuyou_tasks', tasks, name),
    ...renameOps('liuyou_checks', checks, name),
    ...renameOps('liuyou_check_events', checkLines, name),
    ...renameOps('topics', topics, name),
    ...renameOps('outbox', toOthers, name),
    ...invites.flatMap((i): TxOp[] => [{ op: 'update', collection: 'invites', id: i._id, version: i.version as number, patch: { $set: { status: 'revoked' } } }]),
    ...followers.map((d): TxOp => ({ op: 'delete', collection: 'order_followers', id: d._id })),
    ...outbox.map((d): TxOp => ({ op: 'delete', collection: 'outbox', id: d._id })),
    ...sessions.map((d): TxOp => ({ op: 'delete', collection: 'web_sessions', id: d._id })),
    ...tickets.map((d): TxOp => ({ op: 'delete', collection: 'web_login_tickets', id: d._id })),
    ...replays.filter((d) => !(options.keepReplay && d._id.startsWith(options.keepReplay))).map((d): TxOp => ({ op: 'delete', collection: 'idempotency', id: d._id })),
    ...(volunteer ? [{ op: 'delete', collection: 'volunteers', id: volunteer._id } as TxOp] : []),
    // Quarterly answers are counted: kept with ids only, their words removed (the rollups see no change).
    ...surveys
      .filter((d) => d.comment)
      .map((d): TxOp => ({ op: 'update', collection: 'compound_surveys', id: d._id, version: d.version as number, patch: { $set: { comment: null } }, was: d })),
  ];
  // Replacements (delete + insert) stay together in one batch.
  const batches: TxOp[][] = [];
  let batch: TxOp[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const pair = op.op === 'delete' && ops[i + 1]?.op === 'insert' && (ops[i + 1] as { doc: Doc }).doc._id === op.id;
    if (batch.length + (pair ? 2 : 1) > ERASE_BATCH) {
      batches.push(batch);
      batch = [];
    }
    batch.push(op);
    if (pair) batch.push(ops[++i]!);
  }
  if (batch.length) batches.push(batch);
  for (const [i, b] of batches.entries()) {
    const res = await writer.transact(b, { subjectId: userId, detail: { event: 'erase', part: i + 1 } });
    if (!res.ok) throw new EraseConflict(`part ${i + 1}`);
  }

  // 3. Last, the account itself and its roles: until this commits, calling again redoes what is left.
  const tombstone = `${TOMBSTONE_PREFIX}${writer.ports.ids.id('gone')}`;
  const accountOps: TxOp[] = [
    ...memberships.map((m): TxOp => ({ op: 'delete', collection: 'memberships', id: m._id })),
    {
      op: 'update',
      collection: 'users',
      id: user._id,
      version: user.version,
      patch: {
        $set: { openid: tombstone, name: ERASED_NAME, largeText: false, erasedAt: writer.now, updatedAt: writer.now },
        $unset: ['phone', 'phoneConsentAt', 'home', 'personalToken', 'volunteer', 'inactiveNoticeAt', 'seenOn'],
      },
    },
  ];
  const res = await writer.transact(accountOps, {
    subjectId: userId,
    detail: { event: 'erased', by: options.by, cancelled, handedOver, rolesReleased: memberships.length },
  });
  if (!res.ok) throw new EraseConflict('account');
  // The person's photos on orders they posted: removed from storage once nothing points at them.
  const photos = orders.filter((o) => o.posterId === userId).flatMap((o) => o.photos ?? []);
  if (photos.length) await writer.ports.files.remove(photos).catch(() => undefined);
  return { cancelled, handedOver, rolesReleased: memberships.length };
}
