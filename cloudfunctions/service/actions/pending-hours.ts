import { serviceApi } from '../../../shared/service/service.contract';
import { ok } from '../../../shared/api/envelope';
import { hoursThatFit } from '../../../shared/service/record';
import { authorizeService } from '../../../shared/service/service.policy';
import { toEntryView } from '../../../shared/service/service.view';
import { defineAction } from '../../_core/pipeline';
import { approvedHours, type EntryDoc, type UserDoc } from '../steps';
import { loadNodeOf } from '../../_core/nodes';
import { COMMUNITY_KINDS } from '../../../shared/territory/territory.domain';

/** 时长审核: a community's hand-entered hours waiting for review, each with what still fits the month's cap. */
export const pendingHours = defineAction(serviceApi.pendingHours, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.communityId, 'payload.communityId', COMMUNITY_KINDS),
  authorize: (actor, _input, place) => authorizeService(actor, { action: 'pendingHours', place }),
  run: async (ctx, input, _actor, node) => {
    const filter = { source: 'manual', status: 'pending', communityId: node._id };
    const rows = await ctx.ports.store.find<EntryDoc>('service_records', filter, {
      sort: [
        ['source', 1],
        ['status', 1],
        ['communityId', 1],
        ['at', 1],
      ],
      skip: input.offset,
      limit: input.limit,
    });
    const users = rows.length ? await ctx.ports.store.find<UserDoc>('users', { _id: { $in: [...new Set(rows.map((r) => r.volunteerId))] } }, { limit: 50 }) : [];
    const names = new Map(users.map((u) => [u._id, u.name]));
    // One read per volunteer and month, however many of their entries wait.
    const approved = new Map<string, Promise<number>>();
    const approvedOf = (r: EntryDoc) => {
      const key = `${r.volunteerId}|${r.month}`;
      if (!approved.has(key)) approved.set(key, approvedHours(ctx, r.volunteerId, r.month));
      return approved.get(key)!;
    };
    const entries = await Promise.all(
      rows.map(async (r) => {
        const approvedThisMonth = await approvedOf(r);
        return {
          ...toEntryView(r),
          volunteerId: r.volunteerId,
          volunteerName: names.get(r.volunteerId) ?? '',
          approvedThisMonth,
          fitsHours: hoursThatFit(approvedThisMonth, r.hours),
        };
      }),
    );
    return ok({ entries, total: await ctx.ports.store.count('service_records', filter) });
  },
});
