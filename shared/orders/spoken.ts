import { assertNever } from '../accounts/invite.machine';
import type { Instant } from '../kernel/time';
import type { OrderView } from './orders.schema';

/**
 * What 朗读 says about an order (长辈版): one or two short spoken sentences, the state and the next
 * step, in the words a neighbour would use. Honest: a time is only ever the one the resident asked
 * for (preferredTime), never a promise the order does not hold. Free text that reaches a sentence
 * (names, the preferred time, the place) loses anything that looks like a phone number first: a
 * phone read aloud in a waiting room is a phone given away.
 */

/** Runs of 7 or more digits (ASCII or full-width), single spaces or dashes allowed between them. */
const PHONE_LIKE = /[0-9０-９](?:[\s\-－]?[0-9０-９]){6,}/g;
/** The same pattern without /g: `test` keeps no state between calls. */
export const HAS_PHONE = new RegExp(PHONE_LIKE.source);

/** Takes out every phone-like run, again until none is left (a removal never joins two runs). */
function withoutPhones(text: string): string {
  let out = text;
  for (let i = 0; i < 10 && HAS_PHONE.test(out); i++) out = out.replace(PHONE_LIKE, '');
  return out;
}

/** Free text fit to speak inside a sentence: no phones, no line breaks, no trailing punctuation. */
function clean(text: string | null | undefined): string {
  return withoutPhones((text ?? '').replace(/\s+/g, ' '))
    .trim()
    .replace(/[。．.，,；;！!？?、\s]+$/u, '')
    .trim();
}

/** `幸福里社区 › 第一网格 › 3号楼` → `幸福里社区3号楼`: the parts a person names a place by. */
export function spokenPlace(label: string): string {
  const parts = label
    .split('›')
    .map((p) => clean(p))
    .filter((p) => p && !/(网格|街道|街道办事处)$/.test(p));
  // Joined parts are cleaned again: two digit runs side by side are one run.
  return clean(parts.slice(-2).join(''));
}

const name = (raw: string | null | undefined, fallback: string) => clean(raw) || fallback;

/** `您希望的时间是：今天下午。` when the resident gave one, else ''. */
function wishedTime(preferredTime: string | null | undefined, who: '您' | '对方'): string {
  const t = clean(preferredTime);
  return t ? `${who}希望的时间是：${t}。` : '';
}

/** The order as the status sentence needs it. */
export type SpokenOrder = Pick<OrderView, 'state' | 'category' | 'assigneeName' | 'preferredTime' | 'closedAs'> & {
  offer?: Pick<NonNullable<OrderView['offer']>, 'volunteerName'> | null;
  /** waiting: who has it (网格, 社区, 街道). */
  levelLabel?: string;
  /** The server's list for the caller: `resolve` means the caller is the one doing it. */
  allowedActions?: readonly string[];
  /** desk: the compound's desk that has it (物业, 单位后勤, 小区党支部). */
  desk?: Pick<NonNullable<OrderView['desk']>, 'name'> | null;
};

/**
 * The order's state and what happens next, said to the resident who asked (您的…). The volunteer
 * who has it in hand hears their own next step instead.
 */
export function spokenStatus(order: SpokenOrder, now: Instant): string {
  void now; // the status needs no clock today; the signature matches spokenOffer for the callers
  const what = order.category;
  const wish = wishedTime(order.preferredTime, '您');
  const state = order.state;
  switch (state) {
    case 'dispatching':
      return `您的${what}已经收到，正在为您找志愿者，请稍等。${wish}`;
    case 'offered': {
      const who = order.offer ? name(order.offer.volunteerName, '') : '';
      return `${who ? `您的${what}已经派给志愿者${who}` : `您的${what}已经派出去了`}，正在等对方确认，请稍等。${wish}`;
    }
    case 'pool':
      return `您的${what}已经发给附近的志愿者，谁有空谁来接，请稍等。${wish}`;
    case 'waiting': {
      const level = clean(order.levelLabel) || '网格';
      return `您的${what}已经交给${level}负责人处理，有进展会通知您。`;
    }
    case 'accepted': {
      if (order.allowedActions?.includes('resolve')) return `这件${what}由您在办，办好了请点“办结”。${wishedTime(order.preferredTime, '对方')}`;
      return `您的${what}已由${name(order.assigneeName, '志愿者')}接单，对方会联系您。${wish}`;
    }
    case 'resolved':
      return `您的${what}已经办好了，请您给个评价。`;
    case 'reopened':
      return `您对这次${what}不太满意，网格长正在复核，会再联系您。`;
    case 'closed':
      if (order.closedAs === 'review') return `您的${what}经网格长复核，已经办结了。`;
      if (order.closedAs === 'unrated') return `您的${what}已经办结了。`;
      return `您的${what}已经办结了，谢谢您的评价。`;
    case 'cancelled':
      return `您的${what}已经撤回了。如果还需要帮忙，可以再报一次。`;
    case 'desk':
      return `您的${what}按小区的责任清单交给${name(order.desk?.name, '物业')}处理，有进展会通知您。`;
    default:
      return assertNever(state);
  }
}

/** An offer as it reaches the home page (expiresAt) or the detail page (offer.expiresAt). */
export type SpokenOfferOrder = Pick<OrderView, 'category' | 'placeLabel'> & {
  preferredTime?: string | null;
  expiresAt?: string | null;
  offer?: Pick<NonNullable<OrderView['offer']>, 'expiresAt'> | null;
};

const MINUTE = 60_000;
/** Offers last minutes; anything past a day is not a countdown worth reading out. */
const DAY_MINUTES = 24 * 60;

/** What a volunteer hears about an order offered to them: what, where, and how long to answer. */
export function spokenOffer(order: SpokenOfferOrder, now: Instant): string {
  const what = order.category;
  const place = spokenPlace(order.placeLabel);
  const where = place ? `，在${place}` : '';
  const wish = wishedTime(order.preferredTime, '对方');
  const expiresAt = order.offer?.expiresAt ?? order.expiresAt ?? null;
  const left = expiresAt ? Date.parse(expiresAt) - (typeof now === 'number' ? now : Date.parse(now)) : Number.NaN;
  if (Number.isNaN(left)) return `有一件${what}派给您${where}，请尽快确认接不接。${wish}`;
  if (left <= 0) return `这件${what}确认的时间已经过了，平台正在改派给别人。`;
  const minutes = Math.max(1, Math.ceil(left / MINUTE));
  if (minutes > DAY_MINUTES) return `有一件${what}派给您${where}，请尽快确认接不接。${wish}`;
  const within = minutes < 60 ? `${minutes}分钟` : minutes % 60 === 0 ? `${minutes / 60}小时` : `${Math.floor(minutes / 60)}小时${minutes % 60}分钟`;
  return `有一件${what}派给您${where}，请在${within}内确认接不接。${wish}`;
}
