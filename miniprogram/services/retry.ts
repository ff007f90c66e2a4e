/**
 * Sending one request until an answer comes back. Kept apart from the transport (Taro) so the rule
 * is tested on its own: every attempt sends the very same body, so a write the server received
 * but whose answer was lost is answered again from the server's replay store, never done twice.
 */

/** Waits before each automatic retry of a call that got no answer (a phone on a bad network). */
export const RETRY_BACKOFF_MS: readonly number[] = [400, 1200]

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

/**
 * Runs `attempt` until it gives a usable answer (not null), at most `1 + retries` times, waiting
 * `backoffMs[i]` before retry i (the last value again when there are more retries than values).
 * A throw counts as no answer. Answers null when every attempt failed.
 */
export async function untilAnswered<T>(
  attempt: () => Promise<T | null>,
  retries: number = RETRY_BACKOFF_MS.length,
  backoffMs: readonly number[] = RETRY_BACKOFF_MS,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T | null> {
  for (let i = 0; ; i++) {
    try {
      const answer = await attempt()
      if (answer !== null) return answer
    } catch {
      // no usable answer: try again below
    }
    if (i >= retries) return null
    await wait(backoffMs.length ? backoffMs[Math.min(i, backoffMs.length - 1)]! : 0)
  }
}

/** How long a tap that got no answer is remembered for a manual 重试 of the very same request. */
export const REUSE_UNANSWERED_MS = 10 * 60_000

/**
 * The request ids of calls that got no answer at all, by what they asked (function, action and
 * payload). When the person taps 重试 — the page sends the very same request again — the call
 * reuses that id, so a write the server received before the network dropped is answered from its
 * replay store instead of being done twice. Any answer, even a refusal, forgets the id: the next
 * tap is a new request.
 */
export class UnansweredRequests {
  private readonly ids = new Map<string, { requestId: string; at: number }>()

  constructor(private readonly keepMs: number = REUSE_UNANSWERED_MS) {}

  /** The id to send: the unanswered one of the same request if still fresh, else `fresh()`. */
  idFor(request: string, now: number, fresh: () => string): string {
    const seen = this.ids.get(request)
    if (seen && now - seen.at < this.keepMs) return seen.requestId
    this.ids.delete(request)
    return fresh()
  }

  /** Records the outcome of one call: remembered when unanswered, forgotten when answered. */
  settle(request: string, requestId: string, answered: boolean, now: number): void {
    if (answered) this.ids.delete(request)
    else this.ids.set(request, { requestId, at: now })
  }
}
