import type { Membership } from '../accounts/accounts.schema';
import { ROLE_LABELS, type GrantedRole } from '../accounts/roles';
import { addDays, beijingInstant, dateText, beijingDate } from '../kernel/time';
import { isWithin, levelDepth } from '../territory/territory.domain';
import type { NodeKind, PlacePath } from '../territory/territory.schema';
import type { RevealAs } from './privacy.schema';

/** What an assignee is called in the person's own list: the capacity, never the name. */
export const ASSIGNEE_WORDS = '接单志愿者';
/** A reader whose role at the place is no longer known (it was released since). */
export const UNKNOWN_ROLE_WORDS = '工作人员';

/**
 * The role by which a reader sees a place: of the roles they hold over it, the nearest one (a grid
 * leader before the street admin above them). Null when none of `roles` covers the place.
 */
export function nearestRoleOver(
  memberships: readonly Pick<Membership, 'role' | 'nodeId' | 'nodeKind' | 'path'>[],
  path: PlacePath,
  roles: readonly GrantedRole[],
): GrantedRole | null {
  let best: { role: GrantedRole; depth: number } | null = null;
  for (const m of memberships) {
    if (!roles.includes(m.role)) continue;
    const kind = m.nodeKind as NodeKind;
    if (!isWithin(path, { _id: m.nodeId, kind, path: m.path })) continue;
    const depth = levelDepth(kind);
    if (!best || depth > best.depth) best = { role: m.role, depth };
  }
  return best?.role ?? null;
}

/** The role's label, or 工作人员 for a role that is missing or not known. */
export function roleWords(role: string | null | undefined): string {
  return role && Object.prototype.hasOwnProperty.call(ROLE_LABELS, role) ? ROLE_LABELS[role as GrantedRole] : UNKNOWN_ROLE_WORDS;
}

/** The reader's capacity in the street's log: 接单志愿者 for an assignee, else their role's label. */
export function readerRoleWords(as: RevealAs, role: string | null | undefined): string {
  return as === 'assignee' ? ASSIGNEE_WORDS : roleWords(role);
}

/** Who read it, as the person sees it: 「网格长 李建国」 for a leader, 「接单志愿者」 for the order's assignee (no name). */
export function revealerWords(as: RevealAs, role: string | null | undefined, name: string | null | undefined): string {
  if (as === 'assignee') return ASSIGNEE_WORDS;
  const label = roleWords(role);
  return name ? `${label} ${name}` : label;
}

/** 「水电维修 · 12月1日」: the order a reveal was for, by its category and the Beijing day it was posted. */
export function orderWords(order: { category: string; postedAt: string }): string {
  return `${order.category} · ${dateText(beijingDate(order.postedAt), false)}`;
}

/** Is `2026-12-01` a day of the calendar (no 13th month, no 31 February)? */
export function isCalendarDay(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Beijing days, both included, as the instants that bound them: `at >= $gte` and `at < $lt`. */
export function dayRange(from: string | undefined, to: string | undefined): { $gte?: string; $lt?: string } | null {
  if (!from && !to) return null;
  return { ...(from ? { $gte: beijingInstant(from) } : {}), ...(to ? { $lt: beijingInstant(addDays(to, 1)) } : {}) };
}
