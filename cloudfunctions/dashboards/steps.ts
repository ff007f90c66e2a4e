import { opensAt } from '../../shared/accounts/scopes';
import type { Actor, Decision } from '../../shared/accounts/accounts.policy';
import { fail, ok, type Result } from '../../shared/api/envelope';
import { monthsEndingAt, monthsOfPeriod, periodBefore } from '../../shared/dashboard/period';
import { isCommunityLevel, leadLevelOf, LEAD_KINDS, pathKey, scopeIdOf, type LeadLevel } from '../../shared/territory/territory.domain';
import { loadNodeOf, type NodeDoc } from '../_core/nodes';
import type { Store } from '../_core/ports';

/**
 * What every dashboard action shares: the place (a street, a community or settlement, a grid) read
 * by id, the caller's right to its numbers (the `stats` menu at that place), and the months of a
 * period, the one before it and the trend.
 */
export interface Place {
  node: NodeDoc;
  level: LeadLevel;
  /** The id its records are scoped by (`place.path[key]`). */
  scopeId: string;
  key: ReturnType<typeof pathKey>;
  /** The path field of its children (communities of a street, grids of a community); null for a grid. */
  childKey: 'communityId' | 'gridId' | null;
}

export async function loadPlace(store: Store, nodeId: string): Promise<Result<Place>> {
  const found = await loadNodeOf(store, nodeId, 'payload.nodeId', LEAD_KINDS);
  if (!found.ok) return found;
  const node = found.data;
  const level = leadLevelOf(node.kind);
  if (!level) return fail('DASHBOARD.NOT_A_LEAD_PLACE', 'payload.nodeId');
  return ok({ node, level, scopeId: scopeIdOf(node), key: pathKey(node.kind), childKey: node.kind === 'street' ? 'communityId' : isCommunityLevel(node.kind) ? 'gridId' : null });
}

/** A place's numbers are for its leaders (and those above): the `stats` menu at the place. */
export function authorizePlace(actor: Actor, place: Place): Decision {
  return opensAt(actor, 'stats', place.node.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' };
}

export interface PeriodMonths {
  months: string[];
  previousPeriod: string;
  previousMonths: string[];
  /** The 12 months ending with the period's last. */
  trendMonths: string[];
}

export function periodMonths(period: string): PeriodMonths {
  const months = monthsOfPeriod(period);
  const previousPeriod = periodBefore(period);
  return { months, previousPeriod, previousMonths: monthsOfPeriod(previousPeriod), trendMonths: monthsEndingAt(months[months.length - 1]!, 12) };
}
