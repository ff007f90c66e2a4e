import { ok } from '../../../shared/api/envelope';
import { privacyApi } from '../../../shared/privacy/privacy.contract';
import { loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { soleAdminPlaces } from '../erase';
import { openOrdersOf, previewOf } from '../preview';

/** Before 注销账号: the caller's own open orders and roles, what goes and what stays, and whether it is blocked. */
export const deletePreview = defineAction(privacyApi.deletePreview, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor) => {
    const [open, sole, nodes] = await Promise.all([
      openOrdersOf(ctx.ports.store, actor.user._id),
      soleAdminPlaces(ctx.ports, actor.memberships),
      loadNodes(
        ctx.ports.store,
        actor.memberships.map((m) => m.nodeId),
      ),
    ]);
    return ok(previewOf(open, actor.memberships, (id) => nodes.get(id)?.name ?? id, sole));
  },
});
