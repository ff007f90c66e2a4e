import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { api, COMMON_ERRORS, type ActionSpec, type FunctionName } from '../../shared/api/contract';
import { ALL_ERRORS } from '../../shared/errors.catalog';
import type { ErrorCode } from '../../shared/errors';
import { FUNCTIONS } from '../../cloudfunctions/functions';

/**
 * Each cloud function bundle carries the messages of its own domains only (shared/errors.ts): a
 * domain's table registers itself when its contract is imported. This keeps a function from
 * answering with a code whose message its bundle lacks. For every function it bundles the entry
 * as scripts/build-functions.mjs does and collects the codes it can emit: every code literal in a
 * source file that goes into the bundle (fail('X.Y'), lifecycle refusals `code: 'X.Y'`, policies,
 * shared helpers such as the place lookups), the `errors` of its contract's actions and the common
 * ones. Then each of those codes must be registered, with its real status and message, when the
 * function's module graph is loaded alone, and its message must be in the built bundle.
 */

const root = resolve(__dirname, '..', '..');
const RUNTIME_EXTERNALS = ['@cloudbase/node-sdk', 'wx-server-sdk'];
const NAMESPACES = new Set(Object.keys(ALL_ERRORS).map((code) => code.split('.')[0]!));
const CODE_LITERAL = /(['"`])([A-Z]+\.[A-Z][A-Z0-9_]*)\1/g;

const functionNames = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

interface Bundle {
  code: string;
  /** Source files of this project in the bundle (repo-relative). */
  sources: string[];
}

async function bundle(name: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [join(root, 'cloudfunctions', name, 'index.ts')],
    outfile: join(root, 'dist', 'error-messages-probe', name, 'index.js'),
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: RUNTIME_EXTERNALS,
    metafile: true,
    logLevel: 'silent',
  });
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules') && /\.tsx?$/.test(file));
  return { code: result.outputFiles[0]!.text, sources };
}

/** Every code the function's own code can emit, with the file that names it. */
function codesOf(name: string, sources: readonly string[]): Map<ErrorCode, string> {
  const found = new Map<ErrorCode, string>();
  for (const file of sources) {
    const text = readFileSync(resolve(root, file), 'utf8');
    for (const m of text.matchAll(CODE_LITERAL)) {
      const literal = m[2]!;
      if (!NAMESPACES.has(literal.split('.')[0]!)) continue;
      // A literal in a known namespace that is no code is a typo (a lifecycle refusal is a plain string).
      expect({ file, literal, known: literal in ALL_ERRORS }).toEqual({ file, literal, known: true });
      if (!found.has(literal as ErrorCode)) found.set(literal as ErrorCode, file);
    }
  }
  const specs = Object.values((api as Record<FunctionName, Record<string, ActionSpec>>)[name as FunctionName] ?? {});
  for (const code of [...COMMON_ERRORS, ...specs.flatMap((s) => s.errors)]) if (!found.has(code)) found.set(code, `contract of ${name}`);
  return found;
}

/** The registry of shared/errors.ts as the function's module graph alone leaves it. */
function loadAlone(name: string): typeof import('../../shared/errors') {
  let errors!: typeof import('../../shared/errors');
  jest.isolateModules(() => {
    require(join(root, 'cloudfunctions', name, 'index.ts'));
    errors = require('../../shared/errors');
  });
  return errors;
}

/** A message as it may appear in a minified bundle: as is, or with non-ASCII escaped. */
const inBundle = (code: string, message: string) =>
  code.includes(message) || code.includes(message.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));

describe('error messages in each function bundle', () => {
  const bundles = new Map<string, Bundle>();

  beforeAll(async () => {
    for (const name of functionNames) bundles.set(name, await bundle(name));
  }, 120_000);

  it('covers every function people call and the scheduler', () => {
    expect(functionNames).toEqual(expect.arrayContaining([...FUNCTIONS.map((f) => f.name), 'scheduler']));
  });

  it.each(functionNames)('%s: every code it can answer with has its status and message', (name) => {
    const { code, sources } = bundles.get(name)!;
    const codes = codesOf(name, sources);
    const errors = loadAlone(name);
    const missing: string[] = [];
    for (const [c, file] of codes) {
      const want = ALL_ERRORS[c];
      const resolved = { registered: errors.isErrorCode(c), message: errors.appError(c).message, status: errors.httpStatusOf(c), inBundle: inBundle(code, want.message) };
      if (!resolved.registered || resolved.message !== want.message || resolved.status !== want.status || !resolved.inBundle)
        missing.push(`${c} (named in ${file}): ${JSON.stringify(resolved)}`);
    }
    expect(missing).toEqual([]);
    expect(codes.size).toBeGreaterThan(COMMON_ERRORS.length);
  });

  it('answers with the generic message, not a wrong one, for a code whose table was never imported', () => {
    let errors!: typeof import('../../shared/errors');
    jest.isolateModules(() => {
      errors = require('../../shared/errors');
    });
    expect(errors.isErrorCode('LIUYOU.ITEM_LOCKED')).toBe(false);
    expect(errors.appError('LIUYOU.ITEM_LOCKED')).toEqual({ code: 'LIUYOU.ITEM_LOCKED', message: ALL_ERRORS['COMMON.INTERNAL'].message });
    expect(errors.isErrorCode('COMMON.NOT_FOUND')).toBe(true);
  });

  it('leaves out the tables of domains a function does not serve', () => {
    const accounts = bundles.get('accounts')!.code;
    for (const c of ['LIUYOU.ITEM_LOCKED', 'MEETING.NOT_FOUND', 'ORDER.NOT_FOUND'] as const) expect(inBundle(accounts, ALL_ERRORS[c].message)).toBe(false);
    expect(inBundle(bundles.get('orders')!.code, ALL_ERRORS['LIUYOU.ITEM_LOCKED'].message)).toBe(false);
  });
});
