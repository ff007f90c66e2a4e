import { councilsApi } from '../../../shared/councils/councils.contract';
import { supportSteps } from '../../../shared/councils/topic.lifecycle';
import { moveTopic, planOf, sideInserts, topicAction } from '../topic-steps';

/**
 * 附议: a resident of the grid supports a topic, once. The support that reaches the threshold sends it
 * to the grid leaders. Many residents support at once: a lost race on the topic is tried again from
 * a fresh read (the count, and whether this one reaches, come from that read).
 */
export const SUPPORT_RETRIES = 12;

export const support = topicAction(councilsApi.support, 'support', (ctx, _input, caller, ref) => {
  const me = caller.user._id;
  return moveTopic(
    ctx,
    caller,
    ref,
    (topic) =>
      planOf(ctx, caller, supportSteps(topic, me), [sideInserts('topic_supports', [{ _id: `${topic._id}.${me}`, topicId: topic._id, userId: me, path: topic.path, at: ctx.now }])]),
    { retries: SUPPORT_RETRIES },
  );
});
