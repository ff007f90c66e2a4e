import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
const sharedDir = path.join(root, 'shared')

/** NutUI's stylesheets are drawn at 375; ours at 750. */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file
  if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375
  return 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV ?? 'weapp'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'honglin',
    date: '2026-11-22',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    // One folder per platform so a weapp build does not wipe the H5 build (and back).
    outputRoot: `dist/${env}`,
    plugins: [path.join(__dirname, 'taro-plugin-project-config.js')],
    alias: {
      '@shared': sharedDir,
    },
    defineConstants: {
      // Cloud environment id for wx.cloud.init; empty = the default environment of the appid. In an
      // H5 build it also chooses the transport: set = the CloudBase web SDK, empty = the local gateway.
      HONGLIN_CLOUD_ENV: JSON.stringify(process.env.HONGLIN_CLOUD_ENV ?? ''),
      // Where the H5 build is hosted (CloudBase static hosting, `https://…/`): the mini-program links a
      // station's screen there when an admin authorizes one. Empty = the link shows its path only.
      HONGLIN_H5_URL: JSON.stringify(process.env.HONGLIN_H5_URL ?? ''),
      // Subscribe-message template ids the app asks consent for, by variable name: the same
      // `HONGLIN_TEMPLATE_<KEY>` variables the functions send with (docs/subscribe-messages.md);
      // a template without one is not asked for.
      HONGLIN_TEMPLATE_IDS: JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('HONGLIN_TEMPLATE_') && v))),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // shared/ lives outside sourceRoot: compile it with the app's babel config too.
      compile: { include: [sharedDir] },
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // The local gateway serves dist/h5 at the root of the origin that also answers /api.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      imageUrlLoaderOption: {
        name: 'static/images/[name].[contenthash:8].[ext]',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of
        // the NutUI components and our shared modules. Share what two or more pages use.
        const splitChunks = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> }
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            pagesShared: { chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
          },
        })
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
