import { stableHash } from '../kernel/hash';
import { registerRollupRule, type Contribution } from '../kernel/rollup';
import type { ServiceEntry } from './entry';

/** A work unit's key in the rollups (`u_<key>`): a short hash of its name, lowercase hex. */
export const unitKeyOf = (workUnit: string): string => stableHash(workUnit.trim());

/**
 * What one service-record entry (`service_records`) adds to the service rollups (`rollups`, kind
 * `service`): one document per place — the entry's street, community (or settlement) and grid, as
 * many as it names — and per month of the entry (a hand entry's month is that of its date).
 *
 * Counts, in hundredths of an hour (whole numbers add up exactly): `h_order`, `h_duty`, `h_manual`
 * — the verified hours of each source; `u_<key>` — the same hours again under the in-service party
 * member's work unit (双报到), the unit's name in `labels.u_<key>`. Only verified hours count: a duty
 * awaiting a leader's confirmation does not, nor a hand entry until approved (in part: what was
 * approved). Older entries count where they name a place (their community) and for no unit.
 */
export type RolledEntry = Pick<ServiceEntry, 'source' | 'verified' | 'hours' | 'month' | 'streetId' | 'communityId' | 'gridId' | 'workUnit' | 'unitKey'> & {
  status?: string;
};

export const SERVICE_ROLLUP_KIND = 'service';

export const serviceRollupId = (nodeId: string, month: string) => `${SERVICE_ROLLUP_KIND}:${nodeId}:${month}`;

/** Hours → hundredths of an hour, the unit the rollups count in. */
export const hundredths = (hours: number): number => Math.round(hours * 100);

/** Whether an entry's hours count: verified, and a hand entry only once approved. */
export const countsAsVerified = (e: Pick<RolledEntry, 'source' | 'verified' | 'status'>): boolean => e.verified && (e.source !== 'manual' || e.status === 'approved');

/** The counts and unit label one entry adds to each of its places' rollups; none when it counts nowhere. */
export function serviceCounts(e: RolledEntry): { counts: Record<string, number>; labels?: Record<string, string> } | null {
  if (!countsAsVerified(e)) return null;
  const h = hundredths(e.hours);
  if (h === 0) return null;
  const counts: Record<string, number> = { [`h_${e.source}`]: h };
  if (!e.workUnit) return { counts };
  const key = `u_${e.unitKey || unitKeyOf(e.workUnit)}`;
  counts[key] = h;
  return { counts, labels: { [key]: e.workUnit } };
}

/** The rollup documents an entry counts in: its street, community and grid, in its month. */
export function serviceContributions(e: RolledEntry): Contribution[] {
  const c = serviceCounts(e);
  if (!c) return [];
  const at = (level: 'street' | 'community' | 'grid', nodeId: string | undefined, parentId: string | null): Contribution[] =>
    nodeId ? [{ id: serviceRollupId(nodeId, e.month), init: { kind: SERVICE_ROLLUP_KIND, level, nodeId, parentId, month: e.month }, ...c }] : [];
  return [...at('street', e.streetId, null), ...at('community', e.communityId, e.streetId ?? null), ...at('grid', e.gridId, e.communityId ?? null)];
}

registerRollupRule('service_records', serviceContributions);
