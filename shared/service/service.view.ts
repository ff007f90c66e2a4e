import { closeWordsOf, confirmationOf, type Duty } from '../stations/duty.lifecycle';
import type { ServiceEntry } from './entry';
import { SOURCE_LABELS } from './record';

/** What an entry needs to know of its duty, to say 自动签退 in the duty list's words. */
export type DutyFacts = Pick<Duty, 'status' | 'planned' | 'checkOutAt' | 'closeReason' | 'shiftEndAt' | 'confirmation' | 'confirmNote'>;

/** An entry as the record shows it; a duty entry with its station's name and what is known of its duty. */
export function toEntryView(e: ServiceEntry, duty?: { facts: DutyFacts | undefined; stationName: string }) {
  const facts = duty?.facts;
  const autoClosed = e.source === 'duty' && (e.closedBy === 'auto' || facts?.status === 'autoClosed');
  const dutyNote = () => {
    const where = duty?.stationName ? `${duty.stationName} 值班` : '站点值班';
    return autoClosed ? `${where} · 自动签退：${closeWordsOf(facts)}` : where;
  };
  const note = e.source === 'manual' ? `${e.date ?? ''} ${e.description ?? ''}`.trim() : e.source === 'order' ? '办结事项' : dutyNote();
  const reviewNote = (e.source === 'manual' ? e.reviewNote : e.source === 'duty' ? (e.confirmNote ?? facts?.confirmNote) : undefined) || null;
  return {
    id: e._id,
    source: e.source,
    sourceLabel: SOURCE_LABELS[e.source],
    hours: e.hours,
    points: e.points,
    verified: e.verified,
    status: e.source === 'manual' ? (e.status ?? null) : null,
    at: e.at,
    note,
    requestedHours: (e.source === 'manual' ? e.requestedHours : undefined) ?? null,
    reviewNote,
    autoClosed,
    confirmation: e.source === 'duty' ? confirmationOf(facts) : ('none' as const),
  };
}
