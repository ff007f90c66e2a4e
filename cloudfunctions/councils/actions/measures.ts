import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { mayReadMeasures } from '../../../shared/councils/councils.policy';
import type { Meeting } from '../../../shared/councils/meeting.lifecycle';
import { MINUTES_DUE_HOURS } from '../../../shared/councils/meeting.lifecycle';
import type { Topic } from '../../../shared/councils/topic.lifecycle';
import { beijingDate, beijingInstant, beijingMonth } from '../../../shared/kernel/time';
import { isCommunityLevel, LEAD_KINDS } from '../../../shared/territory/territory.domain';
import type { PlacePath } from '../../../shared/territory/territory.schema';
import { loadNodeOf, type NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc, Store } from '../../_core/ports/store';

/** At most five years of months in one read. */
export const MAX_MONTHS = 60;

/** The months from `from` to `to` (`2026-09` … `2026-11`), oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** The month after `month`. */
export const monthAfter = (month: string): string => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

type MeetingFacts = Pick<Meeting, 'path' | 'month' | 'state' | 'closedAt' | 'minutesAt' | 'agenda'>;
type TopicFacts = Pick<Topic, 'path' | 'actions'>;
interface RatingFacts {
  path: PlacePath;
  at: string;
  score: number;
}

export interface MeasureRow {
  gridId: string;
  gridName: string;
  month: string;
  meetingsHeld: number;
  minutesOnTime: number;
  decisionsAdopted: number;
  actionsDue: number;
  actionsDoneOnTime: number;
  ratingCount: number;
  ratingSum: number;
}

const HELD: readonly Meeting['state'][] = ['closed', 'archived'];
const share = (part: number, whole: number, digits = 3): number | null => (whole === 0 ? null : Math.round((part / whole) * 10 ** digits) / 10 ** digits);

/** Minutes written within 48 hours of the end. */
export const minutesOnTime = (m: Pick<Meeting, 'closedAt' | 'minutesAt'>): boolean =>
  Boolean(m.closedAt && m.minutesAt) && Date.parse(m.minutesAt!) <= Date.parse(m.closedAt!) + MINUTES_DUE_HOURS * 3_600_000;

/**
 * The council measures (pure): per grid and Beijing month, meetings held (closed or archived, by
 * the month they were held), their minutes on time, decisions adopted, action items due that month
 * and done by their deadline day, and the 效果共评 ratings given; with totals whose shares are null
 * when there is nothing to divide.
 */
export function councilMeasures(i: {
  grids: readonly Pick<NodeDoc, '_id' | 'name'>[];
  months: readonly string[];
  meetings: readonly MeetingFacts[];
  topics: readonly TopicFacts[];
  ratings: readonly RatingFacts[];
}) {
  const rows = new Map<string, MeasureRow>();
  for (const g of i.grids) {
    for (const month of i.months) {
      rows.set(`${g._id}|${month}`, {
        gridId: g._id,
        gridName: g.name,
        month,
        meetingsHeld: 0,
        minutesOnTime: 0,
        decisionsAdopted: 0,
        actionsDue: 0,
        actionsDoneOnTime: 0,
        ratingCount: 0,
        ratingSum: 0,
      });
    }
  }
  const row = (path: PlacePath, month: string) => rows.get(`${path.gridId ?? ''}|${month}`);
  for (const m of i.meetings) {
    const r = row(m.path, m.month);
    if (!r || m.state === 'cancelled') continue;
    r.decisionsAdopted += m.agenda.filter((a) => a.kind === 'decide' && a.outcome === 'adopted').length;
    if (!HELD.includes(m.state)) continue;
    r.meetingsHeld++;
    if (minutesOnTime(m)) r.minutesOnTime++;
  }
  for (const t of i.topics) {
    for (const a of t.actions) {
      const r = row(t.path, a.deadline.slice(0, 7));
      if (!r) continue;
      r.actionsDue++;
      if (a.doneAt && beijingDate(a.doneAt) <= a.deadline) r.actionsDoneOnTime++;
    }
  }
  for (const x of i.ratings) {
    const r = row(x.path, beijingMonth(x.at));
    if (!r) continue;
    r.ratingCount++;
    r.ratingSum += x.score;
  }
  const all = [...rows.values()];
  const sum = (k: keyof MeasureRow) => all.reduce((s, r) => s + (r[k] as number), 0);
  return {
    rows: all,
    totals: {
      meetingsHeld: sum('meetingsHeld'),
      minutesOnTimeShare: share(sum('minutesOnTime'), sum('meetingsHeld')),
      decisionsAdopted: sum('decisionsAdopted'),
      actionsDoneOnTimeShare: share(sum('actionsDoneOnTime'), sum('actionsDue')),
      ratingAverage: share(sum('ratingSum'), sum('ratingCount'), 2),
    },
  };
}

/** The grids of a place, by their order: the grid itself, a community's or settlement's (its children), a street's. */
async function gridsOf(store: Store, node: NodeDoc): Promise<NodeDoc[]> {
  if (node.kind === 'grid') return [node];
  if (isCommunityLevel(node.kind))
    return (
      await store.find<NodeDoc>(
        'nodes',
        { parentId: node._id },
        {
          sort: [
            ['parentId', 1],
            ['order', 1],
          ],
          limit: 1000,
        },
      )
    ).filter((n) => n.kind === 'grid');
  const grids = await store.find<NodeDoc>(
    'nodes',
    { kind: 'grid' },
    {
      sort: [
        ['kind', 1],
        ['order', 1],
      ],
      limit: 1000,
    },
  );
  return grids.filter((g) => g.path.streetId === node._id).sort((a, b) => (a.path.communityId ?? '').localeCompare(b.path.communityId ?? '') || a.order - b.order);
}

/**
 * 议事指标 of a grid, community or street its leaders read: each grid's meetings, topics under way or
 * done, and ratings in the months asked for — three indexed reads per grid, all in one round trip.
 */
export const measures = defineAction(councilsApi.measures, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', LEAD_KINDS),
  authorize: (caller, _input, node) => (mayReadMeasures(caller, node) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, node) => {
    const store = ctx.ports.store;
    const months = monthsBetween(input.from, input.to);
    if (months.length > MAX_MONTHS) return fail('COMMON.INVALID_INPUT', 'payload.from');
    const grids = await gridsOf(store, node);
    const since = beijingInstant(`${input.from}-01`);
    const until = beijingInstant(`${monthAfter(input.to)}-01`);
    const perGrid = await Promise.all(
      grids.map((g) =>
        Promise.all([
          store.find<Doc & MeetingFacts>(
            'meetings',
            { 'path.gridId': g._id, startAt: { $gte: since, $lt: until } },
            {
              sort: [
                ['path.gridId', 1],
                ['startAt', -1],
              ],
              limit: 1000,
            },
          ),
          store.find<Doc & TopicFacts>(
            'topics',
            { 'path.gridId': g._id, state: { $in: ['acting', 'done'] } },
            {
              sort: [
                ['path.gridId', 1],
                ['state', 1],
                ['createdAt', -1],
              ],
              limit: 1000,
            },
          ),
          store.find<Doc & RatingFacts>(
            'topic_ratings',
            { 'path.gridId': g._id, at: { $gte: since, $lt: until } },
            {
              sort: [
                ['path.gridId', 1],
                ['at', 1],
              ],
              limit: 1000,
            },
          ),
        ]),
      ),
    );
    return ok(
      councilMeasures({
        grids,
        months,
        meetings: perGrid.flatMap((p) => p[0]),
        topics: perGrid.flatMap((p) => p[1]),
        ratings: perGrid.flatMap((p) => p[2]),
      }),
    );
  },
});
