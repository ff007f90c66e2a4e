import { ok } from '../../../shared/api/envelope';
import { heldByDesk } from '../../../shared/orders/desk';
import { ordersApi } from '../../../shared/orders/orders.contract';
import type { Doc } from '../../_core/ports/store';
import { deskStaffIds } from '../first-owner';
import type { OrderDoc } from '../order-store';
import { orderAction } from '../steps';

/**
 * 派给同事: the staff (物业客服) of the order's desk, for one of them who may take it now. Authorized
 * exactly as deskAccept (anyone else gets what a missing order gets). Names only, never a phone; with
 * how many of this desk's orders each has in hand (处理中), the least busy first after the caller.
 * One query for the desk's staff, then their names and their orders together.
 */
export const deskStaff = orderAction(ordersApi.deskStaff, 'deskAccept', async (ctx, _input, caller, { order }) => {
  const compoundId = order.desk!.compoundId;
  const ids = await deskStaffIds(ctx.ports.store, compoundId);
  const [users, held] = ids.length
    ? await Promise.all([
        ctx.ports.store.find<Doc & { name?: string }>('users', { _id: { $in: ids } }, { limit: ids.length }),
        // The assignee index: the orders these people have in hand now.
        ctx.ports.store.find<OrderDoc>('orders', { assigneeId: { $in: ids }, state: 'accepted' }, { limit: 1000 }),
      ])
    : [[], []];
  const holding = new Map<string, number>();
  for (const o of held) if (o.assigneeId && heldByDesk(o) && o.desk!.compoundId === compoundId) holding.set(o.assigneeId, (holding.get(o.assigneeId) ?? 0) + 1);
  const me = caller.user._id;
  const items = users
    // Someone who has not filled in a name yet is still on the desk: they are named by what they are.
    .map((u) => ({ id: u._id, name: u.name || '未填姓名的同事', holding: holding.get(u._id) ?? 0, isMe: u._id === me }))
    .sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.holding - b.holding || a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
  return ok({ items });
});
