import { LEVEL_LEADERS } from '../../shared/accounts/roles';
import type { Result } from '../../shared/api/envelope';
import { runLifecycle, type Change, type Lifecycle, type Notice, type Refusal, type TimelineEntry, type TimelineLine } from '../../shared/kernel/lifecycle';
import type { AuditNote } from './pipeline';
import type { Notification, Ports } from './ports';
import type { Doc, Patch, TxOp, TxResult } from './ports/store';

/**
 * The one mover. Every state change of a lifecycle subject — from a person's action or from the
 * clock — goes through `move`: the lifecycle table and guards decide, the effects say what it does,
 * and one transaction writes the version-guarded subject, its timeline lines, the effects' other
 * writes, the audit entry and the outbox rows of its notices (delivered after the commit, retried by
 * the scheduler: `_core/outbox.ts`).
 */

/** What the mover writes through: a request's context (`ActionContext`) or the scheduler's writer. */
export interface Writer {
  ports: Ports;
  now: string;
  /** One transaction of `ops`, the audit entry and the outbox rows of `notify`. */
  transact(ops: readonly TxOp[], audit: AuditNote, notify?: readonly Notification[]): Promise<TxResult>;
}

/** Where a lifecycle's subjects and their timelines are stored. */
export interface Stored<S extends string, E extends { type: string }, D extends { state: S }, X> {
  lifecycle: Lifecycle<S, E, D, X>;
  collection: string;
  /** The timeline collection, the field that names the subject and the lines' id prefix; null when it keeps none. */
  timeline: { collection: string; subjectKey: string; idPrefix: string } | null;
  /**
   * The field that stores the state when it is not `state` (duties keep `status`, which their
   * index and queries use): the lifecycle's `state` is written there, and no `state` is stored.
   */
  stateKey?: string;
}

/** The subject as it is stored: the lifecycle's `state` under the binding's own field name. */
function stored<D>(binding: { stateKey?: string }, fields: D): D {
  const key = binding.stateKey;
  if (!key || !('state' in (fields as object))) return fields;
  const { state, ...rest } = fields as D & { state: unknown };
  return { ...rest, [key]: state } as D;
}

/** Who did it, as a timeline shows it: a person (`居民 张三`) or the platform (id null). */
export interface TimelineActor {
  id: string | null;
  label: string;
}

export const PLATFORM_ACTOR: TimelineActor = { id: null, label: '平台' };

/** A stored timeline line. */
export type TimelineDoc = TimelineEntry & Doc;

export type Versioned<D> = D & Doc & { version: number };

export type Moved<D> =
  | { ok: true; doc: Versioned<D>; lines: TimelineDoc[]; change: Change<D> }
  /** The table or a guard refused an event. */
  | { ok: false; reason: 'refused'; refusal: Refusal }
  /** Someone changed the subject since it was read: nothing was written. */
  | { ok: false; reason: 'conflict' }
  /** Every attempt lost a race on another document it writes (a counter): nothing was written. */
  | { ok: false; reason: 'busy' };

/**
 * Another subject's change that goes into the same transaction (a topic scheduled with its
 * meeting's agenda, the work order a decision spawns): its version-guarded write, its timeline lines
 * and its notices, made by `companion` or `companionCreate`.
 */
export interface Companion {
  ops: TxOp[];
  notify: Notice[];
  audit?: Record<string, string | number | boolean | null>;
}

/** A plan of one move: the events and what the effects need, and the companions written with it. A plan that fails stops the move. */
export type Plan<E, X> = Result<{ events: readonly E[]; x: X; also?: readonly Companion[] }>;

/** Timeline lines of one change, one millisecond apart so they keep their order. */
export function timelineDocs(
  w: Pick<Writer, 'ports'>,
  subject: { key: string; id: string },
  at: string,
  by: TimelineActor,
  lines: readonly TimelineLine[],
  prefix = 'evt',
): TimelineDoc[] {
  return lines.map((line, i) => ({
    _id: w.ports.ids.id(prefix),
    [subject.key]: subject.id,
    at: i === 0 ? at : new Date(Date.parse(at) + i).toISOString(),
    actorId: by.id,
    actorLabel: by.label,
    kind: line.kind,
    text: line.text,
    leadersOnly: line.leadersOnly ?? false,
  }));
}

/** At most this many residents are told of one 公示 (a grid holds a few hundred households). */
export const MAX_RESIDENTS_TOLD = 2000;
const RESIDENT_PAGE = 1000;

/**
 * Notices as recipients: a person as is; the leaders of a place at a level, or the residents of a
 * grid or community, each looked up in one query.
 */
export async function resolveNotices(ports: Pick<Ports, 'store'>, notices: readonly Notice[]): Promise<Notification[]> {
  const out: Notification[] = [];
  for (const n of notices) {
    const { to, ...message } = n;
    if ('userId' in to) {
      out.push({ recipientId: to.userId, ...message });
      continue;
    }
    if ('residentsOf' in to) {
      const place = to.residentsOf;
      const filter = 'gridId' in place ? { 'home.path.gridId': place.gridId } : { 'home.path.communityId': place.communityId };
      if (!Object.values(filter)[0]) continue;
      const sort: [string, 1 | -1][] = [
        [Object.keys(filter)[0]!, 1],
        ['createdAt', 1],
      ];
      // Pages of the store's largest page, in the index's order, up to the cap.
      for (let skip = 0; skip < MAX_RESIDENTS_TOLD; skip += RESIDENT_PAGE) {
        const residents = await ports.store.find<Doc>('users', filter, { sort, skip, limit: RESIDENT_PAGE });
        for (const r of residents) out.push({ recipientId: r._id, ...message });
        if (residents.length < RESIDENT_PAGE) break;
      }
      continue;
    }
    const { path, level } = to.leadersOf;
    const key = level === 'grid' ? 'gridId' : level === 'community' ? 'communityId' : 'streetId';
    const nodeId = path[key];
    if (!nodeId) continue;
    const rows = await ports.store.find<Doc & { userId: string; role: string; nodeId: string }>('memberships', { [`path.${key}`]: nodeId }, { limit: 200 });
    const leaders = new Set(rows.filter((m) => (LEVEL_LEADERS[level] as readonly string[]).includes(m.role) && m.nodeId === nodeId).map((m) => m.userId));
    for (const id of leaders) out.push({ recipientId: id, ...message });
  }
  return out;
}

/** The subject's patch for a change: every field set (the state included) and the counters. */
export function subjectPatch<D>(change: Change<D>, binding: { stateKey?: string } = {}): Patch {
  const patch: Patch = { $set: stored(binding, change.set) as Record<string, unknown> };
  if (Object.keys(change.inc).length > 0) patch.$inc = change.inc;
  return patch;
}

/** The writes of a change to a stored subject: its version-guarded update, its timeline lines and the effects' writes. */
function movedOps<D>(
  w: Pick<Writer, 'ports' | 'now'>,
  binding: Pick<Stored<string, { type: string }, never, unknown>, 'collection' | 'timeline' | 'stateKey'>,
  doc: Doc & { version: number },
  by: TimelineActor,
  change: Change<D>,
): { ops: TxOp[]; lines: TimelineDoc[] } {
  const lines = binding.timeline ? timelineDocs(w, { key: binding.timeline.subjectKey, id: doc._id }, w.now, by, change.timeline, binding.timeline.idPrefix) : [];
  const ops: TxOp[] = [
    { op: 'update', collection: binding.collection, id: doc._id, version: doc.version, patch: subjectPatch(change, binding), was: stored(binding, doc) },
    ...lines.map((line): TxOp => ({ op: 'insert', collection: binding.timeline!.collection, doc: line })),
    ...(change.writes as TxOp[]),
  ];
  return { ops, lines };
}

/** The writes of a new subject: its insert, its first timeline lines (one millisecond apart, each by its actor) and the effects' writes. */
function createdOps<D extends { state: string }>(
  w: Pick<Writer, 'ports' | 'now'>,
  binding: Pick<Stored<string, { type: string }, D, unknown>, 'collection' | 'timeline' | 'stateKey'>,
  doc: Versioned<D>,
  change: Change<D>,
  by: (index: number) => TimelineActor,
): { ops: TxOp[]; lines: TimelineDoc[]; created: Versioned<D> } {
  const lines = binding.timeline
    ? change.timeline.flatMap((line, i) =>
        timelineDocs(w, { key: binding.timeline!.subjectKey, id: doc._id }, new Date(Date.parse(w.now) + i).toISOString(), by(i), [line], binding.timeline!.idPrefix),
      )
    : [];
  const created = { ...(change.after as D & Doc), _id: doc._id, version: doc.version } as Versioned<D>;
  const ops: TxOp[] = [
    { op: 'insert', collection: binding.collection, doc: stored(binding, created) },
    ...lines.map((line): TxOp => ({ op: 'insert', collection: binding.timeline!.collection, doc: line })),
    ...(change.writes as TxOp[]),
  ];
  return { ops, lines, created };
}

const ATTEMPTS = 5;

/**
 * Moves `doc` by the plan `plan()` returns, in one transaction. When a write to another document
 * loses a race (a volunteer's counters), the plan is made again from fresh reads; when the subject
 * itself changed, nothing is written and the answer is `conflict`.
 */
export async function move<S extends string, E extends { type: string }, D extends { state: S }, X>(
  w: Writer,
  binding: Stored<S, E, D, X>,
  doc: Versioned<D>,
  by: TimelineActor,
  /** The events and their context; `attempt` > 0 when a side write lost a race and fresh reads are due. */
  plan: (attempt: number) => Promise<Plan<E, X>> | Plan<E, X>,
): Promise<Moved<D> | { ok: false; reason: 'plan'; error: Extract<Plan<E, X>, { ok: false }>['error'] }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const planned = await plan(attempt);
    if (!planned.ok) return { ok: false, reason: 'plan', error: planned.error };
    const run = runLifecycle(binding.lifecycle, doc as D, planned.data.events, planned.data.x);
    if (!run.ok) return { ok: false, reason: 'refused', refusal: run.refusal };
    const { change } = run;
    const { ops, lines } = movedOps(w, binding, doc, by, change);
    const also = planned.data.also ?? [];
    for (const c of also) ops.push(...c.ops);
    const notify = await resolveNotices(w.ports, [...change.notify, ...also.flatMap((c) => c.notify)]);
    const audit = Object.assign({}, ...also.map((c) => c.audit ?? {}), change.audit) as Change<D>['audit'];
    const res = await w.transact(ops, { subjectId: doc._id, detail: audit }, notify);
    if (res.ok) {
      const after = { ...(change.after as D & Doc), _id: doc._id, version: doc.version + 1 } as Versioned<D>;
      return { ok: true, doc: binding.stateKey ? { ...after, [binding.stateKey]: after.state } : after, lines, change };
    }
    // The subject moved, or something it inserts is already there: nothing was written. A side
    // write or a companion that lost a race is planned again from fresh reads.
    if (res.index === 0 || res.reason === 'duplicate') return { ok: false, reason: 'conflict' };
  }
  return { ok: false, reason: 'busy' };
}

/**
 * Another subject's move, for a plan's `also`: the lifecycle run over `doc`, as a version-guarded
 * update with its timeline lines and notices. A refusal stops the plan.
 */
export function companion<S extends string, E extends { type: string }, D extends { state: S }, X>(
  w: Pick<Writer, 'ports' | 'now'>,
  binding: Stored<S, E, D, X>,
  doc: Versioned<D>,
  by: TimelineActor,
  events: readonly E[],
  x: X,
): { ok: true; companion: Companion; after: Versioned<D> } | { ok: false; refusal: Refusal } {
  const run = runLifecycle(binding.lifecycle, doc as D, events, x);
  if (!run.ok) return { ok: false, refusal: run.refusal };
  const { change } = run;
  const { ops } = movedOps(w, binding, doc, by, change);
  const audit = Object.fromEntries(Object.entries(change.audit).map(([k, v]) => [`${binding.lifecycle.name}.${k}`, v])) as Companion['audit'];
  return { ok: true, companion: { ops, notify: change.notify, audit }, after: { ...(change.after as D & Doc), _id: doc._id, version: doc.version + 1 } as Versioned<D> };
}

/** A new subject created beside a move (a work order a council decision spawns): its insert, first timeline lines and notices. */
export function companionCreate<D extends { state: string }>(
  w: Pick<Writer, 'ports' | 'now'>,
  binding: Pick<Stored<string, { type: string }, D, unknown>, 'collection' | 'timeline' | 'stateKey'>,
  doc: Versioned<D>,
  change: Change<D>,
  by: (index: number) => TimelineActor,
): Companion {
  return { ops: createdOps(w, binding, doc, change, by).ops, notify: change.notify };
}

/**
 * Creates a subject: the insert, its first timeline lines, the effects' writes, audit and outbox
 * rows in one transaction. `change` is the run of its first events over the new document.
 */
export async function create<D extends { state: string }>(
  w: Writer,
  binding: Pick<Stored<string, { type: string }, D, unknown>, 'collection' | 'timeline' | 'stateKey'>,
  doc: Versioned<D>,
  change: Change<D>,
  by: TimelineActor | ((index: number) => TimelineActor),
): Promise<{ ok: true; doc: Versioned<D>; lines: TimelineDoc[] } | { ok: false; reason: 'duplicate' | 'conflict' }> {
  const { ops, lines, created } = createdOps(w, binding, doc, change, typeof by === 'function' ? by : () => by);
  const notify = await resolveNotices(w.ports, change.notify);
  const res = await w.transact(ops, { subjectId: doc._id, detail: change.audit }, notify);
  if (res.ok) return { ok: true, doc: created, lines };
  return { ok: false, reason: res.index === 0 && res.reason === 'duplicate' ? 'duplicate' : 'conflict' };
}
