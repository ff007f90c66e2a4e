/**
 * The lifecycle kernel. A lifecycle is data: its states, a table that says which event moves which
 * state where, guards that refuse an event with a reason, and effects — pure functions that say what
 * a transition does besides the state: the fields it sets, the lines it adds to the subject's
 * timeline, who is told, what the audit entry records and which other documents it writes.
 *
 * `runLifecycle` folds a chain of events (e.g. decline → offer) over a subject and answers one
 * change, or the first event the table or a guard refuses. It does no I/O: the one mover
 * (`cloudfunctions/_core/mover.ts`) writes the change, its timeline, audit entry and outbox rows in
 * one transaction. Orders, duties, and later council topics, meetings and 六有 checks use it.
 */

import type { NoticeFacts, TemplateKey } from '../notices/templates';

export type AuditValue = string | number | boolean | null;

/** A line of a subject's timeline. `leadersOnly`: shown to the leaders of the place only. */
export interface TimelineLine {
  kind: string;
  text: string;
  leadersOnly?: boolean;
}

/** A timeline line as stored, beside the field that names its subject (`orderId`, `topicId`…). */
export interface TimelineEntry {
  _id: string;
  at: string;
  /** null for the platform (dispatcher, scheduler). */
  actorId: string | null;
  actorLabel: string;
  kind: string;
  text: string;
  /** Shown to the leaders of the place only (dispatch reasons name volunteers and scores). */
  leadersOnly: boolean;
}

/** A place, as the territory tree names it (the ids of its ancestors and itself). */
export type PlaceIds = Partial<Record<'streetId' | 'communityId' | 'gridId' | 'microGridId' | 'buildingId', string>>;

/**
 * Who is told. A person by id, the leaders of a place at a level (grid, community or street), or
 * the residents who live in a grid or community (a 公示), whom the mover looks up. Nobody (`null`)
 * is allowed and tells no one.
 */
export type Audience =
  { userId: string } | { leadersOf: { path: PlaceIds; level: 'grid' | 'community' | 'street' } } | { residentsOf: { gridId: string } | { communityId: string } };

/** A notification as data: the mover turns it into outbox rows, one per recipient. */
export interface Notice {
  to: Audience;
  /** The subscribe-message template it becomes (shared/notices/templates.ts). */
  template: TemplateKey;
  title: string;
  body: string;
  page?: string;
  /** What the template's fields say besides the title and body: the subject, a place, a time. */
  facts?: NoticeFacts;
}

/** A write to another document than the subject, in the same transaction (a counter, a record). */
export type SideWrite =
  | { op: 'insert'; collection: string; doc: { _id: string; [key: string]: unknown } }
  | {
      op: 'update';
      collection: string;
      id: string;
      version: number;
      patch: { $set?: Record<string, unknown>; $inc?: Record<string, number>; $unset?: readonly string[] };
      /** The document as read (at `version`): a collection that feeds rollups needs it to count the change. */
      was?: { _id: string; [key: string]: unknown };
    };

/** What one transition does besides moving the state. Every part is optional. */
export interface Effect<D> {
  set?: Partial<D>;
  /** Numbers added to the subject's fields (counters such as `breaches`). */
  inc?: Partial<Record<keyof D & string, number>>;
  timeline?: readonly TimelineLine[];
  notify?: readonly Notice[];
  audit?: Record<string, AuditValue>;
  writes?: readonly SideWrite[];
}

/** A refusal: a stable error code and, where one is at fault, the field. */
export interface Refusal {
  code: string;
  field?: string;
}

export interface Lifecycle<S extends string, E extends { type: string }, D extends { state: S }, X> {
  name: string;
  states: readonly S[];
  /** The table: state × event → next state, or null when the event is not allowed in that state. */
  next(state: S, event: E): S | null;
  /** Guards beyond the table (a photo is required, a counter is full); null lets it through. */
  guard?(doc: D, event: E, x: X): Refusal | null;
  /** What the transition does, from the subject as it stands before this event. Pure. */
  effect(doc: D, event: E, x: X): Effect<D>;
}

/** The sum of a chain of transitions: the subject after them and everything they do. */
export interface Change<D> {
  /** The subject after every event (state and fields; the stored version is the mover's). */
  after: D;
  /** Every field the chain set, the state included: the subject's `$set`. */
  set: Partial<D>;
  inc: Record<string, number>;
  timeline: TimelineLine[];
  notify: Notice[];
  /** `event` names the chain (`decline>offer`), then each effect's audit detail. */
  audit: Record<string, AuditValue>;
  writes: SideWrite[];
}

export type Run<D> = { ok: true; change: Change<D> } | { ok: false; refusal: Refusal; event: string };

/** The refusal of an event the table does not allow in the subject's state. */
export const NOT_ALLOWED_NOW = 'NOT_ALLOWED_NOW';

/**
 * Folds `events` over `doc`: each must be allowed by the table and its guard in the state the
 * previous ones left; each effect sees the subject as the previous ones left it. Sets of later
 * events win; timelines, notices and writes are kept in order.
 */
export function runLifecycle<S extends string, E extends { type: string }, D extends { state: S }, X>(
  lifecycle: Lifecycle<S, E, D, X>,
  doc: D,
  events: readonly E[],
  x: X,
): Run<D> {
  let current: D = doc;
  const change: Change<D> = { after: doc, set: {}, inc: {}, timeline: [], notify: [], audit: { event: events.map((e) => e.type).join('>') }, writes: [] };
  for (const event of events) {
    const next = lifecycle.next(current.state, event);
    if (next === null) return { ok: false, refusal: { code: NOT_ALLOWED_NOW }, event: event.type };
    const refused = lifecycle.guard?.(current, event, x) ?? null;
    if (refused) return { ok: false, refusal: refused, event: event.type };
    const effect = lifecycle.effect(current, event, x);
    const incremented: Record<string, unknown> = {};
    for (const [field, by] of Object.entries(effect.inc ?? {}) as [string, number][]) {
      change.inc[field] = (change.inc[field] ?? 0) + by;
      incremented[field] = ((current as Record<string, unknown>)[field] as number) + by;
    }
    current = { ...current, ...effect.set, ...incremented, state: next } as D;
    Object.assign(change.set, effect.set, { state: next });
    change.timeline.push(...(effect.timeline ?? []));
    change.notify.push(...(effect.notify ?? []));
    change.writes.push(...(effect.writes ?? []));
    Object.assign(change.audit, effect.audit ?? {});
  }
  // A field both set and incremented is written once, as set: the increment is already in `after`.
  for (const field of Object.keys(change.inc)) {
    if (field in change.set) {
      (change.set as Record<string, unknown>)[field] = (current as Record<string, unknown>)[field];
      delete change.inc[field];
    }
  }
  change.after = current;
  return { ok: true, change };
}

/** Every (state, event type) pair the table allows, for documentation and tests. */
export function allowedPairs<S extends string, E extends { type: string }>(
  lifecycle: Pick<Lifecycle<S, E, never, never>, 'states' | 'next'>,
  samples: readonly E[],
): [S, string, S][] {
  const pairs: [S, string, S][] = [];
  for (const state of lifecycle.states) {
    for (const event of samples) {
      const next = lifecycle.next(state, event);
      if (next !== null) pairs.push([state, event.type, next]);
    }
  }
  return pairs;
}

/** A notice to one person, none when there is nobody (`null`) to tell. */
export function tell(userId: string | null | undefined, n: Omit<Notice, 'to'>): Notice[] {
  return userId ? [{ to: { userId }, ...n }] : [];
}
