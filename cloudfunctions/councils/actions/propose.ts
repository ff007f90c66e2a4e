import { holdsOver } from '../../../shared/accounts/accounts.policy';
import { GRANTED_ROLES } from '../../../shared/accounts/roles';
import { fail } from '../../../shared/api/envelope';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { defineAction } from '../../_core/pipeline';
import { createTopic, loadTopicPlace } from '../topic-steps';

/**
 * 民事民议: a resident raises a topic for their grid (their home grid unless they name one), and the
 * grid's residents support it. Only a resident of the grid or someone who holds a role there may.
 */
export const propose = defineAction(councilsApi.propose, {
  load: async (ctx, input, caller) => {
    const gridId = input.gridId ?? caller.user.home?.path.gridId;
    if (!gridId) return fail('TOPIC.NO_HOME_GRID', 'payload.gridId');
    return loadTopicPlace(ctx, gridId, caller.user._id, input.clientKey);
  },
  authorize: (caller, _input, { grid }) =>
    caller.user.home?.path.gridId === grid._id || holdsOver(caller, GRANTED_ROLES, grid.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' },
  run: (ctx, input, caller, place) => createTopic(ctx, caller, place, { ...input, source: 'resident', meetingType: null }, 'topic.propose'),
});
