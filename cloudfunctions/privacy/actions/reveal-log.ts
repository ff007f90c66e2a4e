import { maskName } from '../../../shared/accounts/mask';
import { opensAt } from '../../../shared/accounts/scopes';
import { failSaying, ok } from '../../../shared/api/envelope';
import { privacyApi } from '../../../shared/privacy/privacy.contract';
import { REVEAL_KIND_LABELS, type RevealLogEntry, type RevealLogOutput } from '../../../shared/privacy/privacy.schema';
import { dayRange, isCalendarDay, readerRoleWords } from '../../../shared/privacy/reveal-words';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { MAX_PAGE, type Filter, type SortSpec } from '../../_core/ports/store';
import { namesByUser, revealsOf, roleOf, type RevealAudit } from '../reveal-store';

/** How many readers the ranking names. */
const TOP_READERS = 10;
/** A name that is no longer there (an account deleted since). */
const GONE = '（已注销）';

/**
 * 信息查看记录: a street admin reads who saw residents' phones, contacts and addresses in full in their
 * street, to spot abuse (one leader reading hundreds of phones). The reader is named (staff acting in
 * office), the person masked. Filters: reader, kind, Beijing days. `byActor` ranks the readers over
 * the filtered range, counted from at most 1,000 entries (`capped` when there were more).
 */
export const revealLog = defineAction(privacyApi.revealLog, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.streetId, 'payload.streetId', ['street']),
  authorize: (caller, _input, street) => (opensAt(caller, 'revealLog', street.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input) => {
    for (const field of ['from', 'to'] as const) {
      const day = input[field];
      if (day && !isCalendarDay(day)) return failSaying('COMMON.INVALID_INPUT', `payload.${field}`, '没有这一天，请重新选择日期');
    }
    const range = dayRange(input.from, input.to);
    const filter: Filter = {
      'reveal.streetId': input.streetId,
      ...(input.actorId ? { actorId: input.actorId } : {}),
      ...(input.kind ? { 'reveal.kind': input.kind } : {}),
      ...(range ? { at: range } : {}),
    };
    const prefix: SortSpec = input.actorId
      ? [
          ['reveal.streetId', 1],
          ['actorId', 1],
        ]
      : [['reveal.streetId', 1]];
    const [{ items, total }, counted] = await Promise.all([
      revealsOf(ctx.ports.store, filter, prefix, input),
      ctx.ports.store.find<RevealAudit>('audit', filter, { sort: [...prefix, ['at', -1]], limit: MAX_PAGE }),
    ]);
    const ranking = rank(counted);
    const names = await namesByUser(ctx.ports.store, [...items.flatMap((a) => [a.actorId, a.reveal.personId]), ...ranking.map((r) => r.actorId)]);
    const out: RevealLogOutput = {
      items: items.map((a) => entryOf(a, names)),
      total,
      offset: input.offset,
      limit: input.limit,
      byActor: ranking.map((r) => ({ actorId: r.actorId, actorName: nameOf(r.actorId, names), actorRoleLabel: r.role, count: r.count })),
      capped: total > counted.length,
    };
    return ok(out);
  },
});

const nameOf = (id: string | null, names: ReadonlyMap<string, string>) => (id ? (names.get(id) ?? GONE) : GONE);

/** Reveals per reader, most first (ties: the most recent reader first); each reader's role as of their newest entry. */
function rank(rows: readonly RevealAudit[]): { actorId: string | null; role: string; count: number }[] {
  const by = new Map<string | null, { actorId: string | null; role: string; count: number; order: number }>();
  rows.forEach((a, i) => {
    const seen = by.get(a.actorId);
    if (seen) seen.count += 1;
    else by.set(a.actorId, { actorId: a.actorId, role: readerRoleWords(a.reveal.as, roleOf(a)), count: 1, order: i });
  });
  return [...by.values()]
    .sort((x, y) => y.count - x.count || x.order - y.order)
    .slice(0, TOP_READERS)
    .map(({ actorId, role, count }) => ({ actorId, role, count }));
}

function entryOf(a: RevealAudit, names: ReadonlyMap<string, string>): RevealLogEntry {
  const person = names.get(a.reveal.personId);
  return {
    id: a._id,
    at: a.at,
    kind: a.reveal.kind,
    kindLabel: REVEAL_KIND_LABELS[a.reveal.kind],
    actorId: a.actorId,
    actorName: nameOf(a.actorId, names),
    actorRoleLabel: readerRoleWords(a.reveal.as, roleOf(a)),
    personMasked: person ? maskName(person) : GONE,
    orderId: a.reveal.orderId,
    reason: typeof a.detail?.reason === 'string' ? a.detail.reason : null,
  };
}
