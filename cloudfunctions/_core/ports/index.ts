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
  template: string;
  title: string;
  body: string;
  /** Page the message opens. */
  page?: string;
  data?: Record<string, string>;
  /** The `outbox` row that keeps it, when a sender delivers a row written with its change. */
  outboxId?: string;
}

/**
 * Delivers a notification: a subscribe message (wx-server-sdk) in production; locally, recorded as
 * delivered. The `outbox` rows are written with the change and delivered through this port
 * (`_core/outbox.ts`). A result of `delivered: false` is a refusal; a throw is an unknown outcome.
 */
export interface NotifierPort {
  send(n: Notification, recipientOpenid: string): Promise<{ delivered: boolean; reason?: string }>;
}

/** msgSecCheck in production; a word list locally. */
export interface ContentCheckPort {
  checkText(text: string, openid: string): Promise<{ safe: boolean; label?: string }>;
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
