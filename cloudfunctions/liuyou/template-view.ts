import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import type { z } from 'zod';
import type { TemplatesOutput } from '../../shared/liuyou/liuyou.schema';
import { periodOf } from '../../shared/liuyou/period';
import { DEFAULT_TEMPLATE, PERIOD_KIND_LABELS, type ItemDef, type Template } from '../../shared/liuyou/template';

/** Who may read a street's template: the leaders of the street and of every place in it. */
export const mayReadTemplates = (caller: Caller, streetId: string) =>
  caller.memberships.some((m) => m.path.streetId === streetId && (m.role === 'streetAdmin' || m.role === 'communityAdmin' || m.role === 'gridLeader'));

/** An item's definition as the template states it (also the first fields of a check's item view). */
export const itemDefView = (i: ItemDef) => ({
  id: i.id,
  mechanism: i.mechanism,
  title: i.title,
  hint: i.hint,
  kind: i.kind,
  weight: i.weight,
  evidenceRequired: i.evidenceRequired,
  target: i.target,
  unit: i.unit,
  auto: i.auto,
});

const templateView = (t: Template) => ({
  id: t._id,
  streetId: t.streetId,
  version: t.version,
  name: t.name,
  periodKind: t.periodKind,
  periodKindLabel: PERIOD_KIND_LABELS[t.periodKind],
  thresholds: t.thresholds,
  items: t.items.map(itemDefView),
  note: t.note,
  publishedAt: t.publishedAt,
  publishedByName: t.publishedByName,
});

/** The current template of a street (its latest version, else the default) and its history, newest first, ending with the default. */
export function templatesOutput(versions: readonly Template[], now: string): z.output<typeof TemplatesOutput> {
  const current = versions[0] ?? DEFAULT_TEMPLATE;
  return {
    current: templateView(current),
    // The built-in default is version 1 of every street, the first line of its history.
    versions: [...versions, DEFAULT_TEMPLATE].map((t) => ({ version: t.version, name: t.name, publishedAt: t.publishedAt, publishedByName: t.publishedByName })),
    currentPeriod: periodOf(current.periodKind, now),
  };
}
