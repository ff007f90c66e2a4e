import type { IdentityPort } from '../ports';

/** OPENIDs are short URL-safe strings; anything else is not an identity. */
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Locally the gateway passes the demo persona it read from the `x-honglin-persona` header as
 * `context.persona`; the event body is never consulted (a client could write anything there).
 */
export function localIdentity(): IdentityPort {
  return {
    local: true,
    openid(_event, context) {
      const persona = (context as { persona?: unknown } | null | undefined)?.persona;
      return typeof persona === 'string' && OPENID_RE.test(persona) ? persona : null;
    },
  };
}

/** What `cloudbase.getCloudbaseContext(context)` returns, as far as identity goes. */
export type CloudContextReader = (context: unknown) => { WX_OPENID?: string } | undefined;

/**
 * In production WeChat puts the caller's OPENID into the function's context (and environment);
 * `getCloudbaseContext` reads it with the context winning over process.env. A timer trigger or a
 * call from outside WeChat carries none, and gets null.
 */
export function cloudIdentity(readContext: CloudContextReader): IdentityPort {
  return {
    local: false,
    openid(_event, context) {
      let openid: unknown;
      try {
        openid = readContext(context ?? undefined)?.WX_OPENID;
      } catch {
        return null;
      }
      return typeof openid === 'string' && OPENID_RE.test(openid) ? openid : null;
    },
  };
}
