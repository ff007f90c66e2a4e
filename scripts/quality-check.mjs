// WeChat's code-quality scan (the DevTools "代码质量" panel) run offline with miniprogram-ci:
// package size, JS/WXML/WXSS minification, lazy code loading, unused files, images…
// Prints every check and exits 1 if any fails. Builds dist/weapp first (`--no-build`: scan as is).
// `checkCodeQuality` does not read the private key, but ci.Project insists on a file: a throwaway
// key is generated into a temp dir and removed afterwards.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildWeapp, ROOT, WEAPP_DIR } from './build-weapp.mjs'

const require = createRequire(import.meta.url)

async function main() {
  const { skipped, ms } = buildWeapp({ ifMissing: process.argv.includes('--no-build'), quiet: true })
  if (!skipped) console.log(`built dist/weapp in ${(ms / 1000).toFixed(1)} s`)

  const ci = require('miniprogram-ci')
  const projectConfig = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8'))
  const keyDir = mkdtempSync(join(tmpdir(), 'honglin-ci-key-'))
  const privateKeyPath = join(keyDir, `private.${projectConfig.appid}.key`)
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))

  try {
    const project = new ci.Project({
      appid: projectConfig.appid,
      type: 'miniProgram',
      // dist/weapp, not the repo root: the scanner walks (and watches) the whole project folder,
      // and at the root that is ~700 MB of node_modules (it never finishes). Taro's copy of
      // project.config.json in dist/weapp carries the same minify settings.
      projectPath: WEAPP_DIR,
      privateKeyPath,
    })
    const started = Date.now()
    const results = await ci.checkCodeQuality(project)
    let failed = 0
    for (const r of results) {
      if (!r.success) failed++
      console.log(`${r.success ? 'PASS' : 'FAIL'}  ${r.name.padEnd(30)} ${r.success ? '' : r.text}`)
      if (!r.success && r.detail) console.log(`      ${JSON.stringify(r.detail).slice(0, 600)}`)
    }
    const size = results.find((r) => r.name === 'PACKAGE_SIZE_LIMIT')
    if (size?.detail) console.log(`package sizes: ${JSON.stringify(size.detail)}`)
    console.log(`${results.length - failed}/${results.length} checks passed in ${Date.now() - started} ms`)
    if (results.length === 0) {
      console.error('no checks ran')
      process.exitCode = 1
    } else if (failed > 0) process.exitCode = 1
  } finally {
    rmSync(keyDir, { recursive: true, force: true })
  }
}

// miniprogram-ci leaves a file watcher open: exit explicitly once the report is out.
main()
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => process.exit())
