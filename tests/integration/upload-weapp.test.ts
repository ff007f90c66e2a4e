import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCommit, DESCRIPTION_MAX } from '../../scripts/upload-weapp';

const root = join(__dirname, '..', '..');
const noNetwork = join(root, 'tests', 'support', 'no-network.cjs');
const VERSION: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
/** The environment without any upload settings. */
const bareEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^HONGLIN_WEAPP_/.test(k)));
const git = (format: string) => spawnSync('git', ['log', '-1', `--format=${format}`], { cwd: root, encoding: 'utf8' }).stdout.trim();

/** Runs the upload script in this Node (24) with the network refused. */
function upload(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--require', noNetwork, '--import', 'tsx', join(root, 'scripts', 'upload-weapp.ts'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run upload:weapp', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'honglin-upload-test-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('without a key says what is missing and where to get it, uploads nothing and exits 2', () => {
    const res = upload([], bareEnv());
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('missing: no upload key: set HONGLIN_WEAPP_KEY_PATH to the key file, or HONGLIN_WEAPP_KEY to its content');
    expect(res.stderr).toContain('微信公众平台 (mp.weixin.qq.com) → 开发管理 → 开发设置 → 小程序代码上传密钥');
    expect(res.stderr).toContain('IP whitelist');
    expect(res.stderr).toContain('Nothing was uploaded.');
    // The repo's appid is DevTools' placeholder: that is said too.
    expect(res.stderr).toMatch(/missing: the appid is touristappid .*HONGLIN_WEAPP_APPID/);
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect(res.stderr).not.toContain('NETWORK ATTEMPT');
    expect(res.stdout).toBe('');
  }, 60_000);

  it('refuses a key file that is not there, the same way', () => {
    const res = upload([], { ...bareEnv(), HONGLIN_WEAPP_APPID: 'wx0123456789abcdef', HONGLIN_WEAPP_KEY_PATH: join(tmp, 'nowhere.key') });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('HONGLIN_WEAPP_KEY_PATH names a file that is not there');
    expect(res.stderr).not.toContain('appid is');
    expect(res.stderr).not.toContain('NETWORK ATTEMPT');
  }, 60_000);

  it('--dry-run prints the appid, the version of package.json, the commit as description and the folder', () => {
    const res = upload(['--dry-run'], bareEnv());
    expect(res.status).toBe(0);
    expect(res.stderr).not.toContain('NETWORK ATTEMPT');
    const out = res.stdout;
    expect(out).toMatch(/^upload plan \(dry run, nothing uploaded\):/);
    expect(out).toContain('appid:       touristappid (project.config.json)');
    expect(out).toContain(`version:     ${VERSION} (package.json)`);
    expect(out).toContain(`description: ${describeCommit(git('%h'), git('%s'))}`);
    expect(out).toMatch(new RegExp(`description: ${git('%h')} `));
    expect(out).toContain('folder:      dist/weapp (built first: taro build --type weapp)');
    expect(out).toContain('robot:       1');
    expect(out).toContain('a real upload would stop here');
  }, 60_000);

  it('--dry-run takes the appid and robot from the environment', () => {
    const res = upload(['--dry-run', '--no-build'], { ...bareEnv(), HONGLIN_WEAPP_APPID: 'wx0123456789abcdef', HONGLIN_WEAPP_ROBOT: '7' });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('appid:       wx0123456789abcdef (HONGLIN_WEAPP_APPID)');
    expect(res.stdout).toContain('robot:       7');
    expect(res.stdout).toContain('folder:      dist/weapp (as it is)');
  }, 60_000);

  it('a failed upload (here: no network) ends with one line carrying the error code, and exits 1', () => {
    // A tiny built mini-program and a key WeChat never issued: miniprogram-ci gets as far as the network.
    const app = join(tmp, 'app');
    mkdirSync(join(app, 'pages', 'index'), { recursive: true });
    writeFileSync(join(app, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }));
    writeFileSync(join(app, 'app.js'), 'App({})');
    writeFileSync(join(app, 'pages', 'index', 'index.js'), 'Page({})');
    writeFileSync(join(app, 'pages', 'index', 'index.json'), '{}');
    writeFileSync(join(app, 'pages', 'index', 'index.wxml'), '<view>红邻</view>');
    writeFileSync(join(app, 'project.config.json'), JSON.stringify({ appid: 'wx0123456789abcdef', compileType: 'miniprogram', setting: {} }));
    const keyPath = join(tmp, 'private.wx0123456789abcdef.key');
    writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));

    const res = upload(['--dir', app], { ...bareEnv(), HONGLIN_WEAPP_APPID: 'wx0123456789abcdef', HONGLIN_WEAPP_KEY_PATH: keyPath });
    expect(res.status).toBe(1);
    // It did try to reach WeChat (refused here), and says so in one line, without a stack.
    expect(res.stderr).toContain('NETWORK ATTEMPT');
    const ours = res.stderr.split('\n').filter((l) => l.startsWith('upload failed'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/^upload failed \(code \w+\): .*network access attempted/);
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect(res.stdout).toContain('appid:       wx0123456789abcdef (HONGLIN_WEAPP_APPID)');
    expect(res.stdout).not.toContain('uploaded ');
  }, 120_000);
});

describe('describeCommit', () => {
  it('is the short commit id and the subject, on one line', () => {
    expect(describeCommit('a1b2c3d', '长辈版：大字\n  and more')).toBe('a1b2c3d 长辈版：大字 and more');
  });

  it('cuts a long subject to DESCRIPTION_MAX characters with an ellipsis, counting Chinese characters as one', () => {
    const d = describeCommit('a1b2c3d', '很'.repeat(300));
    expect(Array.from(d)).toHaveLength(DESCRIPTION_MAX);
    expect(d.endsWith('…')).toBe(true);
    expect(d.startsWith('a1b2c3d 很很')).toBe(true);
  });
});
