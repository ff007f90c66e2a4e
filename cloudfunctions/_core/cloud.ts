import type { Envelope } from '../../shared/api/envelope';
import { cloudPorts } from './adapters/cloud';
import { runCall, type FunctionDefinition } from './pipeline';
import type { Ports } from './ports';

/** A function that is not a set of actions (the scheduler, started by its timer trigger). */
export type CloudHandler = (ports: Ports, event: unknown, context: unknown) => Promise<Envelope<unknown>>;

/**
 * The `main` of a cloud function. The ports are built on the first call and kept for the life of
 * the container (SDK clients are reused across warm invocations); a failure to build them is
 * retried on the next call rather than remembered.
 */
export function cloudMain(target: FunctionDefinition | CloudHandler, makePorts: () => Ports = cloudPorts) {
  let ports: Ports | null = null;
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    ports ??= makePorts();
    return typeof target === 'function' ? target(ports, event, context) : runCall(target, ports, event, context);
  };
}
