import { closeWordsOf, confirmationOf, creditedOf, type Duty } from './duty.lifecycle';
import type { DutyRow } from './duty';
import type { DutyView } from './stations.schema';

/** A duty as the duty list shows it, with the 自动签退 words when the scheduler closed it. */
export function toDutyView(d: Duty, stationName: string): DutyView {
  return {
    id: d._id,
    stationId: d.stationId,
    stationName,
    checkInAt: d.checkInAt,
    checkOutAt: d.checkOutAt,
    status: d.status,
    planned: d.planned,
    late: d.late,
    minutes: d.minutes,
    creditedMinutes: creditedOf(d),
    confirmation: confirmationOf(d),
    autoCloseNote: d.status === 'autoClosed' ? closeWordsOf(d) : null,
  };
}

/** A row of the duty overview (值班总览): the slot or duty, whose it is, what it credited and what the caller may do. */
export function toDutyRowView(row: DutyRow<Duty>, name: string, allowedActions: 'confirmDuty'[]) {
  const d = row.duty;
  return {
    date: row.date,
    userId: row.userId,
    name,
    kind: row.kind,
    slot: row.slot,
    minutes: d?.minutes ?? 0,
    dutyId: d?._id ?? null,
    creditedMinutes: d ? creditedOf(d) : 0,
    confirmation: confirmationOf(d ?? undefined),
    note: d?.status === 'autoClosed' ? closeWordsOf(d) : null,
    allowedActions,
  };
}
