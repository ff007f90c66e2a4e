import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fail, type Envelope } from '../../shared/api/envelope';
import { httpStatusOf, type ErrorCode } from '../../shared/errors';
// The gateway serves every function in one process: it registers every domain's messages.
import '../../shared/errors.catalog';
import { runTick } from '../scheduler/scheduler.jobs';
import { handleOpen311 } from '../open311/http';
import { runCall, type FunctionDefinition } from '../_core/pipeline';
import type { ClockPort, Ports } from '../_core/ports';

export const PERSONA_HEADER = 'x-honglin-persona';
export const MAX_BODY_BYTES = 1024 * 1024;

export interface SettableClock extends ClockPort {
  /** Pins "now" to an instant (null returns to the system clock). */
  set(at: string | null): void;
}

export interface GatewayOptions {
  ports: Ports & { clock: SettableClock };
  functions: readonly FunctionDefinition[];
  /** The built H5 app, served at `/`. */
  h5Dir?: string;
  /** Uploaded files, served at `/files/`. */
  filesDir?: string;
  /** Requests per persona per second (token bucket); generous, it only stops runaway loops. */
  ratePerSecond?: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  send(res, envelope.ok ? 200 : httpStatusOf(envelope.error.code), envelope);
}

function sendError(res: ServerResponse, code: ErrorCode, field?: string): void {
  sendEnvelope(res, fail(code, field));
}

/** Reads a JSON body of at most MAX_BODY_BYTES; anything else is the client's error, never a 500. */
function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; code: ErrorCode }> {
  return new Promise((done) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      done({ ok: false, code: 'COMMON.BODY_TOO_LARGE' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('error', () => done({ ok: false, code: 'COMMON.INVALID_INPUT' }));
    req.on('end', () => {
      if (over) return done({ ok: false, code: 'COMMON.BODY_TOO_LARGE' });
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return done({ ok: true, value: {} });
      try {
        done({ ok: true, value: JSON.parse(text) });
      } catch {
        done({ ok: false, code: 'COMMON.INVALID_INPUT' });
      }
    });
  });
}

/** Serves a file inside `root`, refusing any path that climbs out of it. */
function serveFile(res: ServerResponse, root: string, urlPath: string, fallback?: string): boolean {
  const base = resolve(root);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return false;
  }
  let file = normalize(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) return false;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (!fallback) return false;
    file = join(base, fallback);
    if (!existsSync(file)) return false;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600' });
  createReadStream(file).pipe(res);
  return true;
}

/**
 * The local gateway: the same cloud-function handlers over HTTP on 127.0.0.1.
 * POST /api/<function> { action, payload, requestId? } — persona from the x-honglin-persona header
 * (honoured here because this gateway only ever runs locally); POST /local/tick { at } moves the
 * clock and runs the scheduler; GET /health; /files/*; the H5 app at /.
 */
export function createGateway(options: GatewayOptions): Server {
  const { ports } = options;
  const functions = new Map(options.functions.map((f) => [f.name as string, f]));
  const rate = options.ratePerSecond ?? 200;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const allow = (key: string): boolean => {
    const now = Date.now();
    const b = buckets.get(key) ?? { tokens: rate * 2, at: now };
    b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    if (b.tokens < 1) {
      buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    buckets.set(key, b);
    return true;
  };

  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(`[gateway] ${req.method} ${req.url?.split('?')[0]} failed: ${(e as Error)?.name}`);
      if (!res.headersSent) sendError(res, 'COMMON.INTERNAL');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';

    if (path === '/health' && req.method === 'GET') {
      send(res, 200, { ok: true, data: { status: 'ok', engine: 'sqlite', node: process.version, now: ports.clock.now() } });
      return;
    }

    // Open311 GeoReport v2 (read-only, by API key): the same handler as the CloudBase HTTP access service.
    if (path.startsWith('/open311/')) {
      const query: Record<string, string[]> = Object.create(null); // `__proto__` is a parameter name like any other
      for (const [name, value] of new URLSearchParams(url.slice(path.length + 1))) (query[name] ??= []).push(value);
      const answer = await handleOpen311(ports, req.method ?? 'GET', path, query);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
      return;
    }

    const api = /^\/api\/([A-Za-z0-9_-]+)\/?$/.exec(path);
    if (api) {
      if (req.method !== 'POST') return sendError(res, 'COMMON.UNKNOWN_ACTION');
      const fn = functions.get(api[1]!);
      const body = await readJson(req);
      if (!body.ok) return sendError(res, body.code);
      if (!fn) return sendError(res, 'COMMON.UNKNOWN_FUNCTION');
      const persona = req.headers[PERSONA_HEADER];
      const openid = typeof persona === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(persona) ? persona : null;
      if (!allow(openid ?? req.socket.remoteAddress ?? 'anon')) return sendError(res, 'COMMON.RATE_LIMITED');
      sendEnvelope(res, await runCall(fn, ports, body.value, { persona: openid }));
      return;
    }

    if (path === '/local/tick') {
      if (req.method !== 'POST') return sendError(res, 'COMMON.UNKNOWN_ACTION');
      const body = await readJson(req);
      if (!body.ok) return sendError(res, body.code);
      const at = (body.value as { at?: unknown } | null)?.at;
      if (at !== undefined && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) return sendError(res, 'COMMON.INVALID_INPUT', 'at');
      if (typeof at === 'string') ports.clock.set(new Date(at).toISOString());
      sendEnvelope(res, { ok: true, data: await runTick(ports, ports.clock.now()) });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'COMMON.NOT_FOUND');
    if (path.startsWith('/files/') && options.filesDir && serveFile(res, options.filesDir, path.slice('/files'.length))) return;
    if (options.h5Dir && !path.startsWith('/files/') && serveFile(res, options.h5Dir, path, 'index.html')) return;
    sendError(res, 'COMMON.NOT_FOUND');
  }
}
