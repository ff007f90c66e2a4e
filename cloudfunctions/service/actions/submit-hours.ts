import { serviceApi } from '../../../shared/service/service.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { beijingDate } from '../../../shared/kernel/time';
import { manualEntry, serviceUnitOf } from '../../../shared/service/entry';
import { authorizeService, reviewingCommunity } from '../../../shared/service/service.policy';
import { toEntryView } from '../../../shared/service/service.view';
import { defineAction } from '../../_core/pipeline';

/**
 * Hand-entered hours wait for the community's approval. The entry keeps the volunteer's place (the
 * grid they serve, within the reviewing community) and their 双报到 work unit, for the dashboards.
 */
export const submitHours = defineAction(serviceApi.submitHours, {
  authorize: (actor) => authorizeService(actor, { action: 'submitHours' }),
  run: async (ctx, input, actor) => {
    if (input.date > beijingDate(ctx.now)) return fail('SERVICE.FUTURE_DATE', 'payload.date');
    const communityId = reviewingCommunity(actor);
    const path = [actor.memberships.find((m) => m.role === 'volunteer')?.path, actor.user.home?.path].find((p) => p?.communityId === communityId);
    const place = { streetId: path?.streetId, communityId, gridId: path?.gridId };
    const entry = manualEntry(ctx.ports.ids.id('man'), actor.user._id, place, input, ctx.now, serviceUnitOf(actor.user.volunteer));
    const written = await ctx.commit([{ op: 'insert', collection: 'service_records', doc: entry }], { subjectId: entry._id, detail: { event: 'submitHours', hours: input.hours } });
    return written.ok ? ok({ entry: toEntryView(entry) }) : written;
  },
});
