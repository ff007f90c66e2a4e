import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/_core/collections';

const root = join(__dirname, '..', '..');
const noNetwork = join(root, 'tests', 'support', 'no-network.cjs');
/** The environment without any CloudBase credentials or settings. */
const bareEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TCB_|TENCENTCLOUD_|HONGLIN_)/.test(k)));
/** Every cloud function folder (those starting with `_` hold shared server code). */
const FUNCTIONS = readdirSync(join(__dirname, '..', '..', 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
  .sort();

/** Runs the deploy script in this Node with the network refused. */
function deployScript(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--require', noNetwork, '--import', 'tsx', join(root, 'scripts', 'deploy.ts'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run deploy', () => {
  describe('--dry-run', () => {
    let text: string;
    beforeAll(() => {
      const res = spawnSync('npx', ['tsx', 'scripts/deploy.ts', '--dry-run'], { cwd: root, env: bareEnv(), encoding: 'utf8', timeout: 120_000 });
      expect(res.status).toBe(0);
      text = res.stdout;
    }, 150_000);

    it('plans the build and every function with its runtime and config', () => {
      expect(text).toMatch(/^deploy plan for CloudBase environment \(TCB_ENV_ID not set\):/);
      expect(text).toContain(`dist/cloudfunctions: bundle ${FUNCTIONS.join(', ')}`);
      expect(FUNCTIONS).toEqual(expect.arrayContaining(['accounts', 'orders', 'scheduler']));
      for (const name of FUNCTIONS)
        expect(text).toMatch(new RegExp(`function\\s+${name}: create or update code from dist/cloudfunctions/${name} and config: runtime Nodejs20\\.19, handler index\\.main`));
    });

    it('plans the scheduler’s timer trigger', () => {
      expect(text).toMatch(/trigger\s+scheduler\.tick: timer trigger "0 \*\/5 \* \* \* \* \*"/);
    });

    it('plans the Open311 HTTP access route to its function, without a CloudBase login (the function checks its keys)', () => {
      expect(text).toMatch(/http\s+\/open311: HTTP access route to function open311, no CloudBase login/);
    });

    it('plans every collection, every declared index and ADMINONLY for each', () => {
      for (const c of COLLECTIONS) {
        expect(text).toMatch(new RegExp(`collection\\s+${c.name}: create if missing`));
        expect(text).toMatch(new RegExp(`permission\\s+${c.name}: ADMINONLY`));
        for (const ix of c.indexes) {
          const keys = ix.fields.map(([p, d]) => `${p.replace(/\./g, '\\.')} ${d === 1 ? 'asc' : 'desc'}`).join(', ');
          expect(text).toMatch(new RegExp(`index\\s+${c.name}\\.${ix.name}: ${keys}${'unique' in ix && ix.unique ? ', unique' : ''} `));
        }
      }
    });

    it('offers the same plan as JSON, without touching the network', () => {
      const res = deployScript(['--dry-run', '--json'], { ...bareEnv(), TCB_ENV_ID: 'honglin-test', HONGLIN_QR_SECRET: 'never-printed-secret-value' });
      expect(res.stderr).not.toContain('NETWORK ATTEMPT');
      expect(res.status).toBe(0);
      expect(res.stdout).not.toContain('never-printed-secret-value');
      const plan = JSON.parse(res.stdout);
      expect(plan.envId).toBe('honglin-test');
      const targets = (kind: string) => plan.steps.filter((s: { kind: string }) => s.kind === kind).map((s: { target: string }) => s.target);
      expect(targets('function')).toEqual(FUNCTIONS);
      expect(targets('trigger')).toEqual(['scheduler.tick']);
      expect(targets('http')).toEqual(['/open311']);
      expect(targets('collection')).toEqual(COLLECTIONS.map((c) => c.name));
      expect(targets('permission')).toEqual(COLLECTIONS.map((c) => c.name));
      expect(targets('index')).toEqual(COLLECTIONS.flatMap((c) => c.indexes.map((ix) => `${c.name}.${ix.name}`)));
      expect(plan.steps.find((s: { kind: string; target: string }) => s.kind === 'function' && s.target === 'accounts').detail).toMatch(
        /environment variables HONGLIN_QR_SECRET \(replacing the current ones\)/,
      );
    });
  });

  it('without credentials a real run stops with a clear message, changes nothing and does not touch the network', () => {
    const res = deployScript([], { ...bareEnv(), TCB_ENV_ID: 'honglin-test' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('deploy needs TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY');
    expect(res.stderr).toContain('missing: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY');
    expect(res.stderr).toContain('Nothing was changed');
    expect(res.stderr).not.toContain('NETWORK ATTEMPT');
    expect(res.stdout).toBe('');
  });

  it('the no-network guard is real: it stops a script that does reach out', () => {
    const res = spawnSync(process.execPath, ['--require', noNetwork, '-e', "fetch('https://example.com').then(() => process.exit(0), () => process.exit(3))"], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.stderr).toContain('NETWORK ATTEMPT');
  });
});
