import type { FunctionDefinition } from '../_core/pipeline';
import { meetingActions } from './meetings.actions';
import { topicActions } from './topics.actions';

/**
 * Grid micro-councils (微网格议事会): topics raised, supported and adopted; meetings convened with an
 * agenda, signed in, voted and minuted; decisions that become work and that residents rate. One file
 * per action in `actions/`; the two lists name them exactly as the contract does.
 */
export const councilsFunction: FunctionDefinition = {
  name: 'councils',
  actions: { ...topicActions, ...meetingActions },
};
