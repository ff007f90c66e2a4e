import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { formatBytes, type PlanStep } from '../../scripts/deploy-plan';
import { READ_ACTIONS } from '../../scripts/deploy-read';
import { bareEnv, deployScript, stepLine as line } from '../helpers/deploy';
import { readEnvironmentFile, stateOf, writeEnvironmentFile, type FakeEnvironment } from '../support/cloudbase-manager-fake';

/**
 * The H5 upload to CloudBase static hosting, through the real @cloudbase/manager-node against the fake
 * Tencent Cloud API and COS (tests/support/cloudbase-manager-fake.ts). The environment is otherwise up
 * to date, so the hosting step is the whole plan.
 */

const SITE = { EnvId: 'honglin-fake', CdnDomain: 'honglin-fake.tcloudbaseapp.com', Bucket: 'fake-hosting-1250000000', Regoin: 'ap-shanghai', Status: 'online' };

/** Every file under `dir`: relative path (`/`-separated) → content. */
function filesOf(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out[relative(dir, join(d, e.name)).split(sep).join('/')] = readFileSync(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

describe('npm run deploy: static hosting (H5)', () => {
  let dir: string;
  let h5: string;
  let stateFile: string;
  let env: NodeJS.ProcessEnv;
  /** The environment with everything but the H5 build deployed, and static hosting online. */
  let upToDate: FakeEnvironment;
  let files: Record<string, Buffer>;
  let bytes: number;

  const seed = (over: Partial<FakeEnvironment>): FakeEnvironment => {
    const state = { ...structuredClone(upToDate), ...over, calls: [] };
    writeEnvironmentFile(stateFile, state);
    return state;
  };
  const dryRun = () => {
    const res = deployScript(['--dry-run', '--json', '--h5-dir', h5], env);
    expect(res.stderr).not.toContain('NETWORK ATTEMPT');
    expect(res.status).toBe(0);
    return JSON.parse(res.stdout) as { read: boolean; steps: PlanStep[] };
  };
  const onlyReads = (state: FakeEnvironment) => state.calls.every((c) => (READ_ACTIONS as readonly string[]).includes(c.split(':')[1]!));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'honglin-deploy-hosting-'));
    stateFile = join(dir, 'environment.json');
    // A small H5 build: text at the top, a script and a binary file in nested folders.
    h5 = join(dir, 'h5');
    mkdirSync(join(h5, 'static', 'img'), { recursive: true });
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>红邻</title><script src="static/app.js"></script>');
    writeFileSync(join(h5, 'static', 'app.js'), 'console.log("station screen")\n');
    writeFileSync(join(h5, 'static', 'img', 'logo.png'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    files = filesOf(h5);
    bytes = Object.values(files).reduce((n, b) => n + b.length, 0);
    env = {
      ...bareEnv(),
      TCB_ENV_ID: 'honglin-fake',
      TENCENTCLOUD_SECRETID: 'fake-id',
      TENCENTCLOUD_SECRETKEY: 'fake-key',
      HONGLIN_MANAGER_FAKE: stateFile,
      HONGLIN_FUNCTION_ROOT: join(dir, 'functions'),
    };
    // Deploys everything but the H5 build into an empty environment: what is left is up to date.
    writeEnvironmentFile(stateFile, {
      envId: 'honglin-fake',
      functions: {},
      collections: {},
      routes: [],
      storage: { AclTag: 'PRIVATE' },
      hosting: [SITE],
      calls: [],
    });
    const res = deployScript(['--yes', '--skip-hosting'], env);
    expect({ status: res.status, stderr: res.stderr.slice(-2000) }).toEqual({ status: 0, stderr: expect.any(String) });
    upToDate = { ...readEnvironmentFile(stateFile), calls: [] };
    expect(upToDate.hostedFiles).toBeUndefined();
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('in an environment with static hosting enabled', () => {
    it('the dry run lists the upload of the H5 folder, its files and bytes, to the site’s domain, and puts nothing', () => {
      const seeded = seed({});
      const plan = dryRun();
      expect(plan.read).toBe(true);
      expect(plan.steps.map(line)).toEqual(['hosting upload static hosting']);
      expect(plan.steps[0]!.detail).toBe(`upload 3 files, ${formatBytes(bytes)} of ${h5} to ${SITE.CdnDomain} (uploads add and overwrite, never delete)`);
      const after = readEnvironmentFile(stateFile);
      expect(after.calls).toContain('tcb:DescribeStaticStore');
      expect(onlyReads(after)).toBe(true);
      expect(stateOf(after)).toEqual(stateOf(seeded));
    }, 150_000);

    it('--yes uploads exactly the folder’s files, by their relative paths and byte for byte, into the site’s bucket; nothing else changes', () => {
      const seeded = seed({});
      const res = deployScript(['--yes', '--h5-dir', h5], env);
      expect(res.stderr).not.toContain('NETWORK ATTEMPT');
      expect({ status: res.status, stderr: res.stderr.slice(-2000) }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(res.stdout).toContain('hosting upload static hosting: uploaded');

      const after = readEnvironmentFile(stateFile);
      const hosted = after.hostedFiles ?? {};
      const uploaded = Object.keys(hosted).filter((k) => !k.endsWith('/'));
      expect(uploaded.sort()).toEqual(Object.keys(files).sort());
      for (const key of uploaded) expect(Buffer.from(hosted[key]!, 'base64').equals(files[key]!)).toBe(true);
      // manager-node also puts an empty marker object for each folder, as the COS console does.
      expect(
        Object.entries(hosted)
          .filter(([k]) => k.endsWith('/'))
          .sort(),
      ).toEqual([
        ['static/', ''],
        ['static/img/', ''],
      ]);
      // Every object went to the hosting bucket (the fake refuses any other), each once.
      const puts = after.calls.filter((c) => c.startsWith('cos:put '));
      expect(puts.map((c) => c.split(' ')[2]).sort()).toEqual(Object.keys(hosted).sort());
      expect(puts.every((c) => c.split(' ')[1] === SITE.Bucket)).toBe(true);
      // No function, collection, route or rule was touched.
      expect({ ...stateOf(after), hostedFiles: undefined }).toEqual(stateOf(seeded));
    }, 150_000);

    it('a second dry run, with the same files already hosted, still lists the upload: the deploy always uploads the whole H5 build', () => {
      const hostedFiles = Object.fromEntries(Object.entries(files).map(([k, b]) => [k, b.toString('base64')]));
      seed({ hostedFiles });
      const plan = dryRun();
      expect(plan.steps.map(line)).toEqual(['hosting upload static hosting']);
      expect(plan.steps[0]!.detail).toMatch(new RegExp(`^upload 3 files, ${formatBytes(bytes).replace('.', '\\.')} of `));

      const text = deployScript(['--dry-run', '--h5-dir', h5], env);
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/Static hosting \(H5: station screen, PC admin views\):\n {2}\+ upload\s+static hosting: upload 3 files/);
      // The upload is not counted as a difference: the rest of the environment matches.
      expect(text.stdout).toContain('Nothing to change: the environment matches the code.');
      expect(readEnvironmentFile(stateFile).hostedFiles).toEqual(hostedFiles);
    }, 150_000);
  });

  describe('in an environment without static hosting', () => {
    it('the plan says the upload is skipped, and why', () => {
      seed({ hosting: [] });
      const plan = dryRun();
      expect(plan.steps.map(line)).toEqual(['hosting skip static hosting']);
      expect(plan.steps[0]!.detail).toBe(
        `not enabled in this environment: enable 静态网站托管 in the CloudBase console, then deploy again (3 files, ${formatBytes(bytes)} of ${h5})`,
      );
    }, 150_000);

    it('--yes uploads nothing and changes nothing', () => {
      const seeded = seed({ hosting: [] });
      const res = deployScript(['--yes', '--h5-dir', h5], env);
      expect(res.stderr).not.toContain('NETWORK ATTEMPT');
      expect(res.status).toBe(0);
      expect(res.stdout).toMatch(/! skip\s+static hosting: not enabled in this environment/);
      expect(res.stdout).toContain('deployed: nothing to do.');
      const after = readEnvironmentFile(stateFile);
      expect(after.calls.filter((c) => c.startsWith('cos:'))).toEqual([]);
      expect(after.hostedFiles).toBeUndefined();
      expect(onlyReads(after)).toBe(true);
      expect(stateOf(after)).toEqual(stateOf(seeded));
    }, 150_000);

    it('a site still being set up is skipped as well: manager-node uploads only to a site that is online', () => {
      seed({ hosting: [{ ...SITE, Status: 'init' }] });
      const plan = dryRun();
      expect(plan.steps.map(line)).toEqual(['hosting skip static hosting']);
    }, 150_000);
  });
});
