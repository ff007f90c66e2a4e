import { holdsOver } from '../../../shared/accounts/accounts.policy';
import { LEADER_ROLES } from '../../../shared/accounts/roles';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { OUTCOME_LABELS } from '../../../shared/councils/agenda';
import { TOPIC_STATE_LABELS } from '../../../shared/councils/topic.lifecycle';
import { breadcrumb } from '../../../shared/territory/territory.domain';
import { loadNodeOf, loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Filter } from '../../_core/ports/store';
import type { MeetingDoc } from '../meeting-store';
import type { TopicDoc } from '../topic-store';
import { actionViews } from '../topic-view';
import { belongsTo } from './list-topics';

/** A grid's published decisions, newest first (the `decisions` index). A private meeting's (民事协调会) only for the grid's leaders. */
export const decisionsQuery = (gridId: string, leader: boolean): Filter => ({ 'path.gridId': gridId, decisionsPublishedAt: { $gt: '' }, ...(leader ? {} : { private: false }) });

/**
 * 决议公示: the meetings of a grid whose decisions were published, each with its decided items and
 * how their action items are going (their work orders' progress). Anyone who lives in the grid or
 * holds a role over it may read it; the caller's home grid when none is named.
 */
export const decisions = defineAction(councilsApi.decisions, {
  load: async (ctx, input, caller) => {
    const gridId = input.gridId ?? caller.user.home?.path.gridId;
    if (!gridId) return fail('TOPIC.NO_HOME_GRID', 'payload.gridId');
    return loadNodeOf(ctx.ports.store, gridId, 'payload.gridId', ['grid']);
  },
  authorize: (caller, _input, grid) => (belongsTo(caller, grid) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, grid) => {
    const store = ctx.ports.store;
    const filter = decisionsQuery(grid._id, holdsOver(caller, LEADER_ROLES, grid.path));
    const [meetings, total, nodes] = await Promise.all([
      store.find<MeetingDoc>('meetings', filter, {
        sort: [
          ['path.gridId', 1],
          ['decisionsPublishedAt', -1],
        ],
        skip: input.offset,
        limit: input.limit,
      }),
      store.count('meetings', filter),
      loadNodes(store, [grid.path.communityId ?? '', grid._id]),
    ]);
    const decided = meetings.map((m) => ({ m, items: m.agenda.filter((i) => i.kind === 'decide' && i.outcome !== null) }));
    const topicIds = [...new Set(decided.flatMap((d) => d.items.map((i) => i.topicId)))];
    const topics = topicIds.length ? await store.find<TopicDoc>('topics', { _id: { $in: topicIds } }, { limit: topicIds.length }) : [];
    const byId = new Map(topics.map((t) => [t._id, t]));
    // The action items of every topic on the page, with their work orders read in one round trip.
    const actions = await actionViews(
      ctx,
      topics.flatMap((t) => t.actions),
    );
    const actionsOf = new Map<string, typeof actions>();
    let at = 0;
    for (const t of topics) {
      actionsOf.set(t._id, actions.slice(at, at + t.actions.length));
      at += t.actions.length;
    }
    return ok({
      decisions: decided.map(({ m, items }) => ({
        meetingId: m._id,
        meetingTitle: m.title,
        type: m.type,
        heldAt: m.openedAt ?? m.startAt,
        publishedAt: m.decisionsPublishedAt!,
        items: items.map((i) => {
          const t = byId.get(i.topicId);
          return {
            topicId: i.topicId,
            title: i.title,
            outcome: i.outcome!,
            outcomeLabel: OUTCOME_LABELS[i.outcome!],
            notes: i.notes,
            tally: i.tally,
            actions: actionsOf.get(i.topicId) ?? [],
            topicStateLabel: t ? TOPIC_STATE_LABELS[t.state] : '',
          };
        }),
      })),
      total,
      offset: input.offset,
      limit: input.limit,
      placeLabel: breadcrumb(grid.path, nodes).join(' › '),
    });
  },
});
