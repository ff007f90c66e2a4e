// Bare Taro 4.2.1 hello-world used only as a size baseline for the main package.
// Build: `npm run build:hello` is NOT defined on purpose; use `node scripts/hello-app/build.mjs`
// (or `cd scripts/hello-app && npx taro build --type weapp`). Output: bench/hello/dist (gitignored).
const path = require('path')

module.exports = function (merge) {
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
    mini: {
      postcss: { pxtransform: { enable: true, config: {} } },
    },
    h5: { publicPath: '/' },
  }
}
