// A bare Taro hello-world (same Taro version, React, one page), the baseline the app's main
// package is compared with. Builds into bench/hello/dist (gitignored).
// CLI:  node scripts/hello-app/build.mjs        → prints the build time and main-package bytes
// API:  import { buildHello, mainPackageBytes } from './scripts/hello-app/build.mjs'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = join(HERE, '..', '..')
export const HELLO_DIST = join(ROOT, 'bench', 'hello', 'dist')

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

/**
 * Bytes of a built mini-program's main package: every file except those under a subpackage root
 * (as app.json lists them) and except project.config.json (DevTools settings, not shipped).
 */
export function mainPackageBytes(distDir) {
  const app = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  let bytes = 0
  for (const file of files(distDir)) {
    const rel = relative(distDir, file).split(sep).join('/')
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue
    if (roots.some((r) => rel.startsWith(r))) continue
    bytes += statSync(file).size
  }
  return bytes
}

/** Builds the hello-world to weapp (production) and measures it. */
export function buildHello() {
  rmSync(HELLO_DIST, { recursive: true, force: true })
  const started = Date.now()
  const taro = join(ROOT, 'node_modules', '.bin', 'taro')
  const result = spawnSync(taro, ['build', '--type', 'weapp'], {
    cwd: HERE,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  const ms = Date.now() - started
  if (result.status !== 0 || !existsSync(join(HELLO_DIST, 'app.js'))) {
    throw new Error(`hello-world build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  return { ms, dir: HELLO_DIST, mainBytes: mainPackageBytes(HELLO_DIST) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ms, mainBytes } = buildHello()
  const line = { helloMs: ms, helloMainBytes: mainBytes }
  const appDist = join(ROOT, 'dist', 'weapp')
  if (existsSync(join(appDist, 'app.json'))) {
    line.appMainBytes = mainPackageBytes(appDist)
    line.ratio = Number((line.appMainBytes / mainBytes).toFixed(2))
  }
  console.log(JSON.stringify(line))
}
