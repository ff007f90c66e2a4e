import { holdsOver, type Actor as Caller } from '../../../shared/accounts/accounts.policy';
import { GRANTED_ROLES, LEADER_ROLES } from '../../../shared/accounts/roles';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import type { TOPIC_FILTERS } from '../../../shared/councils/councils.schema';
import { maySeeTopic, topicRelation } from '../../../shared/councils/councils.policy';
import { DEFAULT_SUPPORT_THRESHOLD, type TopicState } from '../../../shared/councils/topic.lifecycle';
import { loadNodeOf, type NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc, Filter, Store } from '../../_core/ports/store';
import { thresholdOf, type TopicDoc } from '../topic-store';
import { toTopicViews } from '../topic-view';

export type TopicFilter = (typeof TOPIC_FILTERS)[number];

/** The states each filter of a grid's topic list shows. */
export const FILTER_STATES: Record<TopicFilter, readonly TopicState[] | null> = {
  open: ['proposed', 'supported'],
  adopted: ['adopted', 'scheduled'],
  decided: ['decided', 'acting'],
  done: ['done'],
  closed: ['declined', 'rejected', 'merged'],
  all: null,
};

/** Lives in the grid, or holds a role over it: may read its topics and its decisions. */
export const belongsTo = (caller: Caller, grid: Pick<NodeDoc, '_id' | 'path'>): boolean =>
  caller.user.home?.path.gridId === grid._id || holdsOver(caller, GRANTED_ROLES, grid.path);

/**
 * One page of a grid's topics, newest first, with the total (the `grid` index; a state filter is
 * checked on its rows). Private topics (disputes) are left out for anyone but the grid's leaders:
 * who raised one finds it under "mine".
 */
export function gridTopicsQuery(gridId: string, filter: TopicFilter, leader: boolean): Filter {
  const states = FILTER_STATES[filter];
  return { 'path.gridId': gridId, ...(states ? { state: { $in: [...states] } } : {}), ...(leader ? {} : { private: false }) };
}

export const GRID_TOPICS_SORT = [
  ['path.gridId', 1],
  ['createdAt', -1],
] as const;

/** The topics the caller raised or supported: two indexed reads (their proposals, their support rows), then the topics. */
async function myTopics(store: Store, me: string): Promise<TopicDoc[]> {
  const [proposed, supports] = await Promise.all([
    store.find<TopicDoc>(
      'topics',
      { proposerId: me },
      {
        sort: [
          ['proposerId', 1],
          ['createdAt', -1],
        ],
        limit: 1000,
      },
    ),
    store.find<Doc & { topicId: string }>(
      'topic_supports',
      { userId: me },
      {
        sort: [
          ['userId', 1],
          ['at', -1],
        ],
        limit: 1000,
      },
    ),
  ]);
  const known = new Set(proposed.map((t) => t._id));
  const more = [...new Set(supports.map((s) => s.topicId))].filter((id) => !known.has(id));
  const supported = more.length ? await store.find<TopicDoc>('topics', { _id: { $in: more } }, { limit: more.length }) : [];
  return [...proposed, ...supported].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a._id < b._id ? 1 : -1));
}

/** A grid's topics by state, or the topics the caller raised or supported (`mine`), with the grid's support threshold. */
export const listTopics = defineAction(councilsApi.listTopics, {
  load: async (ctx, input, caller) => {
    const gridId = input.gridId ?? caller.user.home?.path.gridId;
    if (!gridId) return input.mine ? ok(null) : fail('TOPIC.NO_HOME_GRID', 'payload.gridId');
    const grid = await loadNodeOf(ctx.ports.store, gridId, 'payload.gridId', ['grid']);
    return grid.ok ? ok(grid.data) : grid;
  },
  authorize: (caller, input, grid) => (input.mine || (grid && belongsTo(caller, grid)) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, grid) => {
    const store = ctx.ports.store;
    const threshold = grid ? thresholdOf(store, grid._id) : Promise.resolve(DEFAULT_SUPPORT_THRESHOLD);
    if (input.mine) {
      const states = FILTER_STATES[input.filter];
      const [all, t] = await Promise.all([myTopics(store, caller.user._id), threshold]);
      const mine = all.filter((x) => (!states || states.includes(x.state)) && maySeeTopic(topicRelation(caller, x), x));
      const page = mine.slice(input.offset, input.offset + input.limit);
      return ok({ topics: await toTopicViews(ctx, caller, page), total: mine.length, offset: input.offset, limit: input.limit, threshold: t });
    }
    const filter = gridTopicsQuery(grid!._id, input.filter, holdsOver(caller, LEADER_ROLES, grid!.path));
    const [rows, total, t] = await Promise.all([
      store.find<TopicDoc>('topics', filter, { sort: GRID_TOPICS_SORT, skip: input.offset, limit: input.limit }),
      store.count('topics', filter),
      threshold,
    ]);
    // Every row is one the caller may see (the query leaves out what is private to others); the policy checks again.
    const topics = rows.filter((x) => maySeeTopic(topicRelation(caller, x), x));
    return ok({ topics: await toTopicViews(ctx, caller, topics), total, offset: input.offset, limit: input.limit, threshold: t });
  },
});
