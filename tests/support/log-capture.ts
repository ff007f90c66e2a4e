import http from 'node:http';
import { relative, sep } from 'node:path';
import { format } from 'node:util';
import { demoLogScanner } from './log-scan';

/**
 * No personal data in logs or error answers. Loaded before every integration test file (jest.config.js,
 * `setupFilesAfterEnv`): it keeps every line the file's code prints — console.log/info/warn/error/debug,
 * process.stdout/stderr.write (handlers, the pipeline, the local gateway, the outbox, the adapters)
 * and the message of every error answer the local gateway sends — still printing it as before, and
 * after the file's hooks it fails the file if any line holds a phone number, an openid, a demo
 * resident's name or room (tests/support/log-scan.ts), naming the line with the value redacted.
 */

export interface Captured {
  line: string;
  /** Who printed it: `console.error at cloudfunctions/_core/pipeline.ts:328`, `error answer to POST /api/orders`. */
  source: string;
}

const scanner = demoLogScanner();
const captured: Captured[] = [];

const root = process.cwd();
/** The first frame of a stack outside this file, Node's internals and node_modules: who printed. */
function firstOwnFrame(stack: string): string {
  const frame = stack.split('\n').find((f) => /^\s*at /.test(f) && !f.includes(__filename) && !f.includes('node:') && !f.includes('node_modules'));
  const at = frame?.match(/\(?([^\s()]+:\d+):\d+\)?$/)?.[1];
  return at ? relative(root, at) : 'unknown';
}

function keep(text: string, source: string): void {
  for (const line of text.split(/\r?\n/)) if (line.trim()) captured.push({ line, source });
}

/**
 * Jest's console (one per test file) formats each call, finds its origin and pushes an entry onto its
 * `_buffer`; tapping that push keeps every console line with the place that printed it, and leaves
 * the origin jest reports untouched (a wrapper around `console.log` would show up as the origin).
 * Under `--silent` (jest's NullConsole prints and buffers nothing), or should a jest version lack the
 * buffer, the methods themselves are wrapped: what is not shown is still scanned.
 */
type ConsoleEntry = { message: string; origin: string; type: string };
const buffer = (console as unknown as { _buffer?: ConsoleEntry[] })._buffer;
if (Array.isArray(buffer) && console.constructor.name !== 'NullConsole') {
  const push = buffer.push;
  buffer.push = function (this: ConsoleEntry[], ...entries: ConsoleEntry[]) {
    for (const e of entries) keep(String(e.message), `console.${e.type} at ${firstOwnFrame(String(e.origin))}`);
    return push.apply(this, entries);
  };
} else {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const) {
    const original = console[method] as (...args: unknown[]) => void;
    console[method] = function (this: Console, ...args: unknown[]) {
      keep(format(...args), `console.${method} at ${firstOwnFrame(new Error().stack ?? '')}`);
      return original.apply(this, args);
    };
  }
}

/**
 * Streams and Node's http module are shared by every test file of a jest worker, unlike `console`:
 * they are tapped once per worker, and each file points the tap at its own list.
 */
type Sink = (text: string, source: string) => void;
const TAP = Symbol.for('honglin.log-capture.sink');
type Tapped = { [TAP]?: { sink: Sink } };

const unfinished = { stdout: { text: '', source: '' }, stderr: { text: '', source: '' } };
for (const name of ['stdout', 'stderr'] as const) {
  const stream = process[name] as NodeJS.WriteStream & Tapped;
  if (!stream[TAP]) {
    const tap = { sink: (() => undefined) as Sink };
    stream[TAP] = tap;
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      const stack = new Error().stack ?? '';
      tap.sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'), stack);
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
  }
  // A verbose run's console writes to the stream itself: that line is already kept from its buffer.
  // A line may come in pieces: the unfinished end waits for the rest (or for the scan).
  stream[TAP]!.sink = (text, stack) => {
    if (stack.includes(`@jest${sep}console`)) return;
    const lines = (unfinished[name].text + text).split('\n');
    unfinished[name] = { text: lines.pop()!, source: `process.${name}.write at ${firstOwnFrame(stack)}` };
    keep(lines.join('\n'), unfinished[name].source);
  };
}
function flushUnfinished(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    keep(unfinished[name].text, unfinished[name].source);
    unfinished[name] = { text: '', source: '' };
  }
}

type ErrorEnvelope = { ok: false; error: { code?: unknown; message?: unknown; field?: unknown } };
function errorEnvelope(text: string): ErrorEnvelope | null {
  try {
    const body = JSON.parse(text) as Partial<ErrorEnvelope> | null;
    return body?.ok === false && typeof body.error === 'object' && body.error !== null ? (body as ErrorEnvelope) : null;
  } catch {
    return null; // not JSON after all: not an envelope
  }
}

// Error answers: a handler could put data into an envelope's `message`; the local gateway sends them as JSON.
const proto = http.ServerResponse.prototype as http.ServerResponse & Tapped;
if (!proto[TAP]) {
  const tap = { sink: (() => undefined) as Sink };
  proto[TAP] = tap;
  const end = proto.end as (...a: unknown[]) => http.ServerResponse;
  proto.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? String(chunk) : '';
    if (text.startsWith('{') && text.includes('"ok":false')) {
      const body = errorEnvelope(text);
      if (body) {
        const { code, message, field } = body.error;
        tap.sink(
          `[answer ${this.statusCode}] ${String(code)}: ${String(message)}${field === undefined ? '' : ` (field ${String(field)})`}`,
          `error answer to ${this.req?.method} ${this.req?.url?.split('?')[0]}`,
        );
      }
    }
    return end.call(this, chunk, ...rest);
  } as typeof proto.end;
}
proto[TAP]!.sink = keep;

/** Every line this test file has printed so far, in order. */
export function capturedLines(): readonly Captured[] {
  flushUnfinished();
  return captured;
}

const SHOWN = 20;
/** What the capture says when lines hold personal data: where, which kind, the line redacted; null when none does. */
export function leakReport(lines: readonly Captured[]): string | null {
  const found = lines.flatMap(({ line, source }) => {
    const leaks = scanner.scan(line);
    return leaks.length ? [{ source, kinds: [...new Set(leaks.map((l) => l.kind))], columns: leaks.map((l) => l.index + 1), text: scanner.redact(line).slice(0, 240) }] : [];
  });
  if (found.length === 0) return null;
  const shown = found.slice(0, SHOWN).map((f) => `  - ${f.kinds.join(', ')} (column ${f.columns.join(', ')}) in ${f.source}:\n      ${f.text}`);
  const more = found.length > SHOWN ? [`  … and ${found.length - SHOWN} more`] : [];
  return [`Personal data in ${found.length} line(s) printed by this test file (values redacted):`, ...shown, ...more].join('\n');
}

let scanned = 0;
function scanNewLines(): void {
  flushUnfinished();
  const report = leakReport(captured.slice(scanned));
  scanned = captured.length;
  if (report === null) return;
  const error = new Error(report);
  error.stack = ''; // the report says where; this file's frame would only add noise
  throw error;
}

/**
 * Hooks of one block run in the order they were declared, so a scan declared here would run before
 * the test file's own afterAll hooks (which may print while closing a gateway). Each afterAll the
 * file declares is therefore followed by another scan of the lines not yet scanned; the one declared
 * here covers files without hooks.
 */
const declareAfterAll = globalThis.afterAll;
declareAfterAll(scanNewLines);
globalThis.afterAll = ((fn: jest.ProvidesHookCallback, timeout?: number) => {
  declareAfterAll(fn, timeout);
  declareAfterAll(scanNewLines);
}) as typeof afterAll;
