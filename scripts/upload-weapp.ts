/**
 * `npm run upload:weapp` — uploads the built mini-program to WeChat as a development version, with
 * miniprogram-ci (the same upload as DevTools' 上传 button), ready to be submitted for review in the
 * admin console:
 *   1. builds dist/weapp (`taro build --type weapp`, production);
 *   2. uploads it with the appid of project.config.json, the version of package.json and, as the
 *      description, the short commit id and the last commit's subject.
 *
 *   npm run upload:weapp -- --dry-run     prints the appid, version, description and folder; uploads nothing, needs no key
 *   npm run upload:weapp -- --no-build    uploads dist/weapp as it is
 *   npm run upload:weapp -- --dir <dir>   uploads that built mini-program folder as it is
 *   --verbose                             shows miniprogram-ci's own progress lines
 *
 * Needs the upload key (微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传密钥), the machine's IP in
 * that page's IP whitelist, and the network:
 *   HONGLIN_WEAPP_KEY_PATH   path of the key file (private.<appid>.key), or
 *   HONGLIN_WEAPP_KEY        the key itself (PEM text), e.g. from a CI secret
 *   HONGLIN_WEAPP_APPID      overrides project.config.json's appid (which is DevTools' touristappid in the repo)
 *   HONGLIN_WEAPP_ROBOT      which of WeChat's 30 CI robots uploads (1–30, default 1)
 * Exit codes: 0 uploaded (or dry run), 2 something is missing (nothing was uploaded), 1 the upload failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
/** DevTools' placeholder appid: it previews locally but WeChat accepts no upload for it. */
export const TOURIST_APPID = 'touristappid';
/** Kept short: the admin console shows the description in one line of its version list. */
export const DESCRIPTION_MAX = 100;

export interface UploadPlan {
  appid: string;
  appidFrom: 'HONGLIN_WEAPP_APPID' | 'project.config.json';
  version: string;
  description: string;
  robot: number;
  /** Absolute path of the built mini-program folder. */
  folder: string;
  build: boolean;
  key: { kind: 'path'; path: string } | { kind: 'content'; pem: string } | null;
  problems: string[];
}

function git(args: string[]): string {
  const res = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : '';
}

/** `a1b2c3d subject of the last commit`, one line, at most DESCRIPTION_MAX characters (an ellipsis when cut). */
export function describeCommit(sha: string, subject: string, max = DESCRIPTION_MAX): string {
  const line = `${sha} ${subject}`.replace(/\s+/g, ' ').trim() || 'no git commit';
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function planUpload(args: string[], env: NodeJS.ProcessEnv): UploadPlan {
  const problems: string[] = [];
  const projectConfig = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string; miniprogramRoot?: string };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: string };

  const appid = env.HONGLIN_WEAPP_APPID?.trim() || projectConfig.appid || '';
  const appidFrom = env.HONGLIN_WEAPP_APPID?.trim() ? 'HONGLIN_WEAPP_APPID' : 'project.config.json';
  if (!appid || appid === TOURIST_APPID)
    problems.push(`the appid is ${appid || 'empty'} (DevTools' placeholder): set HONGLIN_WEAPP_APPID to the mini-program's AppID (微信公众平台 → 开发管理 → 开发设置 → AppID)`);

  const robotText = env.HONGLIN_WEAPP_ROBOT?.trim() || '1';
  const robot = Number(robotText);
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) problems.push(`HONGLIN_WEAPP_ROBOT must be a whole number from 1 to 30, not "${robotText}"`);

  const dir = argValue(args, '--dir');
  const folder = dir ? resolve(dir) : join(ROOT, projectConfig.miniprogramRoot ?? 'dist/weapp/');
  const build = !dir && !args.includes('--no-build');

  let key: UploadPlan['key'] = null;
  const keyPath = env.HONGLIN_WEAPP_KEY_PATH?.trim();
  const keyContent = env.HONGLIN_WEAPP_KEY?.trim();
  if (keyPath) {
    const abs = isAbsolute(keyPath) ? keyPath : resolve(ROOT, keyPath);
    if (existsSync(abs)) key = { kind: 'path', path: abs };
    else problems.push(`HONGLIN_WEAPP_KEY_PATH names a file that is not there: ${keyPath}`);
  } else if (keyContent) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyContent)) key = { kind: 'content', pem: keyContent.replace(/\\n/g, '\n') };
    else problems.push('HONGLIN_WEAPP_KEY does not look like a private key (PEM text starting with -----BEGIN … PRIVATE KEY-----)');
  } else {
    problems.push('no upload key: set HONGLIN_WEAPP_KEY_PATH to the key file, or HONGLIN_WEAPP_KEY to its content');
  }

  return {
    appid,
    appidFrom,
    version: pkg.version ?? '',
    description: describeCommit(git(['log', '-1', '--format=%h']), git(['log', '-1', '--format=%s'])),
    robot,
    folder,
    build,
    key,
    problems,
  };
}

const shown = (folder: string) => {
  const rel = relative(ROOT, folder);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : folder;
};

export function describePlan(plan: UploadPlan): string[] {
  return [
    `appid:       ${plan.appid} (${plan.appidFrom})`,
    `version:     ${plan.version} (package.json)`,
    `description: ${plan.description}`,
    `folder:      ${shown(plan.folder)}${plan.build ? ' (built first: taro build --type weapp)' : ' (as it is)'}`,
    `robot:       ${plan.robot}`,
    `key:         ${plan.key ? (plan.key.kind === 'path' ? 'HONGLIN_WEAPP_KEY_PATH' : 'HONGLIN_WEAPP_KEY') : 'not set'}`,
  ];
}

const HOW_TO_GET_A_KEY = [
  'To upload, a mini-program administrator:',
  '  1. opens 微信公众平台 (mp.weixin.qq.com) → 开发管理 → 开发设置 → 小程序代码上传密钥, generates (or resets) the key and downloads private.<appid>.key;',
  '  2. adds this machine’s public IP to the IP whitelist on the same page (or turns the whitelist off for the upload);',
  '  3. HONGLIN_WEAPP_KEY_PATH=/path/to/private.<appid>.key HONGLIN_WEAPP_APPID=<appid> npm run upload:weapp',
];

/** One line for a failed upload: WeChat's or the network's message and its code, no stack. */
export function failureLine(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { message?: unknown; code?: unknown; errCode?: unknown };
  const message = String(e.message ?? error)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  const code = e.code ?? e.errCode;
  return `upload failed${code !== undefined && code !== null && code !== '' ? ` (code ${String(code)})` : ''}: ${message ?? 'unknown error'}`;
}

/** Runs `task` with miniprogram-ci's console chatter ([info], [error] lines…) held back; `--verbose` lets it through. */
async function quietly<T>(quiet: boolean, task: () => Promise<T>): Promise<T> {
  if (!quiet) return task();
  const saved = { log: console.log, info: console.info, debug: console.debug, warn: console.warn };
  const hold = () => undefined;
  Object.assign(console, { log: hold, info: hold, debug: hold, warn: hold });
  try {
    return await task();
  } finally {
    Object.assign(console, saved);
  }
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export async function main(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const plan = planUpload(args, env);

  if (args.includes('--dry-run')) {
    io.out('upload plan (dry run, nothing uploaded):');
    for (const line of describePlan(plan)) io.out(`  ${line}`);
    if (plan.problems.length > 0) io.out(`a real upload would stop here: ${plan.problems.join('; ')}`);
    return 0;
  }

  if (plan.problems.length > 0) {
    io.err('upload:weapp cannot upload yet.');
    for (const p of plan.problems) io.err(`  missing: ${p}`);
    for (const line of HOW_TO_GET_A_KEY) io.err(line);
    io.err('Nothing was uploaded.');
    return 2;
  }

  if (plan.build) {
    io.out('building dist/weapp…');
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-weapp.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (res.status !== 0) {
      io.err('upload failed: the mini-program did not build (see above). Nothing was uploaded.');
      return 1;
    }
  }
  if (!existsSync(join(plan.folder, 'app.json'))) {
    io.err(`upload:weapp: ${shown(plan.folder)} holds no built mini-program (no app.json): run npm run build:weapp first. Nothing was uploaded.`);
    return 2;
  }

  for (const line of describePlan(plan)) io.out(line);
  const started = Date.now();
  const result = await quietly(!args.includes('--verbose'), async () => {
    // Loaded only now: the dry run and the checks above need none of it (and it talks as it loads).
    const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
    const project = new ci.Project({
      appid: plan.appid,
      type: 'miniProgram',
      // The built folder, not the repo root (see scripts/quality-check.mjs): Taro's copy of
      // project.config.json in it carries the minify settings the upload uses.
      projectPath: plan.folder,
      ...(plan.key!.kind === 'path' ? { privateKeyPath: plan.key!.path } : { privateKey: plan.key!.pem }),
    });
    return ci.upload({ project, version: plan.version, desc: plan.description, robot: plan.robot, setting: { useProjectConfig: true }, onProgressUpdate: () => undefined });
  });
  const sizes = (result.subPackageInfo ?? []).map((p) => `${p.name} ${(p.size / 1024).toFixed(0)} KB`).join(', ');
  io.out(`uploaded ${plan.version} in ${((Date.now() - started) / 1000).toFixed(1)} s${sizes ? ` (${sizes})` : ''}.`);
  io.out('Next: 微信公众平台 → 管理 → 版本管理 → 开发版本 → 提交审核.');
  return 0;
}

if (require.main === module) {
  const io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  // A failure deep in miniprogram-ci (a refused socket…) can surface outside the awaited promise.
  const fail = (e: unknown) => {
    io.err(failureLine(e));
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // miniprogram-ci leaves a file watcher open: exit explicitly once done.
  main(process.argv.slice(2), process.env, io).then((code) => process.exit(code), fail);
}
