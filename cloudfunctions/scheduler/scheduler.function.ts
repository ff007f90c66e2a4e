import { fail, ok, type Envelope } from '../../shared/api/envelope';
import type { Ports } from '../_core/ports';
import { runTick } from './scheduler.jobs';

/**
 * The scheduler is not called by people: in production a timer trigger starts it (the event says
 * `Type: 'Timer'`); locally the gateway's tick endpoint runs it at a chosen instant.
 */
export function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
}

export async function schedulerMain(ports: Ports, event: unknown): Promise<Envelope<unknown>> {
  if (!isTimerEvent(event)) return fail('COMMON.FORBIDDEN');
  return ok(await runTick(ports, ports.clock.now()));
}
