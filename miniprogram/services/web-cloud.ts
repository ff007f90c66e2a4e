/**
 * The H5 build's way to the cloud functions in production: the CloudBase web SDK
 * (`@cloudbase/js-sdk`; `Taro.cloud` does not exist on H5). Kept apart from `call.ts` and from the
 * SDK itself so the sign-in and the call are tested with a fake SDK, and so the SDK is loaded only
 * by a build that needs it (`webCloud` in call.ts chooses by build constants).
 */

/** The slice of the web SDK's app this app uses. */
export interface WebCloudApp {
  auth(options: { persistence: 'local' }): {
    getLoginState(): Promise<unknown>
    signInAnonymously(): Promise<unknown>
  }
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>
}

/** Loads the SDK and initializes it for one environment. */
export type WebCloudLoader = (env: string) => Promise<WebCloudApp>

/** v3 of the SDK answers `{ error }` instead of throwing. */
function failed(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && 'error' in answer && Boolean((answer as { error?: unknown }).error)
}

/**
 * A sender over the web SDK. The first call loads the SDK, initializes it and signs in anonymously
 * (the login is kept in local storage, so a screen that reloads keeps it); concurrent calls share
 * that work, and a failure is forgotten so the next call (a retry) tries again. An anonymous web
 * login carries no WeChat OPENID into the function: who the caller is comes from what the envelope
 * carries and the server checks (a station screen's device token); a person's call is refused there
 * as unauthenticated.
 */
export function webCloudSender(env: string, load: WebCloudLoader): (fn: string, body: unknown) => Promise<unknown> {
  let ready: Promise<WebCloudApp> | null = null
  const signedIn = async (): Promise<WebCloudApp> => {
    const app = await load(env)
    const auth = app.auth({ persistence: 'local' })
    if (!(await auth.getLoginState())) {
      const answer = await auth.signInAnonymously()
      if (failed(answer)) throw new Error('anonymous sign-in refused')
    }
    return app
  }
  return async (fn, body) => {
    ready ??= signedIn().catch((e: unknown) => {
      ready = null
      throw e
    })
    const app = await ready
    const res = await app.callFunction({ name: fn, data: body })
    return res.result
  }
}
