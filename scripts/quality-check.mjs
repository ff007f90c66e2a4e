// WeChat's code-quality scan (the DevTools "代码质量" panel) run offline with miniprogram-ci:
// package size, JS/WXML/WXSS minification, lazy code loading, unused files, images…
// Prints every check and exits 1 if any fails. Builds dist/weapp first when it is missing.
// `checkCodeQuality` does not read the private key, but ci.Project insists on a file: a throwaway
// key is generated into a temp dir and removed afterwards.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildWeapp, ROOT } from './build-weapp.mjs'

const require = createRequire(import.meta.url)

async function main() {
  const { skipped, ms } = buildWeapp({ ifMissing: true, quiet: true })
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
      // The repo root: its project.config.json points miniprogramRoot at dist/weapp/.
      projectPath: ROOT,
      privateKeyPath,
      ignores: ['node_modules/**/*'],
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

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
