import type { FunctionDefinition } from '../_core/pipeline';
import { confirmWebLogin } from './actions/confirm-web-login';
import { createInvite } from './actions/create-invite';
import { inbox } from './actions/inbox';
import { listMembers } from './actions/list-members';
import { listWebSessions } from './actions/list-web-sessions';
import { me } from './actions/me';
import { personas } from './actions/personas';
import { pollWebLogin } from './actions/poll-web-login';
import { redeemInvite } from './actions/redeem-invite';
import { revealContact } from './actions/reveal-contact';
import { revokeWebSession } from './actions/revoke-web-session';
import { startWebLogin } from './actions/start-web-login';
import { tree } from './actions/tree';
import { updateProfile } from './actions/update-profile';

/** People, roles and places: the profile, invite codes, members, the tree, the inbox, 扫码登录 on a PC. One file an action, in `actions/`. */
export const accountsFunction: FunctionDefinition = {
  name: 'accounts',
  actions: {
    me,
    updateProfile,
    createInvite,
    redeemInvite,
    listMembers,
    revealContact,
    tree,
    inbox,
    personas,
    startWebLogin,
    confirmWebLogin,
    pollWebLogin,
    listWebSessions,
    revokeWebSession,
  },
};
