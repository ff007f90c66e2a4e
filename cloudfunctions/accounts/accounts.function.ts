import type { FunctionDefinition } from '../_core/pipeline';
import { createInvite } from './actions/create-invite';
import { inbox } from './actions/inbox';
import { listMembers } from './actions/list-members';
import { me } from './actions/me';
import { personas } from './actions/personas';
import { redeemInvite } from './actions/redeem-invite';
import { revealContact } from './actions/reveal-contact';
import { tree } from './actions/tree';
import { updateProfile } from './actions/update-profile';

/** People, roles and places: the profile, invite codes, members, the tree, the inbox. One file an action, in `actions/`. */
export const accountsFunction: FunctionDefinition = {
  name: 'accounts',
  actions: { me, updateProfile, createInvite, redeemInvite, listMembers, revealContact, tree, inbox, personas },
};
