import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/_core/collections';
import type { PlanStep } from '../../scripts/deploy-plan';
import { READ_ACTIONS } from '../../scripts/deploy-read';
import { bareEnv, deployScript, stepLine as line } from '../helpers/deploy';
import { readEnvironmentFile, stateOf, writeEnvironmentFile, type FakeEnvironment } from '../support/cloudbase-manager-fake';

const root = join(__dirname, '..', '..');
const noNetwork = join(root, 'tests', 'support', 'no-network.cjs');
/** Every cloud function folder (those starting with `_` hold shared server code). */
const FUNCTIONS = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

describe('npm run deploy', () => {
  describe('--dry-run without credentials', () => {
    let text: string;
    let stderr: string;
    beforeAll(() => {
      const res = deployScript(['--dry-run'], bareEnv());
      expect(res.status).toBe(0);
      text = res.stdout;
      stderr = res.stderr;
    }, 150_000);

    it('offers the same plan as JSON, and no variable value in either', () => {
      const res = deployScript(['--dry-run', '--json'], { ...bareEnv(), TCB_ENV_ID: 'honglin-test', HONGLIN_QR_SECRET: 'never-printed-secret-value' });
      expect(res.status).toBe(0);
      expect(res.stdout).not.toContain('never-printed-secret-value');
      const plan = JSON.parse(res.stdout) as { envId: string; read: boolean; runtime: string; steps: PlanStep[] };
      expect(plan).toMatchObject({ envId: 'honglin-test', read: false, runtime: 'Nodejs24.11' });
      expect(plan.steps.filter((s) => s.kind === 'function').map(line)).toEqual(FUNCTIONS.map((f) => `function create ${f}`));
      expect(plan.steps.find((s) => line(s) === 'variables add accounts')).toMatchObject({ added: ['HONGLIN_QR_SECRET'], changed: [], kept: [] });
      expect(plan.steps.filter((s) => s.kind === 'index').map((s) => s.target)).toEqual(COLLECTIONS.flatMap((c) => c.indexes.map((ix) => `${c.name}.${ix.name}`)));
      expect(plan.steps.some((s) => s.drop)).toBe(false);
    }, 150_000);

    it('says it could not read an environment and plans against an empty one, without touching the network', () => {
      expect(stderr).toContain('cannot read the environment (TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY not set)');
      expect(stderr).not.toContain('NETWORK ATTEMPT');
      expect(text).toMatch(/^deploy plan against an EMPTY environment \(the environment was not read: TCB_ENV_ID not set\):/);
    });

    it('creates every function on Node 24 with its configuration, the scheduler’s trigger and the Open311 route', () => {
      expect(FUNCTIONS).toEqual(expect.arrayContaining(['accounts', 'orders', 'scheduler']));
      for (const name of FUNCTIONS)
        expect(text).toMatch(new RegExp(`\\+ create\\s+${name}: runtime Nodejs24\\.11, handler index\\.main, timeout \\d+ s, memory 256 MB, code [0-9a-f]{12}`));
      expect(text).toMatch(/\+ add\s+scheduler\.tick: timer "0 \*\/5 \* \* \* \* \*"/);
      expect(text).toMatch(/\+ add\s+\/open311: HTTP access route to function open311, no CloudBase login/);
    });

    it('creates every collection with its declared indexes, ADMINONLY, and the storage rule', () => {
      for (const c of COLLECTIONS) {
        expect(text).toMatch(new RegExp(`\\+ create\\s+${c.name}: create the collection`));
        expect(text).toMatch(new RegExp(`~ change\\s+${c.name}: default → ADMINONLY`));
        for (const ix of c.indexes) {
          const keys = ix.fields.map(([p, d]) => `${p.replace(/\./g, '\\.')} ${d === 1 ? 'asc' : 'desc'}`).join(', ');
          expect(text).toMatch(new RegExp(`\\+ add\\s+${c.name}\\.${ix.name}: ${keys}${'unique' in ix && ix.unique ? ', unique' : ''}\\n`));
        }
      }
      expect(text).toContain('security rule: default → {"read":false,"write":"resource.openid == auth.openid"}');
      expect(text).toMatch(/Static hosting \(H5: station screen, PC admin views\):\n {2}\+ upload\s+static hosting: /);
    });
  });

  describe('against an environment that already has some of it', () => {
    let dir: string;
    let stateFile: string;
    let env: NodeJS.ProcessEnv;
    let seeded: FakeEnvironment;
    const CLOUD_SECRET = 'cloud-qr-secret-value';
    const LOCAL_TEMPLATE = 'local-template-value';
    /** Functions the environment lacks (open311) or runs out of date; every other one is up to date. */
    const CHANGED = ['accounts', 'open311', 'orders', 'scheduler'];

    beforeAll(() => {
      // The code each function would get, from a plan against an empty environment: the functions the
      // environment already runs up to date are seeded with it.
      const empty = deployScript(['--dry-run', '--json', '--skip-hosting'], bareEnv());
      expect(empty.status).toBe(0);
      const codeOf = Object.fromEntries(
        (JSON.parse(empty.stdout).steps as PlanStep[]).filter((s) => s.kind === 'function').map((s) => [s.target, /code ([0-9a-f]{12})/.exec(s.detail)![1]!]),
      );
      dir = mkdtempSync(join(tmpdir(), 'honglin-deploy-test-'));
      stateFile = join(dir, 'environment.json');
      mkdirSync(join(dir, 'h5', 'static'), { recursive: true });
      writeFileSync(join(dir, 'h5', 'index.html'), '<!doctype html><title>红邻</title>');
      writeFileSync(join(dir, 'h5', 'static', 'app.js'), 'console.log(1)');
      const fn = (over: Partial<FakeEnvironment['functions'][string]>) => ({
        Runtime: 'Nodejs24.11',
        Handler: 'index.main',
        Timeout: 20,
        MemorySize: 256,
        InstallDependency: 'FALSE' as const,
        Description: 'Honglin code 000000000000',
        Variables: {},
        Triggers: [],
        CodeUploads: 1,
        ...over,
      });
      const keys = (...k: Array<[string, string]>) => k.map(([Name, Direction]) => ({ Name, Direction }));
      const upToDate = Object.fromEntries(
        FUNCTIONS.filter((name) => !CHANGED.includes(name)).map((name) => [
          name,
          fn({ Description: `Honglin code ${codeOf[name]}`, Variables: { HONGLIN_QR_SECRET: CLOUD_SECRET, HONGLIN_TEMPLATE_ORDER_DONE: LOCAL_TEMPLATE } }),
        ]),
      );
      seeded = {
        envId: 'honglin-fake',
        functions: {
          ...upToDate,
          // On Node 20, with dependencies installed in the cloud and the QR secret set by hand in the console.
          accounts: fn({ Runtime: 'Nodejs20.19', InstallDependency: 'TRUE', Description: '', Variables: { HONGLIN_QR_SECRET: CLOUD_SECRET } }),
          orders: fn({ Timeout: 3, Variables: { HONGLIN_QR_SECRET: CLOUD_SECRET, HONGLIN_TEMPLATE_ORDER_DONE: 'an-older-template' } }),
          // Its code is current; its triggers are not.
          scheduler: fn({
            Description: `Honglin code ${codeOf.scheduler}`,
            Timeout: 60,
            Triggers: [
              { TriggerName: 'tick', Type: 'timer', TriggerDesc: '{"cron":"0 */10 * * * * *"}' },
              { TriggerName: 'nightly', Type: 'timer', TriggerDesc: '{"cron":"0 0 3 * * * *"}' },
            ],
          }),
          legacy: fn({ Runtime: 'Nodejs16.13' }),
        },
        collections: {
          users: {
            acl: 'READONLY',
            indexes: [
              { Name: 'openid', Unique: true, Keys: keys(['openid', '1']) },
              { Name: 'home_grid', Unique: false, Keys: keys(['home.path.gridId', '1']) },
              { Name: 'old_phone', Unique: false, Keys: keys(['phone', '1']) },
            ],
          },
          orders: { acl: 'ADMINONLY', indexes: [] },
        },
        routes: [],
        storage: { AclTag: 'PRIVATE' },
        hosting: [{ EnvId: 'honglin-fake', CdnDomain: 'honglin-fake.tcloudbaseapp.com', Bucket: 'fake-hosting', Regoin: 'ap-shanghai', Status: 'online' }],
        calls: [],
      };
      writeEnvironmentFile(stateFile, seeded);
      env = {
        ...bareEnv(),
        TCB_ENV_ID: 'honglin-fake',
        TENCENTCLOUD_SECRETID: 'fake-id',
        TENCENTCLOUD_SECRETKEY: 'fake-key',
        HONGLIN_TEMPLATE_ORDER_DONE: LOCAL_TEMPLATE,
        HONGLIN_MANAGER_FAKE: stateFile,
        HONGLIN_FUNCTION_ROOT: join(dir, 'functions'),
      };
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** What the dry run must list, in its order: per function, then per collection. */
    function expectedPlan(): string[] {
      const steps: string[] = [];
      for (const name of FUNCTIONS) {
        if (name === 'accounts') steps.push('function recreate accounts', 'variables add accounts');
        else if (name === 'orders') steps.push('function update orders', 'variables change orders');
        else if (name === 'scheduler') steps.push('variables add scheduler', 'trigger replace scheduler.tick', 'trigger drop scheduler.nightly');
        else if (name === 'open311') steps.push('function create open311', 'variables add open311', 'http add /open311');
      }
      for (const c of COLLECTIONS) {
        if (c.name === 'users') {
          steps.push('index drop users.old_phone');
          for (const ix of c.indexes) if (ix.name !== 'openid') steps.push(`index ${ix.name === 'home_grid' ? 'recreate' : 'add'} users.${ix.name}`);
          steps.push('permission change users');
          continue;
        }
        if (c.name !== 'orders') steps.push(`collection create ${c.name}`);
        for (const ix of c.indexes) steps.push(`index add ${c.name}.${ix.name}`);
        if (c.name !== 'orders') steps.push(`permission change ${c.name}`);
      }
      steps.push('storage change security rule', 'hosting upload static hosting');
      return steps;
    }

    it('the dry run reads the environment and lists exactly the creates, updates and drops it will do; it changes nothing', () => {
      const res = deployScript(['--dry-run', '--json', '--h5-dir', join(dir, 'h5')], env);
      expect(res.stderr).not.toContain('NETWORK ATTEMPT');
      expect(res.status).toBe(0);
      const plan = JSON.parse(res.stdout) as { envId: string; read: boolean; steps: PlanStep[]; notes: string[] };
      expect(plan.read).toBe(true);
      expect(plan.steps.map(line)).toEqual(expectedPlan());
      expect(plan.steps.filter((s) => s.drop).map(line)).toEqual([
        'function recreate accounts',
        'trigger drop scheduler.nightly',
        'index drop users.old_phone',
        'index recreate users.home_grid',
      ]);
      const step = (l: string) => plan.steps.find((s) => line(s) === l)!;
      expect(step('function recreate accounts').detail).toMatch(
        /^runtime Nodejs20\.19 → Nodejs24\.11, cloud install of dependencies on → off \(shipped with the code\), code unknown → [0-9a-f]{12}/,
      );
      expect(step('function update orders').detail).toMatch(/^timeout 3 s → 20 s, code 000000000000 → [0-9a-f]{12}$/);
      expect(step('trigger replace scheduler.tick').detail).toBe('timer "0 */10 * * * * *" → timer "0 */5 * * * * *"');
      expect(step('index recreate users.home_grid').detail).toBe('home.path.gridId asc → home.path.gridId asc, createdAt asc (dropped, then created)');
      expect(step('hosting upload static hosting').detail).toMatch(/^upload 2 files, 0\.\d KB of .*h5 to honglin-fake\.tcloudbaseapp\.com/);
      expect(plan.notes).toEqual(['function legacy: in the environment, not part of this code']);

      // Variables are merged: the secret set in the console stays; only the template is added or changed.
      expect(step('variables add accounts')).toMatchObject({ added: ['HONGLIN_TEMPLATE_ORDER_DONE'], changed: [], kept: ['HONGLIN_QR_SECRET'] });
      expect(step('variables change orders')).toMatchObject({ added: [], changed: ['HONGLIN_TEMPLATE_ORDER_DONE'], kept: ['HONGLIN_QR_SECRET'] });

      const after = readEnvironmentFile(stateFile);
      expect(after.calls.length).toBeGreaterThan(0);
      expect(after.calls.every((c) => (READ_ACTIONS as readonly string[]).includes(c.split(':')[1]!))).toBe(true);
      expect(stateOf(after)).toEqual(stateOf(seeded));
    }, 150_000);

    it('prints no variable value, only names', () => {
      const res = deployScript(['--dry-run', '--skip-hosting'], env);
      expect(res.status).toBe(0);
      expect(res.stdout).toMatch(/~ change\s+orders: change HONGLIN_TEMPLATE_ORDER_DONE; keep HONGLIN_QR_SECRET/);
      for (const value of [CLOUD_SECRET, LOCAL_TEMPLATE, 'an-older-template']) expect(res.stdout + res.stderr).not.toContain(value);
    }, 150_000);

    it('without --yes and without a terminal, a plan that drops is refused and nothing changes', () => {
      writeEnvironmentFile(stateFile, seeded);
      const res = deployScript(['--skip-hosting'], env);
      expect(res.status).toBe(3);
      expect(res.stderr).toContain(
        'refusing to deploy: the plan drops or recreates function recreate accounts, trigger drop scheduler.nightly, index drop users.old_phone, index recreate users.home_grid. Nothing was changed.',
      );
      const after = readEnvironmentFile(stateFile);
      expect(after.calls.every((c) => (READ_ACTIONS as readonly string[]).includes(c.split(':')[1]!))).toBe(true);
      expect(stateOf(after)).toEqual(stateOf(seeded));
    }, 150_000);

    it('with --yes it applies the plan: variables merged, never lost; a second dry run has nothing to do', () => {
      writeEnvironmentFile(stateFile, seeded);
      const res = deployScript(['--yes', '--skip-hosting'], env);
      expect(res.stderr).not.toContain('NETWORK ATTEMPT');
      expect({ status: res.status, stderr: res.stderr.slice(-2000) }).toEqual({ status: 0, stderr: expect.any(String) });
      for (const value of [CLOUD_SECRET, LOCAL_TEMPLATE]) expect(res.stdout + res.stderr).not.toContain(value);
      const after = readEnvironmentFile(stateFile);

      expect(Object.keys(after.functions).sort()).toEqual([...FUNCTIONS, 'legacy'].sort());
      for (const name of FUNCTIONS) expect(after.functions[name]).toMatchObject({ Runtime: 'Nodejs24.11', InstallDependency: 'FALSE' });
      expect(after.functions.accounts!.Variables).toEqual({ HONGLIN_QR_SECRET: CLOUD_SECRET, HONGLIN_TEMPLATE_ORDER_DONE: LOCAL_TEMPLATE });
      expect(after.functions.orders!.Variables).toEqual({ HONGLIN_QR_SECRET: CLOUD_SECRET, HONGLIN_TEMPLATE_ORDER_DONE: LOCAL_TEMPLATE });
      expect(after.functions.open311!.Variables).toEqual({ HONGLIN_TEMPLATE_ORDER_DONE: LOCAL_TEMPLATE });
      for (const name of FUNCTIONS.filter((n) => !CHANGED.includes(n))) expect(after.functions[name]).toEqual(seeded.functions[name]);
      expect(after.functions.scheduler!.Triggers).toEqual([{ TriggerName: 'tick', Type: 'timer', TriggerDesc: '{"cron":"0 */5 * * * * *"}' }]);
      expect(after.functions.legacy).toEqual(seeded.functions.legacy);
      expect(after.routes).toEqual([{ Path: '/open311', Name: 'open311', Type: 1, AuthSwitch: 2 }]);
      for (const c of COLLECTIONS) {
        expect(after.collections[c.name]!.acl).toBe('ADMINONLY');
        expect(after.collections[c.name]!.indexes.map((ix) => ix.Name).sort()).toEqual(c.indexes.map((ix) => ix.name).sort());
      }
      expect(JSON.parse(after.storage.Rule!)).toEqual({ read: false, write: 'resource.openid == auth.openid' });
      // The code went up with its runtime packages beside it.
      const uploaded = ['accounts', 'open311', 'orders'];
      expect(
        after.calls
          .filter((c) => c.startsWith('cos:upload'))
          .map((c) => /\/(\w+)\.zip /.exec(c)![1])
          .sort(),
      ).toEqual(uploaded);
      for (const name of uploaded) expect(existsSync(join(dir, 'functions', name, 'node_modules', '@cloudbase', 'node-sdk', 'package.json'))).toBe(true);

      const again = deployScript(['--dry-run', '--json', '--skip-hosting'], env);
      expect(again.status).toBe(0);
      expect(JSON.parse(again.stdout).steps).toEqual([]);
    }, 360_000);
  });

  describe('cloudbaserc.json', () => {
    it('is the one the deploy generates (npm run deploy -- --write-config), for every function', () => {
      const res = deployScript(['--check-config'], bareEnv());
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      const config = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8'));
      expect(config).toMatchObject({ version: '2.0', envId: '{{env.TCB_ENV_ID}}', functionRoot: 'dist/cloudfunctions' });
      expect(config.functions.map((f: { name: string }) => f.name)).toEqual(FUNCTIONS);
      for (const f of config.functions) expect(f).toMatchObject({ handler: 'index.main', runtime: 'Nodejs24.11', installDependency: false, memorySize: 256 });
      expect(config.functions.find((f: { name: string }) => f.name === 'scheduler').triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }]);
    });

    it('sets no function variables, so that `tcb fn deploy` cannot wipe them', () => {
      const text = readFileSync(join(root, 'cloudbaserc.json'), 'utf8');
      expect(text).not.toMatch(/envVariables/i);
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
