// Builds the mini-program (`taro build --type weapp`, production) into dist/weapp/.
// CLI: node scripts/build-weapp.mjs [--if-missing]
// API: import { buildWeapp, WEAPP_DIR } from './build-weapp.mjs'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const WEAPP_DIR = join(ROOT, 'dist', 'weapp')

/** Runs the Taro CLI from the repo's node_modules (under Node 24 when called through npm). */
export function runTaro(args, { cwd = ROOT, quiet = false } = {}) {
  const started = Date.now()
  const taro = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'taro.cmd' : 'taro')
  const result = spawnSync(taro, args, {
    cwd,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  })
  const ms = Date.now() - started
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout ?? ''}\n${result.stderr ?? ''}` : ''
    throw new Error(`taro ${args.join(' ')} failed (exit ${result.status}) in ${cwd}${output}`)
  }
  return { ms }
}

/** Builds dist/weapp; with ifMissing, only when dist/weapp/app.js is not there yet. */
export function buildWeapp({ ifMissing = false, quiet = false } = {}) {
  if (ifMissing && existsSync(join(WEAPP_DIR, 'app.js'))) return { ms: 0, skipped: true }
  return { ...runTaro(['build', '--type', 'weapp'], { quiet }), skipped: false }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ms, skipped } = buildWeapp({ ifMissing: process.argv.includes('--if-missing') })
  console.log(skipped ? 'dist/weapp already built' : `dist/weapp built in ${(ms / 1000).toFixed(1)} s`)
}
