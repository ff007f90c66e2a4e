import { holdsOver } from '../../../shared/accounts/accounts.policy';
import { GRANTED_ROLES } from '../../../shared/accounts/roles';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { newTopic, topicIdOf } from '../../../shared/councils/topic.factory';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { loadTopic, thresholdOf } from '../topic-store';
import { checkTexts, createTopic } from '../topic-steps';
import { toTopicView } from '../topic-view';

/**
 * 民事民议: a resident raises a topic for their grid (their home grid unless they name one), and the
 * grid's residents support it. Only a resident of the grid or someone who holds a role there may.
 */
export const propose = defineAction(councilsApi.propose, {
  // The grid, its support threshold and the topic this key may already have made, in one round trip.
  load: async (ctx, input, caller) => {
    const gridId = input.gridId ?? caller.user.home?.path.gridId;
    if (!gridId) return fail('TOPIC.NO_HOME_GRID', 'payload.gridId');
    const [grid, threshold, existing] = await Promise.all([
      loadNodeOf(ctx.ports.store, gridId, 'payload.gridId', ['grid']),
      thresholdOf(ctx.ports.store, gridId),
      loadTopic(ctx.ports.store, topicIdOf(caller.user._id, input.clientKey)),
    ]);
    return grid.ok ? ok({ grid: grid.data, threshold, existing }) : grid;
  },
  authorize: (caller, _input, { grid }) =>
    caller.user.home?.path.gridId === grid._id || holdsOver(caller, GRANTED_ROLES, grid.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' },
  run: async (ctx, input, caller, { grid, threshold, existing }) => {
    // The same key sent again: the first topic stands.
    if (existing) return ok({ topic: await toTopicView(ctx, caller, existing, { timeline: true }) });
    const checked = await checkTexts(ctx, [
      [input.title, 'payload.title'],
      [input.description, 'payload.description'],
    ]);
    if (!checked.ok) return checked;
    const topic = newTopic({
      authorId: caller.user._id,
      clientKey: input.clientKey,
      title: input.title,
      description: input.description,
      photos: input.photos,
      source: 'resident',
      path: grid.path,
      meetingType: null,
      threshold,
      now: ctx.now,
    });
    return createTopic(ctx, caller, topic, 'topic.propose');
  },
});
