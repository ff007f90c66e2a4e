import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { personaSummary, type PersonaNote } from '../../../shared/accounts/persona';
import { ROLE_LABELS } from '../../../shared/accounts/roles';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import type { MembershipDoc, UserDoc } from '../steps';

/** Local demo only: the personas the switcher offers. */
export const personas = defineAction(accountsApi.personas, {
  authorize: (actor) => authorizeAccounts(actor, { action: 'personas' }),
  run: async (ctx) => {
    const meta = await ctx.ports.store.get<Doc & { openids: string[]; notes?: Record<string, PersonaNote> }>('meta', 'personas');
    const openids = meta?.openids ?? [];
    const users = openids.length ? await ctx.ports.store.find<UserDoc>('users', { openid: { $in: openids } }, { limit: openids.length }) : [];
    const memberships = users.length ? await ctx.ports.store.find<MembershipDoc>('memberships', { userId: { $in: users.map((u) => u._id) } }, { limit: 1000 }) : [];
    const nodes = await loadNodes(
      ctx.ports.store,
      memberships.map((m) => m.nodeId),
    );
    const byOpenid = new Map(users.map((u) => [u.openid, u]));
    return ok({
      personas: openids.flatMap((openid) => {
        const u = byOpenid.get(openid);
        if (!u) return [];
        const held = memberships.filter((m) => m.userId === u._id);
        const labels = held.map((m) => ROLE_LABELS[m.role]);
        const note = meta?.notes?.[openid];
        const summary = personaSummary({ user: u, roles: held.map((m) => ({ role: m.role, nodeName: nodes.get(m.nodeId)?.name ?? '' })), ...(note ? { note } : {}) });
        return [{ openid, name: u.name, roleLabels: labels.length ? [...new Set(labels)] : [ROLE_LABELS.resident], summary, purpose: note?.purpose ?? '' }];
      }),
    });
  },
});
