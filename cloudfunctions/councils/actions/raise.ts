import { holdsOver } from '../../../shared/accounts/accounts.policy';
import { LEADER_ROLES } from '../../../shared/accounts/roles';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { ok } from '../../../shared/api/envelope';
import { newTopic, topicIdOf } from '../../../shared/councils/topic.factory';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { loadTopic, thresholdOf } from '../topic-store';
import { checkTexts, createTopic } from '../topic-steps';
import { toTopicView } from '../topic-view';

/** A leader of the grid (its grid leader, the community, the street) raises a topic: adopted at once. */
export const raise = defineAction(councilsApi.raise, {
  load: async (ctx, input, caller) => {
    const [grid, threshold, existing] = await Promise.all([
      loadNodeOf(ctx.ports.store, input.gridId, 'payload.gridId', ['grid']),
      thresholdOf(ctx.ports.store, input.gridId),
      loadTopic(ctx.ports.store, topicIdOf(caller.user._id, input.clientKey)),
    ]);
    return grid.ok ? ok({ grid: grid.data, threshold, existing }) : grid;
  },
  authorize: (caller, _input, { grid }) => (holdsOver(caller, LEADER_ROLES, grid.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, { grid, threshold, existing }) => {
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
      source: 'leader',
      path: grid.path,
      meetingType: input.meetingType ?? null,
      threshold,
      now: ctx.now,
    });
    return createTopic(ctx, caller, topic, 'topic.raise');
  },
});
