import type { FunctionDefinition } from '../_core/pipeline';
import { deleteAccount } from './actions/delete-account';
import { deletePreview } from './actions/delete-preview';
import { exportMine } from './actions/export-mine';
import { myReveals } from './actions/my-reveals';
import { revealLog } from './actions/reveal-log';

/** The privacy actions, as the contract names them. */
export const privacyActions = { exportMine, deletePreview, deleteAccount, myReveals, revealLog };

/**
 * A person's rights over their data (PIPL arts. 44–47): see and copy it, delete the account, see who
 * read it; and the street's log of those reads. The retention jobs live beside it
 * (`retention-jobs.ts`) and run in the scheduler's tick.
 */
export const privacyFunction: FunctionDefinition = {
  name: 'privacy',
  actions: privacyActions,
};
