import type { User } from '../../../shared/accounts/accounts.schema';
import { maskPhone } from '../../../shared/accounts/mask';
import { LEADER_ROLES } from '../../../shared/accounts/roles';
import { opensAt } from '../../../shared/accounts/scopes';
import { nearestRoleOver } from '../../../shared/privacy/reveal-words';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { breadcrumb } from '../../../shared/territory/territory.domain';
import { loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';

/**
 * 代办: who a leader is about to post for — name, masked phone and registered home. The same rule as
 * the 代办 offer on a scanned personal code and in the member list: a resident whose home lies in a
 * place the caller leads. An unknown id answers the same as a resident of another place.
 */
export const proxyFor = defineAction(ordersApi.proxyFor, {
  load: async (ctx, input) => ok(await ctx.ports.store.get<User & Doc>('users', input.userId)),
  authorize: (caller, _input, user) => (user?.home && opensAt(caller, 'proxy', user.home.path) ? { allow: true } : { allow: false, code: 'ORDER.NOT_A_RESIDENT_OF_PLACE' }),
  run: async (ctx, _input, caller, user) => {
    const home = user!.home!;
    // The room in full is an address reveal: on the person's list (谁查看了我的信息) and the street's log.
    if (home.room && user!._id !== caller.user._id) {
      const role = nearestRoleOver(caller.memberships, home.path, LEADER_ROLES);
      await ctx.audit({
        subjectId: user!._id,
        detail: { reveal: 'address', role },
        reveal: { personId: user!._id, streetId: home.path.streetId, kind: 'address', as: 'leader', orderId: null },
      });
    }
    const nodes = await loadNodes(
      ctx.ports.store,
      Object.values(home.path).filter((x): x is string => Boolean(x)),
    );
    return ok({
      resident: {
        userId: user!._id,
        name: user!.name,
        phoneMasked: maskPhone(user!.phone) ?? null,
        home: { buildingId: home.buildingId, label: breadcrumb(home.path, nodes).join(' › '), room: home.room },
      },
    });
  },
});
