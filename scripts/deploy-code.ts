/**
 * The code a deploy uploads: each function bundled (scripts/build-functions.mjs) and hashed, and the
 * runtime packages its package.json lists shipped beside it, copied from this repository's own
 * installed tree (the lockfile's versions; no network). Shipping them works on every runtime, whether
 * or not CloudBase installs dependencies in the cloud for it, so the functions set installDependency false.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildFunction, listFunctions, TRIGGERS, type TimerTrigger } from './build-functions.mjs';

export const root = join(__dirname, '..');

export interface BundledFunction {
  name: string;
  /** Absolute path of the function's folder. */
  dir: string;
  hash: string;
  triggers: TimerTrigger[];
}

const NOT_RUN = /\.(map|d\.ts|d\.mts|d\.cts)$/;

/** Every file under `dir` (relative, `/`-separated, sorted), optionally skipping some top-level folders. */
export function listFiles(dir: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (d === dir && skip.includes(e.name)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** A hash of what a function runs: its files, the shipped packages aside (their versions are in package.json). */
export function hashFunction(dir: string): string {
  const h = createHash('sha256');
  for (const f of listFiles(dir, ['node_modules']))
    h.update(f)
      .update('\0')
      .update(readFileSync(join(dir, f)))
      .update('\0');
  return h.digest('hex').slice(0, 12);
}

/** Bundles every function into `outDir/<name>` and hashes it. */
export async function bundleFunctions(outDir: string): Promise<BundledFunction[]> {
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = listFunctions();
  if (names.length === 0) throw new Error('no cloud functions found (cloudfunctions/<name>/index.ts)');
  mkdirSync(outDir, { recursive: true });
  // Folders of functions that no longer exist would otherwise be deployed from a stale build.
  for (const entry of readdirSync(outDir)) if (!names.includes(entry)) rmSync(join(outDir, entry), { recursive: true, force: true });
  const out: BundledFunction[] = [];
  for (const name of names) {
    await buildFunction(name, rootPackage, { outDir });
    const dir = join(outDir, name);
    out.push({ name, dir, hash: hashFunction(dir), triggers: (TRIGGERS[name] ?? []) as TimerTrigger[] });
  }
  return out;
}

/** The folder of `pkg` as Node would resolve it from `fromDir` (walking up node_modules folders). */
function findPackage(pkg: string, fromDir: string): string | null {
  for (let d = fromDir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return null;
  }
}

/**
 * Copies `dependencies` and everything they need from the repository's node_modules into
 * `dir/node_modules`, at the same relative places, so that Node resolves each of them there exactly
 * as it does here. Returns the number of packages copied.
 */
export function shipDependencies(dir: string, dependencies: Record<string, string>): number {
  const seen = new Set<string>();
  const visit = (pkg: string, from: string, optional: boolean) => {
    if (pkg.startsWith('@types/')) return; // declarations only: nothing runs them
    const at = findPackage(pkg, from);
    if (!at) {
      if (optional) return;
      throw new Error(`${pkg} is needed by a function but is not installed here (run npm install)`);
    }
    if (seen.has(at)) return;
    seen.add(at);
    const manifest = JSON.parse(readFileSync(join(at, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, at, Boolean(manifest.optionalDependencies?.[dep]));
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, at, true);
  };
  for (const pkg of Object.keys(dependencies)) visit(pkg, root, false);
  copyPackages(dir, seen);
  const copied = new Set(seen);
  // A package may require one it does not declare, found here only because npm hoisted it (wx-server-sdk
  // requires mime-db): load every dependency from the function's folder and add what is missing, as hoisted.
  for (let round = 0; round < 50; round++) {
    const missing = firstMissing(dir, Object.keys(dependencies));
    if (!missing) return seen.size;
    const before = seen.size;
    visit(missing, root, false);
    if (seen.size === before) throw new Error(`${missing} cannot be loaded from ${dir} although it was copied`);
    copyPackages(
      dir,
      [...seen].filter((at) => !copied.has(at)),
    );
    for (const at of seen) copied.add(at);
  }
  throw new Error(`the runtime packages of ${dir} still miss packages after 50 rounds`);
}

/** The first package that `require` cannot find when the dependencies load from `dir`, or null when all load. */
function firstMissing(dir: string, packages: readonly string[]): string | null {
  // Resolution stops at the function's folder: a node_modules above it (this repository's) must not hide a gap.
  const script =
    `const M = require('node:module'), sep = require('node:path').sep, own = M._nodeModulePaths;` +
    `M._nodeModulePaths = (from) => own(from).filter((p) => p.startsWith(process.cwd() + sep));` +
    `for (const p of ${JSON.stringify(packages)}) require(p);`;
  const res = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
  if (res.status === 0) return null;
  const name = /Cannot find module '([^']+)'/.exec(res.stderr)?.[1];
  if (!name || name.startsWith('.') || name.startsWith('/')) throw new Error(`the runtime packages do not load from ${dir}:\n${res.stderr.slice(0, 2000)}`);
  return name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
}

function copyPackages(dir: string, packages: Iterable<string>): void {
  const modules = join(root, 'node_modules');
  for (const at of packages) {
    const rel = relative(modules, at);
    if (rel.startsWith('..')) throw new Error(`${at} is outside ${modules}`);
    cpSync(at, join(dir, 'node_modules', rel), {
      recursive: true,
      dereference: true,
      // Nested packages are copied on their own when needed; source maps and declarations are never loaded.
      filter: (src) => !src.slice(at.length).split(sep).includes('node_modules') && !NOT_RUN.test(src),
    });
  }
}

/** Ships every bundled function's runtime packages (the ones its package.json lists); functions with the same list get the same copy. */
export function shipAll(functions: readonly BundledFunction[]): void {
  const shipped = new Map<string, string>();
  for (const f of functions) {
    const deps = (JSON.parse(readFileSync(join(f.dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    const key = JSON.stringify(deps);
    const from = shipped.get(key);
    if (from) cpSync(join(from, 'node_modules'), join(f.dir, 'node_modules'), { recursive: true });
    else if (Object.keys(deps).length) {
      shipDependencies(f.dir, deps);
      shipped.set(key, f.dir);
    }
  }
}

export function folderSize(dir: string): { files: number; bytes: number } {
  const files = listFiles(dir);
  return { files: files.length, bytes: files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) };
}
