import { serviceApi } from '../../../shared/service/service.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { awaitsReview, reviewManualEntry, type ManualEntry } from '../../../shared/service/entry';
import { authorizeService } from '../../../shared/service/service.policy';
import { toEntryView } from '../../../shared/service/service.view';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import { approvedHours } from '../steps';

/**
 * Approve or return a hand-entered entry: once only, and within the month's cap. `hours` approves
 * a part (e.g. 4 of 8) with a reason; the entry then credits what was approved and keeps what was
 * entered, and the volunteer reads both and the reason in their record.
 */
export const reviewHours = defineAction(serviceApi.reviewHours, {
  load: async (ctx, input) => {
    const entry = await ctx.ports.store.get<ManualEntry & Doc>('service_records', input.entryId);
    if (!entry || entry.source !== 'manual') return fail('COMMON.NOT_FOUND', 'payload.entryId');
    const place = await ctx.ports.store.get<NodeDoc>('nodes', entry.communityId ?? '');
    return place ? ok({ entry, place }) : fail('COMMON.NOT_FOUND', 'payload.entryId');
  },
  authorize: (actor, _input, { place }) => authorizeService(actor, { action: 'reviewHours', place }),
  run: async (ctx, input, _actor, { entry }) => {
    // The cap is read only for an approval that can still happen.
    const approvedThisMonth = input.approve && awaitsReview(entry) ? await approvedHours(ctx, entry.volunteerId, entry.month) : 0;
    const review = reviewManualEntry(entry, input, approvedThisMonth, ctx.now);
    if (!review.ok) return review;
    const written = await ctx.commit([{ op: 'update', collection: 'service_records', id: entry._id, version: entry.version, patch: { $set: review.data }, was: entry }], {
      subjectId: entry._id,
      detail: { event: input.approve ? 'approveHours' : 'rejectHours', hours: review.data.hours ?? entry.hours, requestedHours: entry.hours },
    });
    // Two admins approving at once: the second finds it already reviewed.
    return written.ok ? ok({ entry: toEntryView({ ...entry, ...review.data }) }) : fail('SERVICE.ALREADY_REVIEWED', 'payload.entryId');
  },
});
