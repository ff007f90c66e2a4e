import { z } from 'zod';
import type { Actor, Decision } from '../../shared/accounts/accounts.policy';
import type { Membership, User } from '../../shared/accounts/accounts.schema';
import { fail, ok, type Envelope, type Result } from '../../shared/api/envelope';
import type { ActionSpec, FunctionName } from '../../shared/api/contract';
import { api } from '../../shared/api/contract';
import { appError, type ErrorCode } from '../../shared/errors';
import type { Ports } from './ports';
import type { Doc, TxOp, TxResult } from './ports/store';

// Validation messages in Chinese, for the field-level errors residents read.
z.config(z.locales.zhCN());

/** What an action's steps receive besides their input. */
export interface ActionContext {
  ports: Ports;
  openid: string;
  requestId: string;
  /** The instant of this call, read once. */
  now: string;
  /**
   * Writes the given single-document operations and this call's audit entry in one transaction.
   * A stale version anywhere answers COMMON.CONFLICT and nothing is written.
   */
  commit(ops: readonly TxOp[], audit: AuditNote): Promise<Result<void>>;
  /** Like commit, but answers which operation conflicted, for callers that retry some conflicts. */
  transact(ops: readonly TxOp[], audit: AuditNote): Promise<TxResult>;
  /** Audit entry without a data change (a reveal of personal data, a denial). */
  audit(note: AuditNote): Promise<void>;
}

export interface AuditNote {
  /** What the record is about: a user, an invite, an order. */
  subjectId: string;
  /** Why, in the domain's words; never personal data. */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * One action of a cloud function: the pure decision and the domain step, wired by the pipeline.
 * `load` fetches the object the action is about; `authorize` is pure and denies by default.
 */
export interface ActionDefinition<I = any, R = any, O = any> {
  spec: ActionSpec;
  /** Calls from people not yet registered are refused, except where the action registers them. */
  registers?: boolean;
  /** Mutating actions replay their first answer for a repeated requestId (double taps, retries). */
  idempotent?: boolean;
  load?(ctx: ActionContext, input: I, actor: Actor): Promise<Result<R>>;
  authorize(actor: Actor, input: I, resource: R): Decision;
  run(ctx: ActionContext, input: I, actor: Actor, resource: R): Promise<Result<O>>;
}

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

const Request = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
  requestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});

/** The first problem zod found, as a field-level error in Chinese. */
export function inputError(error: z.ZodError, prefix = ''): { ok: false; error: ReturnType<typeof appError> } {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const err = appError('COMMON.INVALID_INPUT', field || undefined);
  if (issue?.message) err.message = field ? `${issue.message}` : issue.message;
  return { ok: false, error: err };
}

export async function loadActor(ports: Ports, openid: string): Promise<Actor | null> {
  const [user] = await ports.store.find<User & Doc>('users', { openid }, { limit: 1 });
  if (!user) return null;
  const memberships = await ports.store.find<Membership & Doc>('memberships', { userId: user._id }, { limit: 100 });
  return { user, memberships };
}

/** A new resident, as the first call of a new OPENID creates them. */
export function newResident(id: string, openid: string, now: string): User {
  return { _id: id, openid, name: '居民', largeText: false, createdAt: now, updatedAt: now, version: 1 };
}

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/**
 * The pipeline, the same for every function:
 * identity → schema parse → load actor → load resource → authorize → domain + conditional write
 * (with its audit entry) → envelope. Nothing a client sends can make it throw.
 */
export async function runCall(def: FunctionDefinition, ports: Ports, event: unknown, context: unknown): Promise<Envelope<unknown>> {
  const req = Request.safeParse(event);
  if (!req.success) return inputError(req.error);
  const { action: actionName, payload, requestId } = req.data;

  const openid = ports.identity.openid(event, context);
  if (!openid) return fail('COMMON.UNAUTHENTICATED');

  const action = Object.prototype.hasOwnProperty.call(def.actions, actionName) ? def.actions[actionName] : undefined;
  if (!action) return fail('COMMON.UNKNOWN_ACTION', 'action');
  if (action.spec.localOnly && !ports.identity.local) return fail('COMMON.LOCAL_ONLY');

  const input = action.spec.input.safeParse(payload ?? {});
  if (!input.success) return inputError(input.error, 'payload');

  const now = ports.clock.now();
  const rid = requestId ?? ports.ids.id('req');
  const actorRef: { id: string | null } = { id: null };
  const auditDoc = (note: AuditNote, outcome: string): Doc => ({
    _id: ports.ids.id('aud'),
    at: now,
    requestId: rid,
    function: def.name,
    action: actionName,
    actorId: actorRef.id,
    subjectId: note.subjectId,
    outcome,
    detail: note.detail ?? {},
  });
  const ctx: ActionContext = {
    ports,
    openid,
    requestId: rid,
    now,
    async commit(ops, note) {
      const res = await ports.store.transact([...ops, { op: 'insert', collection: 'audit', doc: auditDoc(note, 'ok') }]);
      return res.ok ? ok(undefined) : fail('COMMON.CONFLICT');
    },
    transact(ops, note) {
      return ports.store.transact([...ops, { op: 'insert', collection: 'audit', doc: auditDoc(note, 'ok') }]);
    },
    async audit(note) {
      await ports.store.insert('audit', auditDoc(note, 'read'));
    },
  };

  try {
    let actor = await loadActor(ports, openid);
    if (!actor) {
      if (!action.registers) return fail('ACCOUNT.NOT_REGISTERED');
      const user = newResident(ports.ids.id('usr'), openid, now);
      const made = await ctx.commit([{ op: 'insert', collection: 'users', doc: user as User & Doc }], { subjectId: user._id, detail: { event: 'registered' } });
      // Two first calls at once: the loser finds the winner's record.
      actor = made.ok ? { user, memberships: [] } : await loadActor(ports, openid);
      if (!actor) return fail('COMMON.CONFLICT');
    }
    actorRef.id = actor.user._id;

    const replayKey = action.idempotent && requestId ? `${actor.user._id}:${def.name}.${actionName}:${requestId}` : null;
    if (replayKey) {
      const seen = await ports.store.get<Doc & { response: Envelope<unknown>; expiresAt: string }>('idempotency', replayKey);
      if (seen && seen.expiresAt > now) return seen.response;
    }

    const resource = action.load ? await action.load(ctx, input.data, actor) : ok(null);
    if (!resource.ok) return resource;

    const decision = action.authorize(actor, input.data, resource.data);
    if (!decision.allow) {
      await ctx.audit({ subjectId: actor.user._id, detail: { denied: decision.code } });
      return fail(decision.code);
    }

    const result = await action.run(ctx, input.data, actor, resource.data);
    if (replayKey && result.ok) {
      const expiresAt = new Date(Date.parse(now) + IDEMPOTENCY_TTL_MS).toISOString();
      await ports.store.insert('idempotency', { _id: replayKey, response: result, expiresAt, createdAt: now });
    }
    return result;
  } catch (e) {
    // Log the kind of failure and the request, never the payload (it may hold personal data).
    console.error(`[${def.name}.${actionName}] request ${rid} failed: ${(e as Error)?.name ?? 'Error'}: ${redact((e as Error)?.message)}`);
    return fail('COMMON.INTERNAL' as ErrorCode);
  }
}

/** Strips anything that looks like a phone number or an id card from a log line. */
export function redact(text: string | undefined): string {
  return (text ?? '').replace(/\d{11,18}X?/gi, '[redacted]').slice(0, 300);
}

/** The action names of a function must be exactly its contract's. */
export function assertMatchesContract(def: FunctionDefinition): void {
  const declared = Object.keys(api[def.name]).sort();
  const defined = Object.keys(def.actions).sort();
  if (declared.join() !== defined.join()) throw new Error(`${def.name}: actions ${defined} do not match the contract ${declared}`);
}
