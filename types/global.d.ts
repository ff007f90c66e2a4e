/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Cloud environment id for wx.cloud.init (build-time constant; '' = the appid's default). */
declare const HONGLIN_CLOUD_ENV: string

/** Where the H5 build is hosted, `https://…/` (build-time constant; '' = unknown, links show their path). */
declare const HONGLIN_H5_URL: string

/** Subscribe-message template ids by variable name, `HONGLIN_TEMPLATE_<KEY>` (build-time constant; absent = not configured, no consent asked). */
declare const HONGLIN_TEMPLATE_IDS: Record<string, string>

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI for the platform being built ('weapp', 'h5', ...). */
    TARO_ENV?: string
  }
}

declare namespace NodeJS {
  /** What the mini-program may read of `process`: Taro replaces `process.env.TARO_ENV` at build time. */
  interface Process {
    env: ProcessEnv
  }
}
// eslint-disable-next-line no-var -- a global declaration must be a var to join globalThis
declare var process: NodeJS.Process
