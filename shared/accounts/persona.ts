import type { User } from './accounts.schema';
import { ROLE_LABELS, type Role } from './roles';

/** What the demo says about a persona beyond the data: an age, and what to try as them. */
export interface PersonaNote {
  about?: string;
  purpose: string;
}

/**
 * Who a demo persona is, in one line built from their data: `在职党员 · 双报到 · 市供电公司`,
 * `网格长 · 幸福里第一网格`, `居民 · 72 岁 · 长辈版`. Roles first (an in-service party member is
 * named as such rather than as a volunteer), then the demo's note, 长辈版, and where a role is held.
 */
export function personaSummary(facts: { user: Pick<User, 'largeText' | 'volunteer'>; roles: readonly { role: Role; nodeName: string }[]; note?: PersonaNote }): string {
  const inService = Boolean(facts.user.volunteer?.inService);
  const labels = [...new Set(facts.roles.map((r) => (r.role === 'volunteer' && inService ? '在职党员 · 双报到' : ROLE_LABELS[r.role])))];
  const parts = labels.length ? labels : [ROLE_LABELS.resident];
  if (inService && facts.user.volunteer?.workUnit) parts.push(facts.user.volunteer.workUnit);
  if (facts.note?.about) parts.push(facts.note.about);
  if (facts.user.largeText) parts.push('长辈版');
  const place = facts.roles.find((r) => r.nodeName)?.nodeName;
  if (place && !inService) parts.push(place);
  return parts.join(' · ');
}
