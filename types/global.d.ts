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

/** Subscribe-message template ids (build-time constants; '' = not configured, no consent asked). */
declare const HONGLIN_TEMPLATE_ORDER_ACCEPTED: string
declare const HONGLIN_TEMPLATE_ORDER_RESOLVED: string
declare const HONGLIN_TEMPLATE_ORDER_OFFERED: string
declare const HONGLIN_TEMPLATE_ORDER_ESCALATED: string
declare const HONGLIN_TEMPLATE_TOPIC_SUPPORTED: string
declare const HONGLIN_TEMPLATE_TOPIC_ADOPTED: string
declare const HONGLIN_TEMPLATE_TOPIC_ANSWERED: string
declare const HONGLIN_TEMPLATE_TOPIC_DECIDED: string
declare const HONGLIN_TEMPLATE_TOPIC_RATE: string
declare const HONGLIN_TEMPLATE_MEETING_INVITED: string
declare const HONGLIN_TEMPLATE_MEETING_CANCELLED: string
declare const HONGLIN_TEMPLATE_MEETING_REMINDER: string
declare const HONGLIN_TEMPLATE_MEETING_MINUTESDUE: string
declare const HONGLIN_TEMPLATE_MEETING_MINUTES: string
declare const HONGLIN_TEMPLATE_COUNCIL_DECISION: string
declare const HONGLIN_TEMPLATE_LIUYOU_SUBMITTED: string
declare const HONGLIN_TEMPLATE_LIUYOU_RETURNED: string
declare const HONGLIN_TEMPLATE_LIUYOU_SCORED: string
declare const HONGLIN_TEMPLATE_LIUYOU_TASKOVERDUE: string

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
