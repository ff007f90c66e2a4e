import { addItem } from './actions/add-item';
import { archive } from './actions/archive';
import { cancel } from './actions/cancel';
import { close } from './actions/close';
import { createMeeting } from './actions/create-meeting';
import { decide } from './actions/decide';
import { editMeeting } from './actions/edit-meeting';
import { getMeeting } from './actions/get-meeting';
import { listMeetings } from './actions/list-meetings';
import { moveItem } from './actions/move-item';
import { open } from './actions/open';
import { openVote } from './actions/open-vote';
import { publish } from './actions/publish';
import { publishDecisions } from './actions/publish-decisions';
import { removeItem } from './actions/remove-item';
import { screenCode } from './actions/screen-code';
import { signIn } from './actions/sign-in';
import { signInFor } from './actions/sign-in-for';
import { takeDoneTopics } from './actions/take-done-topics';
import { vote } from './actions/vote';
import { writeMinutes } from './actions/write-minutes';

/** The meeting actions of `councils` (议事会), named exactly as the contract names them. */
export const meetingActions = {
  createMeeting,
  editMeeting,
  getMeeting,
  listMeetings,
  addItem,
  removeItem,
  moveItem,
  takeDoneTopics,
  publish,
  cancel,
  open,
  screenCode,
  signIn,
  signInFor,
  openVote,
  vote,
  decide,
  close,
  writeMinutes,
  archive,
  publishDecisions,
};
