import { ok, type Result } from '../../shared/api/envelope';
import { SERVICE_SOURCE_LABELS, type RecordsInput, type RecordsOutput } from '../../shared/dashboard/dashboard.schema';
import type { ServiceEntry } from '../../shared/service/entry';
import type { Doc, Filter, Store } from '../_core/ports/store';
import type { Place } from './steps';

type EntryDoc = ServiceEntry & Doc;

/**
 * The filter of an hours figure: exactly the entries its rollup counts are made of
 * (`serviceCounts`): verified (a hand entry is verified once approved) and with hours to count.
 */
const COUNTED: Filter = { verified: true, hours: { $gt: 0 } };

/**
 * The verified service entries behind an hours figure of a place in some months (the period's, or
 * one of them), optionally of one source, one work unit (its key) and one child place: the page and
 * its count side by side on the place-and-month index, then one read of the page's volunteers' names.
 */
export async function hoursRecords(store: Store, place: Place, months: readonly string[], input: RecordsInput): Promise<Result<RecordsOutput>> {
  const filter: Filter = { [place.key]: place.scopeId, month: { $in: [...months] }, ...COUNTED };
  if (input.source) filter.source = input.source;
  if (input.unitKey) filter.unitKey = input.unitKey;
  if (input.childId && place.childKey) filter[place.childKey] = input.childId;
  const [rows, total] = await Promise.all([
    store.find<EntryDoc>('service_records', filter, {
      sort: [
        [place.key, 1],
        ['month', -1],
        ['at', -1],
      ],
      skip: input.offset,
      limit: input.limit,
    }),
    store.count('service_records', filter),
  ]);
  const ids = [...new Set(rows.map((r) => r.volunteerId))];
  const users = ids.length ? await store.find<Doc & { name: string }>('users', { _id: { $in: ids } }, { limit: ids.length }) : [];
  const names = new Map(users.map((u) => [u._id, u.name]));
  const unit = input.unitKey ? rows.find((r) => r.workUnit)?.workUnit : undefined;
  return ok({
    title: unit ? `「${unit}」在职党员的服务时长` : input.source ? `${SERVICE_SOURCE_LABELS[input.source]}的服务时长` : input.unitKey ? '这个单位在职党员的服务时长' : '服务时长',
    kind: 'hours',
    total,
    orders: [],
    entries: rows.map((r) => ({
      id: r._id,
      source: r.source,
      sourceLabel: SERVICE_SOURCE_LABELS[r.source],
      volunteer: names.get(r.volunteerId) ?? '（已注销）',
      workUnit: r.workUnit ?? null,
      hours: r.hours,
      at: r.at,
    })),
  });
}
