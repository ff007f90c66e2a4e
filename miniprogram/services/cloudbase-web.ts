/* eslint-disable no-restricted-imports -- the web SDK is the H5 transport itself; only services/ loads it, and lazily */
import cloudbase from '@cloudbase/js-sdk/app'
import { registerAuth } from '@cloudbase/js-sdk/auth'
import { registerFunctions } from '@cloudbase/js-sdk/functions'
/* eslint-enable no-restricted-imports */
import type { WebCloudApp } from './web-cloud'

/**
 * The CloudBase web SDK, only its core, login and functions modules. Imported dynamically by
 * call.ts, and only in an H5 build made with HONGLIN_CLOUD_ENV: the local demo never loads it.
 */
export function initCloudbase(env: string): WebCloudApp {
  registerAuth(cloudbase)
  registerFunctions(cloudbase)
  return cloudbase.init({ env }) as unknown as WebCloudApp
}
