import type { FunctionDefinition } from '../_core/pipeline';
import { accept } from './actions/accept';
import { cancel } from './actions/cancel';
import { candidates } from './actions/candidates';
import { closeAfterReview } from './actions/close-after-review';
import { comment } from './actions/comment';
import { decline } from './actions/decline';
import { deskAccept } from './actions/desk-accept';
import { deskStaff } from './actions/desk-staff';
import { dispatchByHand } from './actions/dispatch-by-hand';
import { escalate } from './actions/escalate';
import { get } from './actions/get';
import { handBack } from './actions/hand-back';
import { home } from './actions/home';
import { list } from './actions/list';
import { metoo } from './actions/metoo';
import { openPool } from './actions/open-pool';
import { post } from './actions/post';
import { proxyFor } from './actions/proxy-for';
import { queueCounts } from './actions/queue-counts';
import { rate } from './actions/rate';
import { refuse } from './actions/refuse';
import { resolve } from './actions/resolve';
import { sendBack } from './actions/send-back';
import { similar } from './actions/similar';
import { stats } from './actions/stats';
import { suggest } from './actions/suggest';
import { toCouncil } from './actions/to-council';
import { uploadPhoto } from './actions/upload-photo';

/** The request loop (网上接单、平台派单、党员接单、居民评单): one file per action in `actions/`. */
export const ordersFunction: FunctionDefinition = {
  name: 'orders',
  actions: {
    post,
    suggest,
    proxyFor,
    uploadPhoto,
    get,
    list,
    accept,
    decline,
    handBack,
    resolve,
    rate,
    comment,
    cancel,
    candidates,
    dispatchByHand,
    openPool,
    escalate,
    sendBack,
    closeAfterReview,
    toCouncil,
    deskAccept,
    deskStaff,
    refuse,
    similar,
    metoo,
    stats,
    home,
    queueCounts,
  },
};
