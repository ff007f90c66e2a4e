import { sessionEndsAt } from '../../shared/accounts/web-login';
import type { WebLoginTicket, WebSessionView } from '../../shared/accounts/web-login.schema';
import type { Store } from '../_core/ports';
import type { Doc } from '../_core/ports/store';
import { WEB_SESSIONS, type WebSessionDoc } from '../_core/web-session';

export { hashOfSecret, WEB_SESSIONS, type WebSessionDoc } from '../_core/web-session';

/** 扫码登录's stored side: the PCs waiting for a scan, and the sessions made from them. */
export const WEB_LOGIN_TICKETS = 'web_login_tickets';

export type TicketDoc = WebLoginTicket & Doc;

/** A person's web sessions, newest first. */
export const sessionsOf = (store: Store, userId: string): Promise<WebSessionDoc[]> =>
  store.find<WebSessionDoc>(
    WEB_SESSIONS,
    { userId },
    {
      sort: [
        ['userId', 1],
        ['createdAt', -1],
      ],
      limit: 50,
    },
  );

/** What the person sees of a session: never its hash. `current` when the call came with this very session. */
export function sessionView(doc: WebSessionDoc, currentId: string | null | undefined): WebSessionView {
  return { id: doc._id, label: doc.label, createdAt: doc.createdAt, lastUsedAt: doc.lastUsedAt, endsAt: sessionEndsAt(doc), current: doc._id === currentId };
}
