import { holdsOver } from '../../../shared/accounts/accounts.policy';
import { LEADER_ROLES } from '../../../shared/accounts/roles';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { defineAction } from '../../_core/pipeline';
import { createTopic, loadTopicPlace } from '../topic-steps';

/** A leader of the grid (its grid leader, the community, the street) raises a topic: adopted at once. */
export const raise = defineAction(councilsApi.raise, {
  load: (ctx, input, caller) => loadTopicPlace(ctx, input.gridId, caller.user._id, input.clientKey),
  authorize: (caller, _input, { grid }) => (holdsOver(caller, LEADER_ROLES, grid.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: (ctx, input, caller, place) => createTopic(ctx, caller, place, { ...input, source: 'leader', meetingType: input.meetingType ?? null }, 'topic.raise'),
});
