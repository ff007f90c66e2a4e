import * as z from 'zod';
import { Id } from './accounts.schema';

// ---- stored documents -------------------------------------------------------------------------

/**
 * `web_login_tickets/<ticketId>`: one PC waiting to be signed in by a scan (扫码登录). Only the
 * SHA-256 of its secret is kept; the secret is in the answer of `startWebLogin` only.
 */
export interface WebLoginTicket {
  _id: string;
  version: number;
  /** SHA-256 of the ticket's secret, hex: what the PC's poll must match. */
  secretHash: string;
  /** The PC as its browser names it (`Chrome · Windows`), shown on the phone and in the session list. */
  label: string;
  /** pending: waiting for a scan; confirmed: bound to a person, waiting for the PC; consumed: the PC has its session. */
  state: 'pending' | 'confirmed' | 'consumed';
  createdAt: string;
  /** Until then the ticket may be confirmed. */
  expiresAt: string;
  userId: string | null;
  confirmedAt: string | null;
  sessionId: string | null;
}

/** `web_sessions/<sessionId>`: a person signed in on a PC. Only the SHA-256 of its token is kept. */
export interface WebSession {
  _id: string;
  version: number;
  userId: string;
  /** SHA-256 of the token, hex: what a call's `session` is looked up by. */
  hash: string;
  label: string;
  createdAt: string;
  /** The last call, written at most every ten minutes (`TOUCH_EVERY_MS`). */
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Who ended it: the person from the phone's list or from the PC itself. */
  revokedBy: string | null;
}

// ---- inputs -----------------------------------------------------------------------------------

/** The PC's browser user agent, from which a short label is kept (never the whole string). */
export const StartWebLoginInput = z.object({ userAgent: z.string().max(512).optional() }).strict();
/** The scene of the scanned code, as WeChat put it in the page's query: signed, checked by the server. */
export const ConfirmWebLoginInput = z
  .object({
    scene: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/),
  })
  .strict();
export const PollWebLoginInput = z
  .object({
    ticketId: z.string().regex(/^[0-9a-hjkmnp-tv-z]{16}$/),
    secret: z.string().regex(/^hlwlt_[0-9a-hjkmnp-tv-z]{32}$/),
  })
  .strict();
export const ListWebSessionsInput = z.object({}).strict();
export const RevokeWebSessionInput = z.object({ sessionId: Id }).strict();

// ---- outputs ----------------------------------------------------------------------------------

export const StartWebLoginOutput = z.object({
  ticketId: z.string(),
  /** Shown once: what the PC's poll proves it is the PC that asked. */
  secret: z.string().nullable(),
  scene: z.string(),
  /** The mini-program code (`wxacode.getUnlimited`; locally a QR code) as a data URL. */
  imageDataUrl: z.string(),
  expiresAt: z.string(),
});

export const ConfirmWebLoginOutput = z.object({ label: z.string(), confirmedAt: z.string() });

export const WebSessionView = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** When it stops by itself, if nobody ends it before. */
  endsAt: z.string(),
  /** The session this very call came with (the PC looking at its own list). */
  current: z.boolean(),
});
export type WebSessionView = z.infer<typeof WebSessionView>;

export const PollWebLoginOutput = z.object({
  status: z.enum(['pending', 'expired', 'confirmed']),
  /** Shown once, when confirmed: the session token the PC sends with every call. */
  token: z.string().nullable(),
  session: WebSessionView.nullable(),
  /** Who signed in, for the PC's greeting. */
  user: z.object({ name: z.string() }).nullable(),
});

export const ListWebSessionsOutput = z.object({ sessions: z.array(WebSessionView) });
export const RevokeWebSessionOutput = z.object({ session: WebSessionView });
