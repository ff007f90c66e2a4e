import type * as z from 'zod';
import type { ErrorCode } from '../errors';

/**
 * One action's entry in the API contract (`shared/api/contract.ts`). Each domain writes its block
 * with `spec` in its own `<domain>.contract.ts`, so a cloud function's bundle carries its own
 * schemas and not every other function's.
 */
export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  /**
   * `write`: the action may change stored data, so a repeated `requestId` from the same caller
   * replays its first successful answer for 24 hours instead of doing it again (the pipeline
   * enforces it for every write; a new action must say which it is).
   * `read`: it answers from stored data. It may leave an audit entry (a reveal of personal data),
   * or create once a value every later call returns (the first `accounts.me` registers the caller,
   * the first `stations.myCode` mints the token), but a repeat never changes anything twice.
   */
  kind: 'read' | 'write';
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  /** Only the local gateway serves it (demo persona list, moving the clock). */
  localOnly?: boolean;
  /**
   * Input fields that must not be derivable from what is stored about the call: the replay key
   * (which names the caller) is hashed without them. An anonymous ballot's choice.
   */
  secretFields?: readonly string[];
  /**
   * Output fields shown once (an API key): the replay store keeps the answer without them (null),
   * so a repeat of the call answers null for them and the secret is never stored.
   */
  shownOnce?: readonly string[];
}

export const spec = <I extends z.ZodType, O extends z.ZodType>(s: ActionSpec<I, O>) => s;
