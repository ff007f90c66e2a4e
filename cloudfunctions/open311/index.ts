import { cloudPorts } from '../_core/adapters/cloud';
import { runCall } from '../_core/pipeline';
import type { Ports } from '../_core/ports';
import { handleOpen311 } from './http';
import { open311Function } from './open311.function';

/** What the CloudBase HTTP access service hands a function for `GET /open311/v2/...`. */
interface HttpEvent {
  path: string;
  httpMethod: string;
  queryStringParameters?: Record<string, string | string[] | undefined> | null;
}

const isHttpEvent = (event: unknown): event is HttpEvent =>
  typeof event === 'object' && event !== null && typeof (event as HttpEvent).path === 'string' && typeof (event as HttpEvent).httpMethod === 'string';

let ports: Ports | null = null;

/**
 * Cloud entry, two ways in:
 * - the HTTP access service (`GET /open311/v2/services.json`, `requests.json`, `requests/{id}.json`)
 *   → `{ statusCode, headers, body }` from the GeoReport handler;
 * - `wx.cloud.callFunction({ name: 'open311', data: { action, payload, requestId } })` → the
 *   key management actions through the pipeline.
 * The ports are built on the first call and kept for the life of the container, as `cloudMain` does.
 */
export async function main(event: unknown, context: unknown): Promise<unknown> {
  ports ??= cloudPorts();
  if (isHttpEvent(event)) {
    const answer = await handleOpen311(ports, event.httpMethod, event.path, event.queryStringParameters ?? {});
    return { statusCode: answer.status, headers: answer.headers, body: event.httpMethod.toUpperCase() === 'HEAD' ? '' : answer.body, isBase64Encoded: false };
  }
  return runCall(open311Function, ports, event, context);
}
