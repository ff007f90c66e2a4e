import type { NoticeFacts, SubscribePayload, TemplateKey } from '../../../shared/notices/templates';
import type { Store } from './store';

export type { Store } from './store';

/** Who is calling. Production: the OPENID WeChat puts in the cloud context. Locally: a demo persona. */
export interface IdentityPort {
  /** The caller's OPENID, or null when there is none (an unauthenticated call). */
  openid(event: unknown, context: unknown): string | null;
  /** Local mode serves local-only actions (persona list, moving the clock). */
  readonly local: boolean;
}

export interface ClockPort {
  /** Now, as an ISO-8601 instant. */
  now(): string;
}

export interface IdsPort {
  /** A new unique document id. */
  id(prefix: string): string;
  /** n random integers for codes. */
  randomInts(n: number): number[];
}

export interface Notification {
  recipientId: string;
  /** Template key, e.g. `invite.redeemed`; production maps it to a subscribe-message template id. */
  template: TemplateKey;
  title: string;
  body: string;
  /** Page the message opens. */
  page?: string;
  /** What the template's fields say besides the title and body (shared/notices/templates.ts). */
  facts?: NoticeFacts;
  /** The `outbox` row that keeps it, when a sender delivers a row written with its change. */
  outboxId?: string;
  /** The subscribe message filled when the row was written (null: it broke WeChat's rules); a row's sender passes it. */
  wx?: SubscribePayload | null;
}

/**
 * Delivers a notification: a subscribe message (wx-server-sdk) in production; locally, recorded as
 * delivered. The `outbox` rows are written with the change and delivered through this port
 * (`_core/outbox.ts`). A result of `delivered: false` is a refusal; a throw is an unknown outcome.
 */
export interface NotifierPort {
  send(n: Notification, recipientOpenid: string): Promise<{ delivered: boolean; reason?: string }>;
}

/** What the check of an image said: `risky` hides it, `pass` and `review` leave it shown. */
export interface MediaVerdict {
  suggest: 'risky' | 'pass' | 'review';
  label?: string;
}

/**
 * What a content check throws (as `code`) when WeChat cannot check for this person now: its checks
 * need the person to have opened the mini-program in the last two hours (errcode 61010), which a
 * leader working on the PC (扫码登录) may not have. The call answers COMMON.OPEN_APP_FIRST.
 */
export const OPENID_INACTIVE = 'OPENID_INACTIVE';

/** msgSecCheck and mediaCheckAsync in production; a word list and a marker in the image locally. */
export interface ContentCheckPort {
  checkText(text: string, openid: string): Promise<{ safe: boolean; label?: string }>;
  /**
   * Starts the check of a stored image (its temporary URL). Production answers with WeChat's
   * `traceId` only: the verdict comes later, as a `wxa_media_check` event to the mediacheck
   * function. Locally the verdict comes at once; either way it goes through the same hide path.
   */
  checkImage(file: { fileId: string; url: string }, openid: string): Promise<{ traceId: string; verdict?: MediaVerdict }>;
}

/**
 * Signs and verifies short payloads that must fit a mini-program code's 32-character `scene`.
 * Production adds `wxacode.getUnlimited` images; locally, QR images from the `qrcode` library.
 */
export interface QrSignerPort {
  sign(payload: string): string;
  verify(scene: string): { ok: true; payload: string } | { ok: false };
  image(scene: string, page: string): Promise<{ contentType: string; bytes: Uint8Array }>;
}

/** Cloud storage in production; a folder served by the gateway locally. */
export interface FileStoragePort {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<{ fileId: string; url: string }>;
  url(fileId: string): Promise<string>;
  /** Deletes stored files (a file already gone is no failure); the ids it could not delete, with why. */
  remove(fileIds: readonly string[]): Promise<{ failed: { fileId: string; reason: string }[] }>;
}

/** Everything a handler may touch outside pure code. */
export interface Ports {
  store: Store;
  identity: IdentityPort;
  clock: ClockPort;
  ids: IdsPort;
  notifier: NotifierPort;
  contentCheck: ContentCheckPort;
  qr: QrSignerPort;
  files: FileStoragePort;
}
