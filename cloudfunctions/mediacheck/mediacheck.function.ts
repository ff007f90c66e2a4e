import { fail, ok, type Envelope } from '../../shared/api/envelope';
import type { MediaVerdict, Ports } from '../_core/ports';
import { applyMediaVerdict } from '../_core/photo-checks';

const SUGGESTS: readonly string[] = ['risky', 'pass', 'review'];

/**
 * The verdict of `security.mediaCheckAsync`, as the console's 消息推送 hands it to this function:
 * `{ Event: 'wxa_media_check', trace_id, result: { suggest, label }, detail, … }`. Anything else
 * (another event, a person calling the function) is not one: null.
 */
export function parseMediaCheckEvent(event: unknown): (MediaVerdict & { traceId: string }) | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as { Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown; label?: unknown } | null };
  if (e.Event !== 'wxa_media_check') return null;
  if (typeof e.trace_id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(e.trace_id)) return null;
  const suggest = e.result?.suggest;
  if (typeof suggest !== 'string' || !SUGGESTS.includes(suggest)) return null;
  const label = e.result?.label;
  return {
    traceId: e.trace_id,
    suggest: suggest as MediaVerdict['suggest'],
    ...(typeof label === 'number' || (typeof label === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(label)) ? { label: String(label) } : {}),
  };
}

/**
 * The mediacheck function: WeChat pushes each photo's verdict here (message push, event
 * `wxa_media_check`). A risky photo is hidden from its order; a verdict delivered twice, or for a
 * trace id this app never recorded, changes nothing. Only the secret-to-clients trace id links an
 * event to a photo, and an event can only hide a photo, never show one.
 */
export async function mediaCheckMain(ports: Ports, event: unknown): Promise<Envelope<unknown>> {
  const verdict = parseMediaCheckEvent(event);
  if (!verdict) return fail('COMMON.FORBIDDEN');
  return ok(await applyMediaVerdict(ports, verdict, ports.clock.now()));
}
