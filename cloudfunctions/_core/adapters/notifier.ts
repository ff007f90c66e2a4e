import {
  fillTemplate,
  miniprogramStateOf,
  templateEnvName,
  type MiniprogramState,
  type NoticeFacts,
  type SubscribePayload,
  type TemplateKey,
} from '../../../shared/notices/templates';
import type { ClockPort, IdsPort, Notification, NotifierPort } from '../ports';
import type { Doc, Store } from '../ports/store';

/**
 * Notifications leave the system as short texts. Neither adapter may carry a phone number or an
 * address: the outbox is readable by anyone running the demo, and subscribe messages show on lock
 * screens. Phone-like digit runs are masked as a last line of defence; addresses are the callers'
 * responsibility (they pass place names, never a household's address).
 */
const PHONE_RE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;

export function maskPhones(text: string): string {
  return text.replace(PHONE_RE, (m) => m.replace(/\d/g, '*'));
}

function clean(n: Notification): Notification {
  const facts = n.facts && (Object.fromEntries(Object.entries(n.facts).map(([k, v]) => [k, typeof v === 'string' ? maskPhones(v) : v])) as NoticeFacts);
  return { ...n, title: maskPhones(n.title), body: maskPhones(n.body), ...(facts ? { facts } : {}) };
}

/**
 * The document the local notifier writes and the demo UI lists: the notification's texts and, in
 * `wx`, exactly the subscribe message production sends for it (filled and checked when the row is
 * written; null, with `wxProblems`, when the notice broke WeChat's rules — then it is never sent).
 */
export interface OutboxDoc {
  _id: string;
  recipientId: string;
  recipientOpenid?: string;
  template: TemplateKey;
  title: string;
  body: string;
  page: string | null;
  wx: SubscribePayload | null;
  wxProblems?: string[];
  createdAt: string;
}

/** A notification as the `outbox` keeps it (the 消息 page's row): phone-like runs masked, its subscribe message filled. */
export function outboxDocOf(id: string, n: Notification, recipientOpenid: string, at: string): OutboxDoc {
  const c = clean(n);
  const filled = fillTemplate(c, at);
  return {
    _id: id,
    recipientId: n.recipientId,
    ...(recipientOpenid ? { recipientOpenid } : {}),
    template: n.template,
    title: c.title,
    body: c.body,
    page: n.page ?? null,
    wx: filled.ok ? filled.payload : null,
    ...(filled.ok ? {} : { wxProblems: filled.problems.map((p) => `${p.key}: ${p.problem}`) }),
    createdAt: at,
  };
}

/** What the local notifier delivered: the local stand-in for a phone. */
export interface LocalDelivery {
  outboxId: string | null;
  recipientId: string;
  recipientOpenid: string;
  template: string;
  title: string;
  at: string;
}

/** The local notifier, with what it delivered and a hook to make sends die. */
export interface LocalNotifier extends NotifierPort {
  /** Deliveries in order (the latest 1,000). */
  readonly delivered: readonly LocalDelivery[];
  /**
   * The next `times` sends die before anything is delivered: they throw, as a function stopped
   * between its commit and the delivery would leave it. Tests and demos of the outbox use it.
   */
  interrupt(times?: number): void;
}

const KEEP_DELIVERIES = 1000;

/**
 * Local: every notification lands in the `outbox` collection, delivered by definition. One already
 * kept there (its row written with the change that caused it, `n.outboxId`) is only recorded as
 * delivered; one sent directly is written there first.
 */
export function outboxNotifier(store: Store, ids: IdsPort, clock: ClockPort): LocalNotifier {
  const delivered: LocalDelivery[] = [];
  let dying = 0;
  return {
    delivered,
    interrupt(times = 1) {
      dying += times;
    },
    async send(n, recipientOpenid) {
      if (dying > 0) {
        dying--;
        throw new Error('local notifier: send interrupted');
      }
      if (!n.outboxId) {
        const doc = outboxDocOf(ids.id('msg'), n, recipientOpenid, clock.now());
        const res = await store.insert('outbox', doc as OutboxDoc & Doc);
        if (!res.ok) return { delivered: false, reason: 'duplicate' };
      }
      delivered.push({ outboxId: n.outboxId ?? null, recipientId: n.recipientId, recipientOpenid, template: n.template, title: n.title, at: clock.now() });
      if (delivered.length > KEEP_DELIVERIES) delivered.splice(0, delivered.length - KEEP_DELIVERIES);
      return { delivered: true };
    },
  };
}

/** The slice of wx-server-sdk's `cloud.openapi` the production notifier calls. */
export interface SubscribeMessageApi {
  subscribeMessage: {
    send(params: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; miniprogramState: MiniprogramState }): Promise<unknown>;
  };
}

/**
 * Production: a subscribe message (订阅消息). The template id comes from the environment variable
 * `HONGLIN_TEMPLATE_<KEY>` (per CloudBase environment, set by the deploy) and `miniprogramState` from
 * `HONGLIN_MINIPROGRAM_STATE` (formal when absent). The data is the payload filled when the outbox
 * row was written (`n.wx`), or filled now for a notification sent directly; one that breaks WeChat's
 * rules is not sent. A missing template or a refusal by WeChat (the user did not subscribe) is
 * `delivered: false`, not an error: a notification never undoes the change that caused it.
 */
export function subscribeMessageNotifier(openapi: SubscribeMessageApi, env: Record<string, string | undefined>): NotifierPort {
  return {
    async send(n, recipientOpenid) {
      let miniprogramState: MiniprogramState;
      try {
        miniprogramState = miniprogramStateOf(env.HONGLIN_MINIPROGRAM_STATE);
      } catch {
        return { delivered: false, reason: 'invalid HONGLIN_MINIPROGRAM_STATE' };
      }
      const templateId = env[templateEnvName(n.template)];
      if (!templateId) return { delivered: false, reason: `no template configured (${templateEnvName(n.template)})` };
      let payload = n.wx;
      if (payload === undefined) {
        const filled = fillTemplate(clean(n), new Date().toISOString());
        payload = filled.ok ? filled.payload : null;
      }
      if (!payload) return { delivered: false, reason: 'invalid template data' };
      try {
        await openapi.subscribeMessage.send({ touser: recipientOpenid, templateId, miniprogramState, ...payload });
        return { delivered: true };
      } catch (e) {
        // Only the code: WeChat's message may quote the request.
        const code = (e as { errCode?: unknown })?.errCode;
        return { delivered: false, reason: `wechat refused (${typeof code === 'number' || typeof code === 'string' ? code : 'error'})` };
      }
    },
  };
}

/**
 * Production: the subscribe message, and a copy in the `outbox` collection that the 消息 page lists
 * (a subscribe message is one-shot and may be refused; the record of what happened stays).
 */
export function inboxAndSubscribe(inbox: NotifierPort, subscribe: NotifierPort): NotifierPort {
  return {
    async send(n, recipientOpenid) {
      // Like the subscribe message, the copy never undoes the change that caused it. A notification
      // from the outbox (`outboxId`) is its own copy already.
      if (!n.outboxId) await inbox.send(n, recipientOpenid).catch(() => undefined);
      return subscribe.send(n, recipientOpenid);
    },
  };
}
