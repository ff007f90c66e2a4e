import type { User } from '../../shared/accounts/accounts.schema';
import { beijingDate, fullDateTimeText } from '../../shared/kernel/time';
import type { Order } from '../../shared/orders/orders.schema';
import { retentionCutoffs, retentionPolicy, type RetentionPolicy } from '../../shared/privacy/retention';
import { systemWriter } from '../_core/outbox';
import type { Notification, Ports } from '../_core/ports';
import type { Doc, Filter, SortSpec, TxOp } from '../_core/ports/store';
import { eraseAccount } from './erase';

/**
 * The retention jobs (PIPL art. 19: personal data is kept no longer than its purpose needs). Each
 * job finds what is due at instant `at` under the policy with an indexed query, a page of at most
 * 1,000 at a time, and changes it so that the query no longer finds it: a second run at the same
 * instant changes nothing (the scheduler's tick relies on it). A dry run counts what a run would
 * change with the same queries and writes nothing. Every change is audited with ids only.
 *
 * - contacts: orders closed or cancelled `contactDays` ago lose the contact's name and phone and the room;
 * - photos: orders closed or cancelled `photoDays` ago have their photos deleted from storage;
 * - replays: answers kept for replay (`idempotency`) `replayHours` after they expired are removed;
 * - outbox: messages delivered or given up `outboxDays` ago are removed;
 * - audit: entries older than `auditYears` keep their ids only;
 * - inactive: accounts unused for `inactiveYears` are told, and anonymised `inactiveNoticeDays` later
 *   unless the person opened 红邻 meanwhile.
 */

export interface RetentionRun {
  policy: RetentionPolicy;
  /** Count what would change, write nothing. */
  dryRun: boolean;
}

/** A retention job: how many records it changed (a dry run: would change). */
export type RetentionJob = (ports: Ports, at: string, run: RetentionRun) => Promise<number>;

export const RETENTION_PAGE = 1000;
/** Removals written together in one transaction (with one audit entry). */
const BATCH = 100;
const SOURCE = { function: 'scheduler', action: 'retention' };

/**
 * Every due record, a page at a time: `each` changes one page and answers how many it changed.
 * Changed records leave the query; the ones left unchanged (a lost race, a file storage could not
 * delete) are skipped over and retried by the next run. A dry run only counts the query.
 */
async function sweep<D extends Doc>(ports: Ports, run: RetentionRun, collection: string, filter: Filter, sort: SortSpec, each: (page: D[]) => Promise<number>): Promise<number> {
  if (run.dryRun) return ports.store.count(collection, filter);
  let changed = 0;
  let skip = 0;
  for (;;) {
    const page = await ports.store.find<D>(collection, filter, { sort, limit: RETENTION_PAGE, ...(skip ? { skip } : {}) });
    if (page.length === 0) return changed;
    const n = await each(page);
    changed += n;
    skip += page.length - n;
    if (page.length < RETENTION_PAGE) return changed;
  }
}

/**
 * Removes documents in transactions of BATCH, each with one audit entry (what was removed: ids only,
 * in the domain's words). A document changed meanwhile (its version moved) is left for the next run.
 */
async function removeAll(ports: Ports, at: string, collection: string, docs: readonly Doc[], job: string): Promise<number> {
  const w = systemWriter(ports, at, SOURCE);
  let removed = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    let batch = docs.slice(i, i + BATCH);
    while (batch.length > 0) {
      const ops: TxOp[] = batch.map((d) => ({ op: 'delete', collection, id: d._id, ...(typeof d.version === 'number' ? { version: d.version } : {}) }));
      const res = await w.transact(ops, { subjectId: `retention:${job}`, detail: { job, removed: batch.length } });
      if (res.ok) {
        removed += batch.length;
        break;
      }
      // The operation that conflicted names the document that changed: drop it and write the rest.
      if (res.index >= batch.length) break;
      batch = batch.filter((_, k) => k !== res.index);
    }
  }
  return removed;
}

// ---- orders: contacts and photos ----------------------------------------------------------------

type OrderDoc = Order & Doc & { contactPurgedAt?: string | null; photosPurgedAt?: string | null };

/** Closed orders by when they closed, then cancelled ones (cancelled orders carry no closedAt): each query served by the job's index. */
async function sweepEnded(ports: Ports, run: RetentionRun, marker: 'contactPurgedAt' | 'photosPurgedAt', by: string, each: (page: OrderDoc[]) => Promise<number>): Promise<number> {
  const sort: SortSpec = [
    ['state', 1],
    [marker, 1],
    ['closedAt', 1],
  ];
  const closed = await sweep(ports, run, 'orders', { state: 'closed', [marker]: null, closedAt: { $lte: by } }, sort, each);
  // The index's prefix (state, marker) holds the cancelled orders not yet swept: those of the last period only.
  const cancelled = await sweep(ports, run, 'orders', { state: 'cancelled', [marker]: null, cancelledAt: { $lte: by } }, sort, each);
  return closed + cancelled;
}

/** Orders closed (or cancelled) `contactDays` ago: the contact's name and phone and the room are removed; the counted fields stay, so the rollups do not move. */
export const purgeContacts: RetentionJob = async (ports, at, run) => {
  const w = systemWriter(ports, at, SOURCE);
  const by = retentionCutoffs(run.policy, at).contactsClosedBy;
  return sweepEnded(ports, run, 'contactPurgedAt', by, async (page) => {
    let changed = 0;
    for (const order of page) {
      const patch = { $set: { 'contact.name': '', 'contact.phone': null, 'place.room': null, contactPurgedAt: at } };
      const res = await w.transact([{ op: 'update', collection: 'orders', id: order._id, version: order.version, patch, was: order }], {
        subjectId: order._id,
        detail: { job: 'contacts' },
      });
      if (res.ok) changed++;
    }
    return changed;
  });
};

/** Every photo an order holds: the resident's, the resolution's, and the hidden ones (a subset of those, kept to be sure). */
export function photosOf(order: Pick<Order, 'photos' | 'resolution' | 'hiddenPhotos'>): string[] {
  return [...new Set([...(order.photos ?? []), ...(order.resolution?.photos ?? []), ...(order.hiddenPhotos ?? [])])];
}

/**
 * Orders closed (or cancelled) `photoDays` ago: their photos are deleted from storage, then the
 * order's photo fields are emptied and marked `photosPurgedAt`. An order is marked only once storage
 * deleted all its files: when a deletion fails the order keeps every id and the next run tries again,
 * so no file is ever lost track of. An order without photos is marked too (so it is not read again).
 */
export const purgePhotos: RetentionJob = async (ports, at, run) => {
  const w = systemWriter(ports, at, SOURCE);
  const by = retentionCutoffs(run.policy, at).photosClosedBy;
  let failedFiles = 0;
  const changed = await sweepEnded(ports, run, 'photosPurgedAt', by, async (page) => {
    let n = 0;
    for (const order of page) {
      const files = photosOf(order);
      if (files.length > 0) {
        let failed: number;
        try {
          failed = (await ports.files.remove(files)).failed.length;
        } catch {
          failed = files.length;
        }
        if (failed > 0) {
          failedFiles += failed;
          continue;
        }
      }
      const patch = {
        $set: { photos: [], photosPurgedAt: at, ...(order.resolution ? { 'resolution.photos': [] } : {}) },
        ...(order.hiddenPhotos ? { $unset: ['hiddenPhotos'] } : {}),
      };
      const res = await w.transact([{ op: 'update', collection: 'orders', id: order._id, version: order.version, patch, was: order }], {
        subjectId: order._id,
        detail: { job: 'photos', files: files.length },
      });
      if (res.ok) n++;
    }
    return n;
  });
  // Counts only: file ids name the person whose folder they are in.
  if (failedFiles > 0) console.warn(`[retention] photos: storage could not delete ${failedFiles} file(s); their orders are kept for the next run`);
  return changed;
};

// ---- replays, outbox, audit ---------------------------------------------------------------------

/** Replays `replayHours` after they expired; a claim whose call still holds its lease is never removed. */
export const purgeReplays: RetentionJob = async (ports, at, run) => {
  const by = retentionCutoffs(run.policy, at).replaysExpiredBy;
  const filter: Filter = { expiresAt: { $lte: by }, $or: [{ status: { $ne: 'pending' } }, { leaseUntil: { $lte: at } }] };
  return sweep<Doc>(ports, run, 'idempotency', filter, [['expiresAt', 1]], (page) => removeAll(ports, at, 'idempotency', page, 'replays'));
};

/** Outbox rows delivered `outboxDays` ago, and rows given up that long ago (a row given up keeps the time it was last due). */
export const purgeOutbox: RetentionJob = async (ports, at, run) => {
  const by = retentionCutoffs(run.policy, at).outboxDoneBy;
  const sent = await sweep<Doc>(
    ports,
    run,
    'outbox',
    { status: 'sent', sentAt: { $lte: by } },
    [
      ['status', 1],
      ['sentAt', 1],
    ],
    (page) => removeAll(ports, at, 'outbox', page, 'outbox'),
  );
  const failed = await sweep<Doc>(
    ports,
    run,
    'outbox',
    { status: 'failed', dueAt: { $lte: by } },
    [
      ['status', 1],
      ['dueAt', 1],
    ],
    (page) => removeAll(ports, at, 'outbox', page, 'outbox'),
  );
  return sent + failed;
};

interface AuditEntry extends Doc {
  at: string;
  detail?: Record<string, unknown>;
  reveal?: Record<string, unknown>;
  detailPurgedAt?: string | null;
}

/** What an audit entry keeps after its period: ids, what happened and when; the detail emptied, a reveal mark without its free fields. */
export function reducedAudit(entry: AuditEntry, at: string): Doc {
  const { reveal, ...rest } = entry;
  const keptReveal = reveal ? Object.fromEntries(['personId', 'streetId', 'orderId', 'kind', 'as'].filter((k) => k in reveal).map((k) => [k, reveal[k]])) : undefined;
  return { ...rest, detail: {}, ...(keptReveal ? { reveal: keptReveal } : {}), detailPurgedAt: at };
}

/**
 * Audit entries older than `auditYears`: the detail is emptied and the entry marked
 * `detailPurgedAt`. Audit entries carry no version, so each is replaced (removed and written again
 * under its id) in one transaction.
 */
export const purgeAudit: RetentionJob = async (ports, at, run) => {
  const by = retentionCutoffs(run.policy, at).auditBy;
  const w = systemWriter(ports, at, SOURCE);
  return sweep<AuditEntry>(
    ports,
    run,
    'audit',
    { detailPurgedAt: null, at: { $lte: by } },
    [
      ['detailPurgedAt', 1],
      ['at', 1],
    ],
    async (page) => {
      let n = 0;
      for (let i = 0; i < page.length; i += BATCH) {
        const batch = page.slice(i, i + BATCH);
        const ops: TxOp[] = batch.flatMap((e): TxOp[] => [
          { op: 'delete', collection: 'audit', id: e._id },
          { op: 'insert', collection: 'audit', doc: reducedAudit(e, at) },
        ]);
        const res = await w.transact(ops, { subjectId: 'retention:audit', detail: { job: 'audit', reduced: batch.length } });
        if (res.ok) n += batch.length;
      }
      return n;
    },
  );
};

// ---- inactive accounts ----------------------------------------------------------------------------

type UserDoc = User & Doc;

const DAY_MS = 86_400_000;

/** The notice of an account about to be anonymised: the date it will be, and that opening 红邻 keeps it. */
export function inactiveNotice(userId: string, policy: RetentionPolicy, at: string): Notification {
  const erasesAt = new Date(Date.parse(at) + policy.inactiveNoticeDays * DAY_MS).toISOString();
  return {
    recipientId: userId,
    template: 'account.inactive',
    title: '账号即将注销，打开红邻即可保留',
    body: `您的红邻账号已 ${policy.inactiveYears} 年未使用，将于${fullDateTimeText(erasesAt)}后注销并匿名化。在此之前打开红邻即可保留账号`,
    page: '/pages/me/index',
    facts: { subject: `账号已${policy.inactiveYears}年未使用`, when: erasesAt },
  };
}

/**
 * Accounts not used for `inactiveYears` (`seenOn`, the Beijing day last seen) are told, once
 * (`inactiveNoticeAt`). Told accounts whose notice is `inactiveNoticeDays` old are anonymised
 * (`eraseAccount`, open orders handed to the grid leader) unless the person was seen on or after
 * the notice's day: then the notice is withdrawn and the account is kept. An anonymised account's
 * `seenOn` and `inactiveNoticeAt` are cleared so neither query finds it again; an erasure that
 * fails leaves the account as it was, for the next run.
 */
export const inactiveAccounts: RetentionJob = async (ports, at, run) => {
  const cut = retentionCutoffs(run.policy, at);
  const w = systemWriter(ports, at, SOURCE);
  const seenDay = beijingDate(cut.inactiveSeenBy);
  let erasureFailed = 0;

  const told = await sweep<UserDoc>(
    ports,
    run,
    'users',
    { seenOn: { $lte: seenDay }, inactiveNoticeAt: null },
    [
      ['seenOn', 1],
      ['createdAt', 1],
    ],
    async (page) => {
      let n = 0;
      for (const user of page) {
        const res = await w.transact(
          [{ op: 'update', collection: 'users', id: user._id, version: user.version, patch: { $set: { inactiveNoticeAt: at } }, was: user }],
          { subjectId: user._id, detail: { job: 'inactive', event: 'told' } },
          [inactiveNotice(user._id, run.policy, at)],
        );
        if (res.ok) n++;
      }
      return n;
    },
  );

  const settled = await sweep<UserDoc>(ports, run, 'users', { inactiveNoticeAt: { $lte: cut.inactiveToldBy } }, [['inactiveNoticeAt', 1]], async (page) => {
    let n = 0;
    for (const user of page) {
      const noticeDay = beijingDate(user.inactiveNoticeAt!);
      if (user.seenOn && user.seenOn >= noticeDay) {
        // Seen since the notice: the account stays, and the notice is withdrawn.
        const res = await w.transact([{ op: 'update', collection: 'users', id: user._id, version: user.version, patch: { $unset: ['inactiveNoticeAt'] }, was: user }], {
          subjectId: user._id,
          detail: { job: 'inactive', event: 'kept' },
        });
        if (res.ok) n++;
        continue;
      }
      try {
        await eraseAccount(w, user._id, { by: 'inactive', openOrders: 'handToLeader' });
      } catch {
        erasureFailed++;
        continue;
      }
      // The erasure unsets both; should a record keep either, it is cleared so neither query of this job finds it again.
      const after = await ports.store.get<UserDoc>('users', user._id);
      if (after?.seenOn) await ports.store.mark('users', user._id, 'seenOn', null);
      if (after?.inactiveNoticeAt) await ports.store.mark('users', user._id, 'inactiveNoticeAt', null);
      n++;
    }
    return n;
  });
  if (erasureFailed > 0) console.warn(`[retention] inactive: ${erasureFailed} erasure(s) failed; the accounts are kept for the next run`);
  return told + settled;
};

/** The jobs by name, in the order a run takes them. */
export const RETENTION_JOBS = {
  contacts: purgeContacts,
  photos: purgePhotos,
  replays: purgeReplays,
  outbox: purgeOutbox,
  audit: purgeAudit,
  inactive: inactiveAccounts,
} as const satisfies Record<string, RetentionJob>;

export type RetentionJobName = keyof typeof RETENTION_JOBS;
export const RETENTION_JOB_NAMES = Object.keys(RETENTION_JOBS) as RetentionJobName[];

/**
 * The jobs as the scheduler runs them, `retention<Name>`: the policy read from the environment at
 * each run (a bad value throws, so the tick fails loudly rather than guess a period), never a dry run.
 */
export function scheduledRetentionJobs(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, (ports: Ports, at: string) => Promise<number>> {
  return Object.fromEntries(
    RETENTION_JOB_NAMES.map((name) => [
      `retention${name[0]!.toUpperCase()}${name.slice(1)}`,
      (ports: Ports, at: string) => RETENTION_JOBS[name](ports, at, { policy: retentionPolicy(env), dryRun: false }),
    ]),
  );
}
