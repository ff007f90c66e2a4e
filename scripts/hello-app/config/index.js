// Bare Taro 4.2.1 hello-world, a size baseline for the app's main package (bench only).
// Build and measure: `node scripts/hello-app/build.mjs` (or import { buildHello } from it).
// Output: bench/hello/dist (gitignored). No dependencies of its own: resolves from the repo root.
const path = require('path')

module.exports = function () {
  return {
    projectName: 'honglin-hello',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: path.resolve(__dirname, '../../../bench/hello/dist'),
    plugins: [],
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: { postcss: { pxtransform: { enable: true, config: {} } } },
  }
}
