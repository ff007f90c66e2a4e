import { registerRollupRule, type Contribution } from '../kernel/rollup';
import { beijingMonth } from '../kernel/time';
import type { PlacePath } from '../territory/territory.schema';
import type { Meeting } from './meeting.lifecycle';
import { MINUTES_DUE_HOURS } from './meeting.types';
import type { Topic } from './topic.lifecycle';

/**
 * What council records add to the councils rollups (`rollups`, kind `councils`): one document per
 * place of the record's path — its street, community (or settlement) and grid, as many as it names —
 * and per Beijing month. The counts mean what the 议事指标 (`councils.measures`, `councilMeasures`)
 * mean, so a rollup answers them for its place and month:
 *
 * - a meeting (`meetings`), in its month, unless cancelled: `decisions` — its agenda's 表决 items
 *   adopted; and once held (closed or archived) `meetings` 1 and `minutesOnTime` 1 when its minutes
 *   came within 48 hours of its end;
 * - a topic (`topics`) done (办结): `decisionsDone` 1, in the month it was done;
 * - a 效果共评 rating (`topic_ratings`): `ratings` 1 and `ratingStars` its score, in the month given.
 */
export const COUNCIL_ROLLUP_KIND = 'councils';

export const councilRollupId = (nodeId: string, month: string) => `${COUNCIL_ROLLUP_KIND}:${nodeId}:${month}`;

export type RolledMeeting = Pick<Meeting, 'path' | 'month' | 'state' | 'closedAt' | 'minutesAt' | 'agenda'>;
export type RolledTopic = Pick<Topic, 'path' | 'state' | 'doneAt'>;
export interface RolledRating {
  path: PlacePath;
  at: string;
  score: number;
}

const HELD: readonly Meeting['state'][] = ['closed', 'archived'];

/** Minutes written within 48 hours of the meeting's end (as `councilMeasures` counts them). */
export const minutesOnTime = (m: Pick<Meeting, 'closedAt' | 'minutesAt'>): boolean =>
  Boolean(m.closedAt && m.minutesAt) && Date.parse(m.minutesAt!) <= Date.parse(m.closedAt!) + MINUTES_DUE_HOURS * 3_600_000;

/** The councils rollups of a place path in a month, each with `counts`; none when nothing counts. */
function atPlaces(path: PlacePath, month: string, counts: Record<string, number>): Contribution[] {
  if (Object.values(counts).every((v) => v === 0)) return [];
  const at = (level: 'street' | 'community' | 'grid', nodeId: string | undefined, parentId: string | null): Contribution[] =>
    nodeId ? [{ id: councilRollupId(nodeId, month), init: { kind: COUNCIL_ROLLUP_KIND, level, nodeId, parentId, month }, counts }] : [];
  return [...at('street', path.streetId, null), ...at('community', path.communityId, path.streetId ?? null), ...at('grid', path.gridId, path.communityId ?? null)];
}

export function meetingCounts(m: RolledMeeting): Record<string, number> {
  if (m.state === 'cancelled') return {};
  const c: Record<string, number> = {};
  const adopted = m.agenda.filter((a) => a.kind === 'decide' && a.outcome === 'adopted').length;
  if (adopted) c.decisions = adopted;
  if (HELD.includes(m.state)) {
    c.meetings = 1;
    if (minutesOnTime(m)) c.minutesOnTime = 1;
  }
  return c;
}

export const meetingContributions = (m: RolledMeeting): Contribution[] => atPlaces(m.path, m.month, meetingCounts(m));

export const topicContributions = (t: RolledTopic): Contribution[] => (t.state === 'done' && t.doneAt ? atPlaces(t.path, beijingMonth(t.doneAt), { decisionsDone: 1 }) : []);

export const ratingContributions = (r: RolledRating): Contribution[] => atPlaces(r.path, beijingMonth(r.at), { ratings: 1, ratingStars: r.score });

registerRollupRule('meetings', meetingContributions);
registerRollupRule('topics', topicContributions);
registerRollupRule('topic_ratings', ratingContributions);
