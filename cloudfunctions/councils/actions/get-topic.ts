import { councilsApi } from '../../../shared/councils/councils.contract';
import { ok } from '../../../shared/api/envelope';
import { topicAction } from '../topic-steps';
import { toTopicView } from '../topic-view';

/** One topic as the caller may see it: its whole way, its actions and their work orders, its timeline. */
export const getTopic = topicAction(councilsApi.getTopic, 'get', async (ctx, _input, caller, ref) =>
  ok({ topic: await toTopicView(ctx, caller, ref.topic, { timeline: ref.events }) }),
);
