import type { ContentCheckPort } from '../ports';
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

/** Local: a word list. `label` is the category, as WeChat's check names it. */
export function wordListContentCheck(phrases: Readonly<Record<string, readonly string[]>> = BLOCKED_PHRASES): ContentCheckPort {
  const list = Object.entries(phrases)
    .flatMap(([label, words]) => words.map((w) => ({ label, word: normalizeText(w) })))
    .filter((e) => e.word !== '');
  return {
    async checkText(text) {
      const folded = normalizeText(text);
      const hit = list.find((e) => folded.includes(e.word));
      return hit ? { safe: false, label: hit.label } : { safe: true };
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
  };
}

/** msgSecCheck takes at most 2,500 characters per call. */
const CHUNK = 2500;

/**
 * Production: `security.msgSecCheck` v2 (needs the caller's OPENID, who must have opened the
 * mini-program in the last two hours). Anything but `suggest: 'pass'` is unsafe. Scene 3 is
 * 论坛 (public posts): what residents write here is read by their neighbours.
 * An error from WeChat is thrown, not passed: an unchecked text is never published.
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
          throw e;
        }
        const suggest = res?.result?.suggest;
        if (suggest !== 'pass') {
          const label = res?.result?.label;
          return { safe: false, label: (label !== undefined && WECHAT_LABELS[label]) || (label !== undefined ? String(label) : 'other') };
        }
      }
      return { safe: true };
    },
  };
}
