import { randomUUID } from 'node:crypto';
import { OPENID_INACTIVE, type ContentCheckPort, type MediaVerdict } from '../ports';
import { BLOCKED_PHRASES } from './content-words';

/**
 * Folds the tricks people use to slip a word past a filter: full-width letters and digits
 * (ａｂｃ１２３ → abc123), the ideographic space, spaces and common separators between characters
 * (赌 球, 赌*球), zero-width characters, and letter case.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC') // full-width ASCII → half-width, compatibility forms → canonical
    .replace(/[\u3000\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/[*·.,_\-|/\\~^`'"。，、]+/g, '')
    .toLowerCase();
}

/**
 * Local stand-in for WeChat's image check: an image whose bytes carry this marker (anywhere, e.g.
 * after a PNG's end) fails it. Real pictures never do; the demo and the tests make one that does.
 */
export const LOCAL_RISKY_IMAGE_MARKER = 'HONGLIN-RISKY-IMAGE';

/** Reads a stored file's bytes by its id (null when there is none). */
export type ImageReader = (fileId: string) => Promise<Uint8Array | null>;

const MARKER_BYTES = new TextEncoder().encode(LOCAL_RISKY_IMAGE_MARKER);

function carriesMarker(bytes: Uint8Array): boolean {
  outer: for (let i = 0; i + MARKER_BYTES.length <= bytes.length; i++) {
    for (let j = 0; j < MARKER_BYTES.length; j++) if (bytes[i + j] !== MARKER_BYTES[j]) continue outer;
    return true;
  }
  return false;
}

/** The local image verdict: risky when the bytes carry the marker (or cannot be read), else pass. */
export async function localImageVerdict(read: ImageReader, fileId: string): Promise<MediaVerdict> {
  const bytes = await read(fileId);
  if (!bytes) return { suggest: 'risky', label: 'unreadable' };
  return carriesMarker(bytes) ? { suggest: 'risky', label: 'marker' } : { suggest: 'pass' };
}

/**
 * Local: a word list for text (`label` is the category, as WeChat's check names it) and the marker
 * rule for images, decided at once.
 */
export function wordListContentCheck(phrases: Readonly<Record<string, readonly string[]>> = BLOCKED_PHRASES, readImage: ImageReader = async () => null): ContentCheckPort {
  const list = Object.entries(phrases)
    .flatMap(([label, words]) => words.map((w) => ({ label, word: normalizeText(w) })))
    .filter((e) => e.word !== '');
  return {
    async checkText(text) {
      const folded = normalizeText(text);
      const hit = list.find((e) => folded.includes(e.word));
      return hit ? { safe: false, label: hit.label } : { safe: true };
    },
    async checkImage(file) {
      return { traceId: `local-${randomUUID()}`, verdict: await localImageVerdict(readImage, file.fileId) };
    },
  };
}

/** msgSecCheck v2 labels, named as the local list names its categories. */
const WECHAT_LABELS: Record<number, string> = {
  10001: 'ads',
  20001: 'politics',
  20002: 'porn',
  20003: 'abuse',
  20006: 'crime',
  20008: 'fraud',
  20012: 'vulgar',
  20013: 'copyright',
  21000: 'other',
};

/** The slice of wx-server-sdk's `cloud.openapi` the production check calls. */
export interface MsgSecCheckApi {
  security: {
    msgSecCheck(params: { openid: string; scene: number; version: 2; content: string }): Promise<{ result?: { suggest?: string; label?: number } }>;
    /** Images: `mediaType` 2, at most 10 MB; the verdict comes later as a `wxa_media_check` event. */
    mediaCheckAsync(params: { mediaUrl: string; mediaType: 2; version: 2; scene: number; openid: string }): Promise<{ traceId?: string; errCode?: number }>;
  };
}

/** WeChat's 61010: the person has not opened the mini-program in the last two hours. */
const inactiveOr = (e: unknown): unknown =>
  (e as { errCode?: number })?.errCode === 61010 ? Object.assign(new Error('content check: the person has not opened the mini-program lately'), { code: OPENID_INACTIVE }) : e;

/** msgSecCheck takes at most 2,500 characters per call. */
const CHUNK = 2500;

/**
 * Production: `security.msgSecCheck` v2 (needs the caller's OPENID, who must have opened the
 * mini-program in the last two hours). Anything but `suggest: 'pass'` is unsafe. Scene 3 is
 * 论坛 (public posts): what residents write here is read by their neighbours.
 * An error from WeChat is thrown, not passed: an unchecked text is never published.
 * Images: `security.mediaCheckAsync` v2 with the file's temporary URL; it answers a `traceId` and
 * the verdict arrives later as a `wxa_media_check` event (cloudfunctions/mediacheck).
 */
export function msgSecCheck(openapi: MsgSecCheckApi, scene = 3): ContentCheckPort {
  return {
    async checkText(text, openid) {
      const chars = [...text];
      if (text.trim() === '') return { safe: true };
      for (let i = 0; i < chars.length; i += CHUNK) {
        const content = chars.slice(i, i + CHUNK).join('');
        let res: Awaited<ReturnType<MsgSecCheckApi['security']['msgSecCheck']>>;
        try {
          res = await openapi.security.msgSecCheck({ openid, scene, version: 2, content });
        } catch (e) {
          // 87014: the v1-style "risky content" answer some accounts still get.
          if ((e as { errCode?: number })?.errCode === 87014) return { safe: false, label: 'other' };
          throw inactiveOr(e);
        }
        const suggest = res?.result?.suggest;
        if (suggest !== 'pass') {
          const label = res?.result?.label;
          return { safe: false, label: (label !== undefined && WECHAT_LABELS[label]) || (label !== undefined ? String(label) : 'other') };
        }
      }
      return { safe: true };
    },
    async checkImage(file, openid) {
      const res = await openapi.security.mediaCheckAsync({ mediaUrl: file.url, mediaType: 2, version: 2, scene, openid }).catch((e: unknown) => {
        throw inactiveOr(e);
      });
      // No trace id, no verdict to wait for: the image is not published unchecked.
      if (!res?.traceId) throw new Error(`mediaCheckAsync gave no traceId (${res?.errCode ?? 'none'})`);
      return { traceId: res.traceId };
    },
  };
}
