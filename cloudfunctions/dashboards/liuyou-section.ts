import type { ScoreRecord } from '../../shared/liuyou/check.lifecycle';
import { periodMonths as liuyouMonths, previousPeriod } from '../../shared/liuyou/period';
import type { NodeDoc } from '../_core/nodes';
import type { Place } from './steps';

export type ScoreDoc = ScoreRecord;

/**
 * The 六有 scores a dashboard shows: the latest check period scored that began by the dashboard's last
 * month, for each community of the place (all of a street's, a community's own, a grid's community),
 * with the period before.
 */
export function liuyouSection(place: Place, scores: readonly ScoreDoc[], lastMonth: string, names: readonly Pick<NodeDoc, '_id' | 'name' | 'kind'>[]) {
  const communityIds =
    place.level === 'street' ? names.filter((n) => n.kind === 'community' || n.kind === 'settlement').map((n) => n._id) : [place.node.path.communityId ?? place.scopeId];
  const mine = scores.filter((s) => communityIds.includes(s.communityId));
  const started = mine.filter((s) => liuyouMonths(s.period)[0]! <= lastMonth).map((s) => s.period);
  const period = started.sort((a, b) => (liuyouMonths(b)[0]! < liuyouMonths(a)[0]! ? -1 : 1))[0] ?? null;
  const before = period ? previousPeriod(period) : null;
  const nameOf = new Map(names.map((n) => [n._id, n.name]));
  return {
    period,
    rows: communityIds.map((id) => {
      const now = period ? mine.find((s) => s.communityId === id && s.period === period) : undefined;
      const prev = before ? mine.find((s) => s.communityId === id && s.period === before) : undefined;
      return {
        nodeId: id,
        nodeName: nameOf.get(id) ?? (id === place.node._id ? place.node.name : '本社区'),
        score: now?.overall ?? null,
        rating: now?.rating ?? null,
        previous: prev?.overall ?? null,
      };
    }),
  };
}
