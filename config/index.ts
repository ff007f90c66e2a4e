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
      // Cloud environment id for wx.cloud.init; empty = the default environment of the appid.
      HONGLIN_CLOUD_ENV: JSON.stringify(process.env.HONGLIN_CLOUD_ENV ?? ''),
      // Subscribe-message template ids the app asks consent for (the same variables the functions
      // send with); empty = not configured, and the app does not ask.
      HONGLIN_TEMPLATE_ORDER_ACCEPTED: JSON.stringify(process.env.HONGLIN_TEMPLATE_ORDER_ACCEPTED ?? ''),
      HONGLIN_TEMPLATE_ORDER_RESOLVED: JSON.stringify(process.env.HONGLIN_TEMPLATE_ORDER_RESOLVED ?? ''),
      HONGLIN_TEMPLATE_ORDER_OFFERED: JSON.stringify(process.env.HONGLIN_TEMPLATE_ORDER_OFFERED ?? ''),
      HONGLIN_TEMPLATE_ORDER_ESCALATED: JSON.stringify(process.env.HONGLIN_TEMPLATE_ORDER_ESCALATED ?? ''),
      HONGLIN_TEMPLATE_TOPIC_SUPPORTED: JSON.stringify(process.env.HONGLIN_TEMPLATE_TOPIC_SUPPORTED ?? ''),
      HONGLIN_TEMPLATE_TOPIC_ADOPTED: JSON.stringify(process.env.HONGLIN_TEMPLATE_TOPIC_ADOPTED ?? ''),
      HONGLIN_TEMPLATE_TOPIC_ANSWERED: JSON.stringify(process.env.HONGLIN_TEMPLATE_TOPIC_ANSWERED ?? ''),
      HONGLIN_TEMPLATE_TOPIC_DECIDED: JSON.stringify(process.env.HONGLIN_TEMPLATE_TOPIC_DECIDED ?? ''),
      HONGLIN_TEMPLATE_TOPIC_RATE: JSON.stringify(process.env.HONGLIN_TEMPLATE_TOPIC_RATE ?? ''),
      HONGLIN_TEMPLATE_MEETING_INVITED: JSON.stringify(process.env.HONGLIN_TEMPLATE_MEETING_INVITED ?? ''),
      HONGLIN_TEMPLATE_MEETING_CANCELLED: JSON.stringify(process.env.HONGLIN_TEMPLATE_MEETING_CANCELLED ?? ''),
      HONGLIN_TEMPLATE_MEETING_REMINDER: JSON.stringify(process.env.HONGLIN_TEMPLATE_MEETING_REMINDER ?? ''),
      HONGLIN_TEMPLATE_MEETING_MINUTESDUE: JSON.stringify(process.env.HONGLIN_TEMPLATE_MEETING_MINUTESDUE ?? ''),
      HONGLIN_TEMPLATE_MEETING_MINUTES: JSON.stringify(process.env.HONGLIN_TEMPLATE_MEETING_MINUTES ?? ''),
      HONGLIN_TEMPLATE_COUNCIL_DECISION: JSON.stringify(process.env.HONGLIN_TEMPLATE_COUNCIL_DECISION ?? ''),
      HONGLIN_TEMPLATE_LIUYOU_SUBMITTED: JSON.stringify(process.env.HONGLIN_TEMPLATE_LIUYOU_SUBMITTED ?? ''),
      HONGLIN_TEMPLATE_LIUYOU_RETURNED: JSON.stringify(process.env.HONGLIN_TEMPLATE_LIUYOU_RETURNED ?? ''),
      HONGLIN_TEMPLATE_LIUYOU_SCORED: JSON.stringify(process.env.HONGLIN_TEMPLATE_LIUYOU_SCORED ?? ''),
      HONGLIN_TEMPLATE_LIUYOU_TASKOVERDUE: JSON.stringify(process.env.HONGLIN_TEMPLATE_LIUYOU_TASKOVERDUE ?? ''),
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
