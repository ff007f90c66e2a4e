import { fail, ok } from '../../../shared/api/envelope';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { AUTO_SOURCE_LABELS } from '../../../shared/liuyou/template';
import { listAuto } from '../autofill';
import { checkAction } from '../check-steps';

/** The records behind an automatic item's figure (volunteers, meetings, orders, duty…), of the check's place and period, as counted. */
export const autoRecords = checkAction(liuyouApi.autoRecords, 'get', async (ctx, input, _caller, { check }) => {
  const item = check.items.find((i) => i.id === input.itemId);
  if (!item) return fail('LIUYOU.ITEM_NOT_FOUND', 'payload.itemId');
  if (!item.auto) return fail('LIUYOU.ITEM_MANUAL', 'payload.itemId');
  // The records as they stood when the figure was counted (frozen at submission), so the list explains the number shown.
  const page = await listAuto(
    ctx.ports.store,
    { streetId: check.path.streetId, communityId: check.communityId },
    check.period,
    item.auto,
    { offset: input.offset, limit: input.limit },
    item.autoAt ?? ctx.now,
  );
  return ok({
    itemId: item.id,
    label: AUTO_SOURCE_LABELS[item.auto].label,
    value: item.value,
    unit: item.unit,
    frozen: check.frozenAt !== null,
    rows: page.rows,
    total: page.total,
    offset: input.offset,
    limit: input.limit,
  });
});
