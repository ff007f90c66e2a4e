// Taro copies the root project.config.json into dist/weapp/ with `miniprogramRoot: "./"` but leaves
// `cloudfunctionRoot` as written for the repo root, which is wrong from inside dist/weapp/.
// Point that copy's paths at the same folders, so DevTools works whichever folder it opens.
const fs = require('node:fs')
const path = require('node:path')

module.exports = (ctx) => {
  ctx.onBuildComplete(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const file = path.join(ctx.paths.outputPath, 'project.config.json')
    if (!fs.existsSync(file)) return
    const config = JSON.parse(fs.readFileSync(file, 'utf8'))
    config.miniprogramRoot = './'
    config.cloudfunctionRoot = '../cloudfunctions/'
    delete config.srcMiniprogramRoot
    fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`)
  })
}
