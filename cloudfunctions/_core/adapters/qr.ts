import { createHmac, timingSafeEqual } from 'node:crypto';
import type { QrSignerPort } from '../ports';

/**
 * Signed scenes for mini-program codes. `wxacode.getUnlimited` takes a `scene` of at most 32
 * characters, so the budget is:
 *
 *   payload (≤ 20 chars) + '.' + MAC (11 chars: the first 64 bits of HMAC-SHA256, base64url) ≤ 32
 *
 * 64 bits is far beyond what anyone can guess by scanning codes at a station; the payload carries
 * its own meaning (a kind letter, an id, a minute for rotating codes) and is not secret.
 * Payload characters are those WeChat allows in a scene: letters, digits and !#$&'()*+,/:;=?@-._~
 */
export const SCENE_MAX = 32;
export const MAC_CHARS = 11;
export const PAYLOAD_MAX = SCENE_MAX - 1 - MAC_CHARS;
const SCENE_CHARS = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/;

export type QrImage = (scene: string, page: string) => Promise<{ contentType: string; bytes: Uint8Array }>;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest().subarray(0, 8).toString('base64url');
}

/**
 * The signer both environments use; only the secret and the image maker differ.
 * `secret` may be a function so that production reads it on first use (a function that never signs
 * does not need one configured).
 */
export function createQrSigner(secret: string | (() => string), image: QrImage): QrSignerPort {
  const key = (): string => {
    const s = typeof secret === 'function' ? secret() : secret;
    if (typeof s !== 'string' || s.length < 16) throw new Error('the QR secret must be at least 16 characters');
    return s;
  };
  return {
    sign(payload) {
      if (payload.length === 0 || payload.length > PAYLOAD_MAX) throw new Error(`a QR payload is 1..${PAYLOAD_MAX} characters`);
      if (!SCENE_CHARS.test(payload)) throw new Error('a QR payload may only use the characters WeChat allows in a scene');
      const scene = `${payload}.${mac(key(), payload)}`;
      if (scene.length > SCENE_MAX) throw new Error(`a signed scene must fit ${SCENE_MAX} characters`);
      return scene;
    },
    verify(scene) {
      if (typeof scene !== 'string' || scene.length > SCENE_MAX) return { ok: false };
      const dot = scene.lastIndexOf('.');
      if (dot < 1) return { ok: false };
      const payload = scene.slice(0, dot);
      const given = Buffer.from(scene.slice(dot + 1), 'utf8');
      const expected = Buffer.from(mac(key(), payload), 'utf8');
      // Equal lengths first: timingSafeEqual throws otherwise, and the length is not a secret.
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
      return { ok: true, payload };
    },
    image(scene, page) {
      if (scene.length === 0 || scene.length > SCENE_MAX) throw new Error(`a scene is 1..${SCENE_MAX} characters`);
      return image(scene, page);
    },
  };
}

/** The slice of wx-server-sdk's `cloud.openapi` the production image maker calls. */
export interface WxacodeApi {
  wxacode: {
    getUnlimited(params: { scene: string; page: string; checkPath: boolean }): Promise<{ contentType?: string; buffer: Uint8Array }>;
  };
}

/**
 * Production: a mini-program code from `wxacode.getUnlimited`. The page is given without a leading
 * slash and without a query (WeChat's rules); `checkPath: false` lets codes for pages of a version
 * not yet released be made (wx-server-sdk sends it as `check_path`).
 */
export function wxacodeImage(openapi: WxacodeApi): QrImage {
  return async (scene, page) => {
    const res = await openapi.wxacode.getUnlimited({ scene, page: page.replace(/^\//, '').split('?')[0]!, checkPath: false });
    return { contentType: res.contentType ?? 'image/jpeg', bytes: new Uint8Array(res.buffer) };
  };
}

/** The text a local QR code holds: the page and the scene, as the H5 app's scan entry reads it. */
export function localQrText(scene: string, page: string): string {
  return `/${page.replace(/^\//, '').split('?')[0]}?scene=${encodeURIComponent(scene)}`;
}
