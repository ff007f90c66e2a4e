import type { RevealMark } from '../../shared/privacy/privacy.schema';
import type { Doc, Filter, SortSpec, Store } from '../_core/ports/store';

/** An audit entry that records a reveal (`audit.reveal`, written by `ctx.audit({ reveal })`). */
export type RevealAudit = Doc & { at: string; actorId: string | null; detail?: Record<string, unknown>; reveal: RevealMark };

/** A page of reveals under `filter`, newest first, with the total: the two reads at once. `sortPrefix` names the index's equality fields. */
export async function revealsOf(store: Store, filter: Filter, sortPrefix: SortSpec, page: { offset: number; limit: number }): Promise<{ items: RevealAudit[]; total: number }> {
  const [items, total] = await Promise.all([
    store.find<RevealAudit>('audit', filter, { sort: [...sortPrefix, ['at', -1]], skip: page.offset, limit: page.limit }),
    store.count('audit', filter),
  ]);
  return { items, total };
}

/** People's names by id, in one read; an id without a user (deleted) is simply absent. */
export async function namesByUser(store: Store, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (unique.length === 0) return new Map();
  const users = await store.find<Doc & { name: string }>('users', { _id: { $in: unique } }, { limit: unique.length });
  return new Map(users.map((u) => [u._id, u.name]));
}

/** The reader's role at the place when they read it (`detail.role`), or null when the entry does not say. */
export const roleOf = (a: RevealAudit): string | null => (typeof a.detail?.role === 'string' ? a.detail.role : null);
