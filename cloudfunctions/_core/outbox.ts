import { outboxDocOf, type OutboxDoc } from './adapters/notifier';
import type { Notification, Ports } from './ports';
import type { Doc, TxOp, TxResult } from './ports/store';
import { withRollups } from './rollups';
import type { RevealMark } from '../../shared/privacy/privacy.schema';

/**
 * The transactional outbox. A notification is an `outbox` row written in the same transaction as
 * the change it tells of, so a change and its notifications are written together or not at all.
 * After the commit a sender delivers the rows through the notifier port and marks each one; rows
 * nobody marked (the function died, WeChat was busy) are retried by the scheduler tick.
 *
 * Exactly one sender holds a row at a time: the call that wrote it holds it for SEND_LEASE_MS
 * (longer than a function may run); after that a tick takes it over with a version-guarded
 * update, which of two concurrent ticks only one wins. A send whose outcome is unknown (it threw)
 * leaves the row held until its lease runs out. The rows are also the 消息 page's messages.
 */

/** How long a sender holds a row: longer than a cloud function may run (60 s at most). */
export const SEND_LEASE_MS = 60_000;
/** Sends tried per row, the first one included; then it is given up (`failed`). */
export const MAX_SEND_ATTEMPTS = 5;
/** Waits after the n-th refused send: 5, 10, 20, 40 minutes… at most 6 hours. */
export const retryDelayMs = (attempts: number): number => Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

/**
 * Refusals that a retry cannot change: no template configured for the message, data or settings
 * that break WeChat's rules, and WeChat's
 * 43101 (the user has not subscribed / refused), 40003 (bad openid), 40037 (bad template id),
 * 47003 (bad template data), 41030 (bad page). Anything else (busy, rate limits, network) is retried.
 */
export function isFinalRefusal(reason: string | undefined): boolean {
  return /^no template configured|^invalid |^wechat refused \((43101|40003|40037|47003|41030)\)/.test(reason ?? '');
}

export interface OutboxRow extends OutboxDoc {
  version: number;
  /** pending: to be delivered; sent; failed: refused for good or given up. */
  status: 'pending' | 'sent' | 'failed';
  /** Sends tried so far, the one in flight included. */
  attempts: number;
  /** Until then the row's current sender holds it (or its retry waits); after it a tick may take it. */
  dueAt: string;
  sentAt?: string;
  reason?: string;
}

/** The rows for these notifications, recipients read in one call. A recipient who does not exist gets none. */
export async function outboxRows(ports: Pick<Ports, 'store' | 'ids'>, notes: readonly Notification[], at: string): Promise<OutboxRow[]> {
  if (notes.length === 0) return [];
  const ids = [...new Set(notes.map((n) => n.recipientId))];
  const users =
    ids.length === 1
      ? [await ports.store.get<Doc & { openid: string }>('users', ids[0]!)].filter((u) => u !== null)
      : await ports.store.find<Doc & { openid: string }>('users', { _id: { $in: ids } }, { limit: ids.length });
  const openids = new Map(users.map((u) => [u._id, u.openid]));
  const dueAt = new Date(Date.parse(at) + SEND_LEASE_MS).toISOString();
  return notes.flatMap((n) => {
    const openid = openids.get(n.recipientId);
    if (!openid) return [];
    return [{ ...outboxDocOf(ports.ids.id('msg'), n, openid, at), version: 1, status: 'pending' as const, attempts: 1, dueAt }];
  });
}

export const outboxInserts = (rows: readonly OutboxRow[]): TxOp[] => rows.map((doc) => ({ op: 'insert', collection: 'outbox', doc: doc as OutboxRow & Doc }));

type Outcome = 'sent' | 'failed' | 'retry' | 'held';

/** Sends one row its caller holds at `version` and marks it. Never throws. */
async function sendRow(ports: Pick<Ports, 'store' | 'notifier'>, row: OutboxRow, version: number, at: string): Promise<Outcome> {
  const n: Notification = {
    outboxId: row._id,
    recipientId: row.recipientId,
    template: row.template,
    title: row.title,
    body: row.body,
    wx: row.wx ?? null,
    ...(row.page ? { page: row.page } : {}),
  };
  let res: { delivered: boolean; reason?: string };
  try {
    res = await ports.notifier.send(n, row.recipientOpenid ?? '');
  } catch {
    return 'held'; // outcome unknown, as if the function had died here: a tick retries it after the lease
  }
  const outcome: Outcome = res.delivered ? 'sent' : isFinalRefusal(res.reason) || row.attempts >= MAX_SEND_ATTEMPTS ? 'failed' : 'retry';
  const patch =
    outcome === 'sent'
      ? { $set: { status: 'sent', sentAt: at }, $unset: ['reason'] }
      : outcome === 'failed'
        ? { $set: { status: 'failed', reason: res.reason ?? 'refused' } }
        : { $set: { dueAt: new Date(Date.parse(at) + retryDelayMs(row.attempts)).toISOString(), reason: res.reason ?? 'refused' } };
  try {
    await ports.store.update('outbox', row._id, version, patch);
  } catch {
    return 'held';
  }
  return outcome;
}

/** Delivers rows the caller has just committed (it holds them at their first version), all at once. */
export async function deliverCommitted(ports: Pick<Ports, 'store' | 'notifier'>, rows: readonly OutboxRow[], at: string): Promise<void> {
  await Promise.all(rows.map((row) => sendRow(ports, row, row.version, at)));
}

/**
 * The one commit of a change with notifications: the operations and the outbox rows of `notes` in
 * one transaction, then the delivery. The rollup tallies the writes imply (`_core/rollups.ts`) and
 * the rows follow `ops`, so a conflict's `index` still points into `ops` (or past it: a rollup). A request passes its own `transact` (it adds the replay fence) and collects the
 * delivery to await before it answers; the scheduler delivers at once.
 */
export async function transactWithOutbox(
  ports: Ports,
  ops: readonly TxOp[],
  notes: readonly Notification[],
  at: string,
  options: { transact?: (ops: readonly TxOp[]) => Promise<TxResult>; delivery?: (sending: Promise<void>) => void } = {},
): Promise<TxResult> {
  const rows = await outboxRows(ports, notes, at);
  const res = await (options.transact ?? ((all) => ports.store.transact(all)))([...withRollups(ops), ...outboxInserts(rows)]);
  if (res.ok && rows.length > 0) {
    const sending = deliverCommitted(ports, rows, at);
    if (options.delivery) options.delivery(sending);
    else await sending;
  }
  return res;
}

/** An audit entry: who did what to which subject, and why, in the domain's words. */
export function auditDoc(
  ports: Pick<Ports, 'ids'>,
  entry: {
    at: string;
    requestId: string;
    function: string;
    action: string;
    actorId: string | null;
    subjectId: string;
    outcome: string;
    detail?: Record<string, unknown>;
    /** A read of someone's personal data in full: whose, where, what (the reveal logs query it). */
    reveal?: RevealMark;
  },
): Doc {
  const { reveal, ...rest } = entry;
  return { _id: ports.ids.id('aud'), ...rest, detail: entry.detail ?? {}, ...(reveal ? { reveal } : {}) };
}

/**
 * The writer of the platform's own steps (the scheduler tick): each transaction carries its audit
 * entry (actor: the platform) and its outbox rows, delivered before the step returns.
 */
export function systemWriter(ports: Ports, at: string, source = { function: 'scheduler', action: 'tick' }) {
  return {
    ports,
    now: at,
    transact: (ops: readonly TxOp[], note: { subjectId: string; detail?: Record<string, unknown> }, notify: readonly Notification[] = []) =>
      transactWithOutbox(
        ports,
        [
          ...ops,
          {
            op: 'insert',
            collection: 'audit',
            doc: auditDoc(ports, { at, requestId: `tick:${at}`, ...source, actorId: null, subjectId: note.subjectId, outcome: 'ok', detail: note.detail }),
          },
        ],
        notify,
        at,
      ),
  };
}

const RETRY_PAGE = 200;

/**
 * Scheduler: every row still pending whose holder's time ran out. Each is taken over with a
 * version-guarded update (of two ticks, one wins), sent and marked; a row that used up its attempts
 * is given up. Rows written before the outbox existed carry no status and are never touched.
 */
export async function retryOutbox(ports: Ports, at: string): Promise<{ sent: number; failed: number; retry: number }> {
  const counts = { sent: 0, failed: 0, retry: 0 };
  const due = await ports.store.find<OutboxRow & Doc>(
    'outbox',
    { status: 'pending', dueAt: { $lte: at } },
    {
      sort: [
        ['status', 1],
        ['dueAt', 1],
      ],
      limit: RETRY_PAGE,
    },
  );
  for (const row of due) {
    if (row.attempts >= MAX_SEND_ATTEMPTS) {
      if (await ports.store.update('outbox', row._id, row.version, { $set: { status: 'failed', reason: row.reason ?? 'gave up' } })) counts.failed++;
      continue;
    }
    const held = { ...row, attempts: row.attempts + 1 };
    const claimed = await ports.store.update('outbox', row._id, row.version, { $set: { dueAt: new Date(Date.parse(at) + SEND_LEASE_MS).toISOString() }, $inc: { attempts: 1 } });
    if (!claimed) continue; // another sender took it
    const outcome = await sendRow(ports, held, row.version + 1, at);
    if (outcome !== 'held') counts[outcome]++;
  }
  return counts;
}
