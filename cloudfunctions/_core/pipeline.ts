import * as z from 'zod';
import { zhCN } from 'zod/locales';
import type { Actor, Decision } from '../../shared/accounts/accounts.policy';
import type { Membership, User } from '../../shared/accounts/accounts.schema';
import { fail, ok, type Envelope, type Result } from '../../shared/api/envelope';
import type { ActionSpec, FunctionName } from '../../shared/api/contract';
import { appError, type ErrorCode } from '../../shared/errors';
import { deniedOnWeb } from '../../shared/accounts/web-login';
import { stableHash } from '../../shared/kernel/hash';
import { beijingDate } from '../../shared/kernel/time';
import type { RevealMark } from '../../shared/privacy/privacy.schema';
import { auditDoc as auditEntry, transactWithOutbox } from './outbox';
import type { Notification, Ports } from './ports';
import type { Doc, Store, TxOp, TxResult } from './ports/store';
import { personOfSession, type WebSessionDoc } from './web-session';

// Validation messages in Chinese, for the field-level errors residents read.
z.config(zhCN());

/** What an action's steps receive besides their input. */
export interface ActionContext {
  ports: Ports;
  openid: string;
  requestId: string;
  /** The instant of this call, read once. */
  now: string;
  /**
   * Writes the given single-document operations, the `outbox` rows of `notify` and this call's
   * audit entry in one transaction. A stale version anywhere answers COMMON.CONFLICT and nothing
   * is written. The rows are delivered after the commit, before the call answers (`_core/outbox.ts`).
   */
  commit(ops: readonly TxOp[], audit: AuditNote, notify?: readonly Notification[]): Promise<Result<void>>;
  /** Like commit, but answers which operation conflicted, for callers that retry some conflicts. */
  transact(ops: readonly TxOp[], audit: AuditNote, notify?: readonly Notification[]): Promise<TxResult>;
  /** Audit entry without a data change (a reveal of personal data, a denial); written before the call answers. */
  audit(note: AuditNote): Promise<void>;
  /** The web session the call came with (扫码登录 on a PC), or null for a call from WeChat. */
  webSessionId?: string | null;
}

export interface AuditNote {
  /** What the record is about: a user, an invite, an order. */
  subjectId: string;
  /** Why, in the domain's words; never personal data. */
  detail?: Record<string, string | number | boolean | null>;
  /** Set on the audit of a read that shows someone's phone, contact or address in full: 谁查看了我的信息 and the street's reveal log read it. */
  reveal?: RevealMark;
}

/**
 * One action of a cloud function: the pure decision and the domain step, wired by the pipeline.
 * `load` fetches the object the action is about; `authorize` is pure and denies by default.
 */
export interface ActionDefinition<I = any, R = any, O = any> {
  spec: ActionSpec;
  /** Calls from people not yet registered are refused, except where the action registers them. */
  registers?: boolean;
  /**
   * Runs beside the read of the caller's memberships (one round trip for both), so it sees the
   * caller's user record only; authorization, which needs the roles, comes after.
   */
  load?(ctx: ActionContext, input: I, caller: Pick<Actor, 'user'>): Promise<Result<R>>;
  authorize(actor: Actor, input: I, resource: R): Decision;
  run(ctx: ActionContext, input: I, actor: Actor, resource: R): Promise<Result<O>>;
  /**
   * Serves the call of a device instead of a person (a station's screen: `device` in the envelope).
   * Only reads may have one. It gets the device's secret as sent and looks it up itself (by hash),
   * so what a device may do is decided here on the server; no person's identity is read or made.
   */
  device?(ctx: DeviceContext, input: I, token: string): Promise<Result<O>>;
  /**
   * Serves every call of the action without a caller: no OPENID, session or device is read, no user
   * is looked up (the PC asking for a login code, then polling it with the code's secret). What it
   * may do rests on what the input proves (a secret it checks by hash). `authorize` and `run` are
   * never called (`defineAnonymousAction` makes them deny).
   */
  anonymous?(ctx: AnonymousContext, input: I): Promise<Result<O>>;
}

/** What a device's step receives: no caller, no writes through the audit-and-outbox path. */
export type DeviceContext = Pick<ActionContext, 'ports' | 'requestId' | 'now' | 'audit'>;

/** What an anonymous step receives: no caller; its writes carry an audit entry naming no actor, and no notices. */
export type AnonymousContext = DeviceContext & { commit(ops: readonly TxOp[], audit: AuditNote): Promise<Result<void>> };

export interface FunctionDefinition {
  name: FunctionName;
  actions: Record<string, ActionDefinition>;
}

/** Typed helper: an action whose input is its contract's output type after parsing. */
export function defineAction<S extends ActionSpec, R = null>(
  spec: S,
  def: Omit<ActionDefinition<z.output<S['input']>, R, z.output<S['output']>>, 'spec'>,
): ActionDefinition<z.output<S['input']>, R, z.output<S['output']>> {
  return { spec, ...def };
}

/** Typed helper: an action that serves calls without a caller (`anonymous`); its person path denies. */
export function defineAnonymousAction<S extends ActionSpec>(
  spec: S,
  anonymous: (ctx: AnonymousContext, input: z.output<S['input']>) => Promise<Result<z.output<S['output']>>>,
): ActionDefinition<z.output<S['input']>, null, z.output<S['output']>> {
  return { spec, anonymous, authorize: () => ({ allow: false, code: 'COMMON.FORBIDDEN' }), run: async () => fail('COMMON.FORBIDDEN') };
}

const Request = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
  requestId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /** A device's secret (the station screen's token), for the actions that serve devices. */
  device: z
    .string()
    .min(16)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /** A web session's token (扫码登录 on a PC): the call acts as the session's person (`_core/web-session.ts`). */
  session: z
    .string()
    .min(16)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});

/** The first problem zod found, as a field-level error in Chinese. */
export function inputError(error: z.ZodError, prefix = ''): { ok: false; error: ReturnType<typeof appError> } {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const err = appError('COMMON.INVALID_INPUT', field || undefined);
  if (issue?.message) err.message = field ? `${issue.message}` : issue.message;
  return { ok: false, error: err };
}

const findUser = async (ports: Ports, openid: string): Promise<(User & Doc) | null> => (await ports.store.find<User & Doc>('users', { openid }, { limit: 1 }))[0] ?? null;
const membershipsOf = (ports: Ports, userId: string) => ports.store.find<Membership & Doc>('memberships', { userId }, { limit: 100 });

/** A new resident, as the first call of a new OPENID creates them. */
export function newResident(id: string, openid: string, now: string): User {
  return { _id: id, openid, name: '居民', largeText: false, seenOn: beijingDate(now), createdAt: now, updatedAt: now, version: 1 };
}

const REPLAY_TTL_MS = 24 * 3600 * 1000;
/** How long a claim holds off a repeat: longer than a cloud function may run (20 s here, 60 s at most). */
const CLAIM_LEASE_MS = 60 * 1000;
/** A repeat that finds its first call still running waits this long (real time) for the answer. */
const WAIT_FOR_FIRST_MS = 5_000;
const WAIT_STEP_MS = 50;

/** `idempotency/<key>`: the claim of one write request and, once answered, its answer. */
interface ReplayDoc extends Doc {
  version: number;
  /** pending: running; committed: its data is written, answer not yet; done: answered; failed: may run again. */
  status: 'pending' | 'committed' | 'done' | 'failed';
  response?: Envelope<unknown>;
  /** Until then a pending claim is its first call's; after it a repeat may take it over. */
  leaseUntil: string;
  expiresAt: string;
  createdAt: string;
}

/** The claim a call holds while it runs: the version its transactions fence on. */
interface HeldClaim {
  key: string;
  version: number;
  committed: boolean;
}

/**
 * The input as the replay key hashes it: without the fields its contract marks secret (an
 * anonymous ballot's choice), so the key, which names the caller, says nothing of them. A retry
 * with the same requestId is the same request whatever those fields say.
 */
function keyed(data: unknown, secret: readonly string[] | undefined): unknown {
  if (!secret || secret.length === 0 || typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => !secret.includes(k)));
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Replay of writes: every `kind: 'write'` action called with a requestId. Why it is sound:
 *
 * 1. Claim before running. The first call inserts `idempotency/<key>` as `pending`; the insert is
 *    unique, so of two concurrent calls with one key exactly one runs. The other waits for the
 *    answer and replays it (or, if the first is still running after WAIT_FOR_FIRST_MS, answers
 *    COMMON.IN_PROGRESS without running).
 * 2. The claim is part of the commit. Every transaction of the claiming call also bumps the claim's
 *    version (a guarded update, see `ctx.commit`), so the data and the claim are written together
 *    or not at all. A claim whose lease ran out (its call died or hung) may be taken over by a
 *    repeat; the first call's late commit then conflicts and writes nothing. So the data of one
 *    key is written at most once, whatever the timing.
 * 3. After the call: an answer is stored (`done`) and replayed for 24 hours. A failure with nothing
 *    committed releases the claim (`failed`): a retry of a failed write is tried again, not
 *    replayed. A failure after a commit is stored like a success: running it again would write twice.
 *    A claim left `committed` without an answer (the function died in between) is never run again.
 *
 * The key holds the caller, the action and a hash of the parsed input: one person's requestId never
 * replays another's answer, and a retry that changed what it asks for is a new request.
 */
async function claimReplay(store: Store, key: string, now: string): Promise<{ run: true; version: number } | { run: false; response: Envelope<unknown> }> {
  const leaseUntil = new Date(Date.parse(now) + CLAIM_LEASE_MS).toISOString();
  const expiresAt = new Date(Date.parse(now) + REPLAY_TTL_MS).toISOString();
  const claim = { status: 'pending' as const, leaseUntil, expiresAt, createdAt: now };
  const waitUntil = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const inserted = await store.insert('idempotency', { _id: key, version: 1, ...claim });
    if (inserted.ok) return { run: true, version: 1 };
    const seen = await store.get<ReplayDoc>('idempotency', key);
    if (seen) {
      const live = seen.expiresAt > now;
      if (live && seen.status === 'done' && seen.response) return { run: false, response: seen.response };
      const abandoned = seen.status === 'pending' && seen.leaseUntil <= now;
      if (!live || seen.status === 'failed' || abandoned) {
        if (await store.update('idempotency', key, seen.version, { $set: claim, $unset: ['response'] })) return { run: true, version: seen.version + 1 };
        continue; // another repeat took it first: look again
      }
      if (seen.status === 'committed' && seen.leaseUntil <= now) return { run: false, response: fail('COMMON.IN_PROGRESS') };
    }
    if (Date.now() >= waitUntil) return { run: false, response: fail('COMMON.IN_PROGRESS') };
    await sleep(WAIT_STEP_MS);
  }
}

/** Stores the answer of a claimed call, or releases the claim when nothing was written. */
async function settleReplay(store: Store, claim: HeldClaim, response: Envelope<unknown>): Promise<void> {
  const answered = response.ok || claim.committed;
  await store.update('idempotency', claim.key, claim.version, answered ? { $set: { status: 'done', response } } : { $set: { status: 'failed' } });
}

/**
 * The pipeline, the same for every function:
 * identity → schema parse → the caller's record together with, for a write, the claim of its
 * requestId (or the replay of its answer) → the caller's memberships together with the resource →
 * authorize → domain + conditional write (with its audit entry and the claim) → envelope (a write's
 * kept for replay). Each arrow is one round trip to the store. Nothing a client sends can make it throw.
 */
export async function runCall(def: FunctionDefinition, ports: Ports, event: unknown, context: unknown): Promise<Envelope<unknown>> {
  const req = Request.safeParse(event);
  if (!req.success) return inputError(req.error);
  const { action: actionName, payload, requestId } = req.data;
  if (req.data.device !== undefined) return runDeviceCall(def, ports, actionName, payload, req.data.device, requestId);
  const action = Object.prototype.hasOwnProperty.call(def.actions, actionName) ? def.actions[actionName] : undefined;
  if (action?.anonymous) return runAnonymousCall(def, ports, action, actionName, payload, requestId);

  // A web session's call acts as its person, loaded below exactly like a call from WeChat; it never
  // reads the context's identity (a call through the CloudBase web SDK has none).
  let web: { session: WebSessionDoc; user: User & Doc } | null = null;
  if (req.data.session !== undefined) {
    const found = await personOfSession(ports, req.data.session, ports.clock.now());
    if (!found.ok) return found;
    web = found.data;
  }
  const openid = web ? web.user.openid : ports.identity.openid(event, context);
  if (!openid) return fail('COMMON.UNAUTHENTICATED');

  if (!action) return fail('COMMON.UNKNOWN_ACTION', 'action');
  if (action.spec.localOnly && !ports.identity.local) return fail('COMMON.LOCAL_ONLY');
  if (web && deniedOnWeb(def.name, actionName)) return fail('ACCOUNTS.NOT_ON_WEB');

  const input = action.spec.input.safeParse(payload ?? {});
  if (!input.success) return inputError(input.error, 'payload');

  const now = ports.clock.now();
  const rid = requestId ?? ports.ids.id('req');
  const actorRef: { id: string | null } = { id: null };
  let held: HeldClaim | null = null;
  /** The claim's fence, added to every transaction of a claimed call (see claimReplay). */
  const fenced = (ops: readonly TxOp[]): Promise<TxResult> => transactFenced(ports.store, held, ops);
  const auditDoc = (note: AuditNote, outcome: string): Doc =>
    auditEntry(ports, {
      at: now,
      requestId: rid,
      function: def.name,
      action: actionName,
      actorId: actorRef.id,
      subjectId: note.subjectId,
      outcome,
      detail: note.detail,
      ...(note.reveal ? { reveal: note.reveal } : {}),
    });
  /** Deliveries of committed outbox rows and audit entries of reads, under way while the action goes on; awaited before the answer. */
  const deliveries: Promise<unknown>[] = [];
  const write = (ops: readonly TxOp[], note: AuditNote, notify: readonly Notification[] = []): Promise<TxResult> =>
    transactWithOutbox(ports, [...ops, { op: 'insert', collection: 'audit', doc: auditDoc(note, 'ok') }], notify, now, {
      transact: fenced,
      delivery: (sending) => deliveries.push(sending),
    });
  const ctx: ActionContext = {
    ports,
    openid,
    requestId: rid,
    now,
    webSessionId: web?.session._id ?? null,
    async commit(ops, note, notify) {
      const res = await write(ops, note, notify);
      return res.ok ? ok(undefined) : fail('COMMON.CONFLICT');
    },
    transact(ops, note, notify) {
      return write(ops, note, notify);
    },
    async audit(note) {
      auditAlongside(ports.store, auditDoc(note, 'read'), deliveries);
    },
  };

  const data = input.data;
  /** load (beside the caller's memberships) → authorize → run. */
  const perform = async (user: User & Doc, known: Membership[] | null): Promise<Envelope<unknown>> => {
    const [memberships, resource] = await Promise.all([known ?? membershipsOf(ports, user._id), action.load ? action.load(ctx, data, { user }) : Promise.resolve(ok(null))]);
    if (!resource.ok) return resource;
    const actor: Actor = { user, memberships };
    const decision = action.authorize(actor, data, resource.data);
    if (!decision.allow) {
      await ctx.audit({ subjectId: actor.user._id, detail: { denied: decision.code } });
      return fail(decision.code);
    }
    return action.run(ctx, data, actor, resource.data);
  };
  const logFailure = (e: unknown): void => {
    // Log the kind of failure and the request, never the payload (it may hold personal data).
    console.error(`[${def.name}.${actionName}] request ${rid} failed: ${(e as Error)?.name ?? 'Error'}: ${redact((e as Error)?.message)}`);
  };

  try {
    // Every write replays: the contract's `kind` decides, no action can opt out or forget. The key
    // names the caller by their OPENID (hashed), so the claim goes out with the read of the caller.
    const key =
      action.spec.kind === 'write' && requestId
        ? `${stableHash(openid)}:${def.name}.${actionName}:${requestId}:${stableHash(JSON.stringify(keyed(data, action.spec.secretFields)) ?? '')}`
        : null;
    const [found, claim] = await Promise.all([web ? web.user : findUser(ports, openid), key ? claimReplay(ports.store, key, now) : null]);
    if (claim && !claim.run) return claim.response;
    const claimed: HeldClaim | null = claim && key ? { key, version: claim.version, committed: false } : null;

    let user = found;
    let known: Membership[] | null = null;
    if (!user) {
      if (!action.registers) {
        if (claimed) await settleReplay(ports.store, claimed, fail('ACCOUNT.NOT_REGISTERED'));
        return fail('ACCOUNT.NOT_REGISTERED');
      }
      const made = newResident(ports.ids.id('usr'), openid, now) as User & Doc;
      const res = await ctx.commit([{ op: 'insert', collection: 'users', doc: made }], { subjectId: made._id, detail: { event: 'registered' } });
      // Two first calls at once: the loser finds the winner's record.
      user = res.ok ? made : await findUser(ports, openid);
      if (!user) return fail('COMMON.CONFLICT');
      if (res.ok) known = [];
    }
    actorRef.id = user._id;
    held = claimed;
    // The day the person was last here, for the inactive-account retention job: set once a day,
    // unguarded (no version bump, so no write of this call conflicts with it), alongside the call.
    const today = beijingDate(now);
    if (user.seenOn !== today) deliveries.push(ports.store.mark('users', user._id, 'seenOn', today));

    let result: Envelope<unknown>;
    try {
      result = await perform(user, known);
    } catch (e) {
      logFailure(e);
      result = fail('COMMON.INTERNAL' as ErrorCode);
    }
    // The answer is kept while the sends go out; a function must not return with either in flight.
    await Promise.all([...deliveries, held ? settleReplay(ports.store, held, withoutShownOnce(result, action.spec.shownOnce)) : null]);
    return result;
  } catch (e) {
    logFailure(e);
    return fail('COMMON.INTERNAL' as ErrorCode);
  }
}

/**
 * A call that carries a device's secret instead of coming from a person: no OPENID is read (a call
 * through the CloudBase web SDK has none) and no user is looked up or registered. Only an action
 * with a `device` step, and only a read, serves it; anything else is refused. Audit entries of the
 * call name no actor (the step puts the device in `detail`). Nothing a client sends can make it throw.
 */
async function runDeviceCall(def: FunctionDefinition, ports: Ports, actionName: string, payload: unknown, token: string, requestId?: string): Promise<Envelope<unknown>> {
  const action = Object.prototype.hasOwnProperty.call(def.actions, actionName) ? def.actions[actionName] : undefined;
  if (!action) return fail('COMMON.UNKNOWN_ACTION', 'action');
  if (!action.device || action.spec.kind !== 'read') return fail('COMMON.FORBIDDEN', 'device');
  const input = action.spec.input.safeParse(payload ?? {});
  if (!input.success) return inputError(input.error, 'payload');
  const now = ports.clock.now();
  const rid = requestId ?? ports.ids.id('req');
  const audits: Promise<unknown>[] = [];
  const ctx: DeviceContext = {
    ports,
    requestId: rid,
    now,
    async audit(note) {
      const doc = auditEntry(ports, {
        at: now,
        requestId: rid,
        function: def.name,
        action: actionName,
        actorId: null,
        subjectId: note.subjectId,
        outcome: 'read',
        detail: note.detail,
      });
      auditAlongside(ports.store, doc, audits);
    },
  };
  try {
    const result = await action.device(ctx, input.data, token);
    await Promise.all(audits);
    return result;
  } catch (e) {
    // The kind of failure and the request, never the payload or the token.
    console.error(`[${def.name}.${actionName}] device request ${rid} failed: ${(e as Error)?.name ?? 'Error'}`);
    return fail('COMMON.INTERNAL' as ErrorCode);
  }
}

/**
 * A call of an action that serves no caller (`anonymous`): nothing of identity is read. A write with
 * a requestId replays like any other; its key holds no caller but a hash of the whole input, secrets
 * included, so only whoever sent that input meets its replay (and the fields shown once are not kept).
 * Audit entries name no actor. Nothing a client sends can make it throw.
 */
async function runAnonymousCall(
  def: FunctionDefinition,
  ports: Ports,
  action: ActionDefinition,
  actionName: string,
  payload: unknown,
  requestId?: string,
): Promise<Envelope<unknown>> {
  const input = action.spec.input.safeParse(payload ?? {});
  if (!input.success) return inputError(input.error, 'payload');
  const now = ports.clock.now();
  const rid = requestId ?? ports.ids.id('req');
  const entry = (note: AuditNote, outcome: string): Doc =>
    auditEntry(ports, { at: now, requestId: rid, function: def.name, action: actionName, actorId: null, subjectId: note.subjectId, outcome, detail: note.detail });
  try {
    const key = action.spec.kind === 'write' && requestId ? `anonymous:${def.name}.${actionName}:${requestId}:${stableHash(JSON.stringify(input.data) ?? '')}` : null;
    const claim = key ? await claimReplay(ports.store, key, now) : null;
    if (claim && !claim.run) return claim.response;
    const held: HeldClaim | null = claim && key ? { key, version: claim.version, committed: false } : null;
    const audits: Promise<unknown>[] = [];
    const ctx: AnonymousContext = {
      ports,
      requestId: rid,
      now,
      async audit(note) {
        auditAlongside(ports.store, entry(note, 'read'), audits);
      },
      async commit(ops, note) {
        const res = await transactFenced(ports.store, held, [...ops, { op: 'insert', collection: 'audit', doc: entry(note, 'ok') }]);
        return res.ok ? ok(undefined) : fail('COMMON.CONFLICT');
      },
    };
    let result: Envelope<unknown>;
    try {
      result = await action.anonymous!(ctx, input.data);
    } catch (e) {
      console.error(`[${def.name}.${actionName}] anonymous request ${rid} failed: ${(e as Error)?.name ?? 'Error'}`);
      result = fail('COMMON.INTERNAL' as ErrorCode);
    }
    await Promise.all([...audits, held ? settleReplay(ports.store, held, withoutShownOnce(result, action.spec.shownOnce)) : null]);
    return result;
  } catch (e) {
    // The kind of failure and the request, never the payload or a secret.
    console.error(`[${def.name}.${actionName}] anonymous request ${rid} failed: ${(e as Error)?.name ?? 'Error'}`);
    return fail('COMMON.INTERNAL' as ErrorCode);
  }
}

/** A transaction with the replay claim's fence (see claimReplay): once it commits, the claim is committed and one version on. */
async function transactFenced(store: Store, claim: HeldClaim | null, ops: readonly TxOp[]): Promise<TxResult> {
  const fence: TxOp[] = claim ? [{ op: 'update', collection: 'idempotency', id: claim.key, version: claim.version, patch: { $set: { status: 'committed' } } }] : [];
  const res = await store.transact([...ops, ...fence]);
  if (res.ok && claim) {
    claim.version += 1;
    claim.committed = true;
  }
  return res;
}

/** The audit entry of a read, written alongside the rest of the call (one round trip less); the call awaits `pending` before it answers. */
function auditAlongside(store: Store, doc: Doc, pending: Promise<unknown>[]): void {
  const written = store.insert('audit', doc);
  written.catch(() => undefined); // its failure surfaces where the call awaits it
  pending.push(written);
}

/** The answer as the replay store keeps it: the fields shown once set to null. */
function withoutShownOnce(result: Envelope<unknown>, fields: readonly string[] | undefined): Envelope<unknown> {
  if (!fields?.length || !result.ok || typeof result.data !== 'object' || result.data === null) return result;
  return { ...result, data: { ...(result.data as Record<string, unknown>), ...Object.fromEntries(fields.map((f) => [f, null])) } };
}

/**
 * What of an error's message may go into a log line: anything that looks like a phone number or an id
 * card, an openid, or Chinese words (a name, a room, an address a person wrote) is taken out. What
 * is left (an error's kind, a collection, a field) is what an operator needs.
 */
export function redact(text: string | undefined): string {
  return (text ?? '')
    .replace(/\d{11,18}X?/gi, '[redacted]')
    .replace(/\bo[A-Za-z0-9_-]{27}\b/g, '[openid]')
    .replace(/[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu, '[text]')
    .slice(0, 300);
}
