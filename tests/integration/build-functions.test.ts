import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = join(__dirname, '..', '..');
const noNetwork = join(root, 'tests', 'support', 'no-network.cjs');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('npm run build:functions', () => {
  let functions: string[];
  let output: string;

  beforeAll(() => {
    const res = spawnSync(process.execPath, [join(root, 'scripts', 'build-functions.mjs')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    output = res.stdout + res.stderr;
    if (res.status !== 0) throw new Error(`build failed:\n${output}`);
    const listed = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { listFunctions } from ${JSON.stringify(join(root, 'scripts', 'build-functions.mjs'))}; console.log(JSON.stringify(listFunctions()))`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    functions = JSON.parse(listed.stdout.trim()) as string[];
  }, 180_000);

  it('finds every function folder (accounts and scheduler at least)', () => {
    expect(functions).toEqual(expect.arrayContaining(['accounts', 'orders', 'scheduler']));
    expect(functions.some((f) => f.startsWith('_'))).toBe(false);
  });

  it('writes index.js, package.json and config.json for each function', () => {
    for (const name of functions) for (const file of ['index.js', 'package.json', 'config.json']) expect(existsSync(join(root, 'dist', 'cloudfunctions', name, file))).toBe(true);
  });

  it('bundles are self-contained: they require only node builtins and the SDKs their package.json lists, at the root versions', () => {
    for (const name of functions) {
      const code = readFileSync(join(root, 'dist', 'cloudfunctions', name, 'index.js'), 'utf8');
      const required = [...code.matchAll(/require\((["'`])([^"'`]+)\1\)/g)].map((m) => m[2]!);
      const packages = [...new Set(required.filter((r) => !builtins.has(r)).map(packageOf))].sort();
      const pkg = JSON.parse(readFileSync(join(root, 'dist', 'cloudfunctions', name, 'package.json'), 'utf8'));
      expect(packages).toEqual(Object.keys(pkg.dependencies).sort());
      expect(packages.every((p) => ['@cloudbase/node-sdk', 'wx-server-sdk'].includes(p))).toBe(true);
      for (const p of packages) expect(pkg.dependencies[p]).toBe(rootPackage.dependencies[p]);
      expect(pkg.main).toBe('index.js');
      // No dynamic require of anything else, and nothing of the local store.
      expect(code).not.toMatch(/require\([^"'`)]/);
      expect(code).not.toMatch(/node:sqlite|DatabaseSync|sqlite-store/);
      expect(code).not.toMatch(/x-honglin-persona/);
    }
  });

  it('keeps every bundle at or under 250 KB (zod as a namespace with only the zh-CN locale; cold starts)', () => {
    const MAX_BYTES = 250 * 1024;
    const sizes = Object.fromEntries(functions.map((name) => [name, statSync(join(root, 'dist', 'cloudfunctions', name, 'index.js')).size]));
    for (const [name, bytes] of Object.entries(sizes)) expect({ name, bytes, withinBudget: bytes <= MAX_BYTES }).toEqual({ name, bytes, withinBudget: true });
    // Chinese validation messages are still in the bundle that serves residents.
    const orders = readFileSync(join(root, 'dist', 'cloudfunctions', 'orders', 'index.js'), 'utf8');
    expect(orders).toMatch(/\\u65E0\\u6548\\u8F93\\u5165|无效输入/i);
  });

  it('declares the openapi each function uses and the scheduler’s timer trigger', () => {
    const config = (name: string) => JSON.parse(readFileSync(join(root, 'dist', 'cloudfunctions', name, 'config.json'), 'utf8'));
    expect(config('accounts').permissions.openapi).toContain('subscribeMessage.send');
    expect(config('accounts').triggers).toBeUndefined();
    // The scheduler tells volunteers of new offers when it re-dispatches, so it sends subscribe messages.
    expect(config('scheduler')).toEqual({ permissions: { openapi: ['subscribeMessage.send'] }, triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }] });
    expect(config('orders').permissions.openapi).toEqual(expect.arrayContaining(['subscribeMessage.send', 'security.msgSecCheck']));
  });

  it('runs from a folder that holds only the bundle and its listed packages, without the network', () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'honglin-fn-'));
    try {
      for (const name of functions) {
        const fnDir = join(sandbox, name);
        cpSync(join(root, 'dist', 'cloudfunctions', name), fnDir, { recursive: true });
        const pkg = JSON.parse(readFileSync(join(fnDir, 'package.json'), 'utf8'));
        for (const dep of Object.keys(pkg.dependencies)) {
          mkdirSync(dirname(join(fnDir, 'node_modules', dep)), { recursive: true });
          symlinkSync(resolve(root, 'node_modules', dep), join(fnDir, 'node_modules', dep), 'dir');
        }
      }
      const script = `
        const s = require(${JSON.stringify(join(sandbox, 'scheduler', 'index.js'))});
        const a = require(${JSON.stringify(join(sandbox, 'accounts', 'index.js'))});
        (async () => {
          const out = {
            scheduler: await s.main({ action: 'tick' }, {}),
            accounts: await a.main({ action: 'me', openid: 'evil', userInfo: { openId: 'evil' } }, {}),
          };
          console.log(JSON.stringify(out));
        })().catch((e) => { console.error(e); process.exit(1); });`;
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(WX_|TCB_|TENCENTCLOUD_|HONGLIN_)/.test(k)));
      const res = spawnSync(process.execPath, ['--require', noNetwork, '-e', script], { cwd: sandbox, encoding: 'utf8', env, timeout: 60_000 });
      expect(res.stderr).not.toContain('NETWORK ATTEMPT');
      expect(res.status).toBe(0);
      const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
      // A timer-only function refuses a call; identity never comes from the event body.
      expect(out.scheduler).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
      expect(out.accounts).toMatchObject({ ok: false, error: { code: 'COMMON.UNAUTHENTICATED' } });
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });

  it("validates with zod in a bundle without zod's JSON Schema output, which says so if anything asks for it", () => {
    const work = mkdtempSync(join(tmpdir(), 'honglin-probe-'));
    try {
      mkdirSync(join(work, 'src', 'probe'), { recursive: true });
      writeFileSync(
        join(work, 'src', 'probe', 'index.ts'),
        [
          // The probe lives outside the repository: zod by its path, the same module the functions import.
          `import * as z from ${JSON.stringify(join(root, 'node_modules', 'zod', 'index.js'))};`,
          'const Input = z.object({ title: z.string().min(2).max(5), stars: z.number().int().min(1).max(5) }).strict();',
          'export const main = () => {',
          "  const good = Input.safeParse({ title: '楼道灯', stars: 5 });",
          "  const bad = Input.safeParse({ title: 'x', stars: 9, extra: 1 });",
          "  let schema = '';",
          '  try { Input.toJSONSchema(); } catch (e) { schema = (e as Error).message; }',
          '  return { good: good.success, bad: bad.success ? [] : bad.error.issues.map((i) => i.path.join(".") || i.code), schema };',
          '};',
        ].join('\n'),
      );
      const script = `import { buildFunction } from ${JSON.stringify(join(root, 'scripts', 'build-functions.mjs'))};
        const out = ${JSON.stringify(join(work, 'out'))};
        const built = await buildFunction('probe', { version: '0', dependencies: {} }, { sourceDir: ${JSON.stringify(join(work, 'src'))}, outDir: out });
        const { createRequire } = await import('node:module');
        const probe = createRequire(import.meta.url)(out + '/probe/index.js');
        console.log(JSON.stringify({ bytes: built.bytes, ...probe.main() }));`;
      const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      expect(res.stderr).toBe('');
      const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
      expect(out.good).toBe(true);
      expect(out.bad).toEqual(expect.arrayContaining(['title', 'stars']));
      expect(out.schema).toBe('JSON Schema output is not part of a cloud function bundle');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('fails the build when cloud code reaches the SQLite adapter', () => {
    const work = mkdtempSync(join(tmpdir(), 'honglin-probe-'));
    try {
      mkdirSync(join(work, 'src', 'probe'), { recursive: true });
      const store = join(root, 'cloudfunctions', '_core', 'adapters', 'sqlite-store');
      writeFileSync(join(work, 'src', 'probe', 'index.ts'), `import { SqliteStore } from ${JSON.stringify(store)};\nexport const main = () => SqliteStore;\n`);
      const build = `import { buildFunction } from ${JSON.stringify(join(root, 'scripts', 'build-functions.mjs'))};
        await buildFunction('probe', { version: '0', dependencies: {} }, { sourceDir: ${JSON.stringify(join(work, 'src'))}, outDir: ${JSON.stringify(join(work, 'out'))} });`;
      const res = spawnSync(process.execPath, ['--input-type=module', '-e', build], { cwd: root, encoding: 'utf8' });
      expect(res.status).not.toBe(0);
      expect(res.stderr).toMatch(/sqlite-store is local-only and must not be part of a cloud bundle/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('WeChat DevTools finds the built functions: project.config.json points cloudfunctionRoot at them', () => {
    const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8'));
    expect(project.cloudfunctionRoot).toBe('dist/cloudfunctions/');
    for (const name of functions) expect(existsSync(join(root, project.cloudfunctionRoot, name, 'index.js'))).toBe(true);
  });
});
