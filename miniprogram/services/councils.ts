import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call, type CallOptions } from './call'

/**
 * Typed calls of the `councils` cloud function (议事: topics, meetings, votes, minutes, decisions).
 * Types only from shared/: zod stays out of the app. Every write goes through `call`, which sends a
 * request id (one per tap, kept for its retries), so a repeated tap is answered, not done twice.
 */
export type TopicView = ApiOutput<'councils', 'getTopic'>['topic']
export type TopicAction = TopicView['allowedActions'][number]
export type TopicActionItem = TopicView['actions'][number]
export type TopicState = TopicView['state']
export type TopicFilter = NonNullable<ApiInput<'councils', 'listTopics'>['filter']>
export type ListTopicsInput = ApiInput<'councils', 'listTopics'>
export type ProposeInput = ApiInput<'councils', 'propose'>
export type RaiseInput = ApiInput<'councils', 'raise'>
export type NewActionItem = ApiInput<'councils', 'addAction'>['action']

export type MeetingView = ApiOutput<'councils', 'getMeeting'>['meeting']
export type MeetingAction = MeetingView['allowedActions'][number]
export type AgendaItemView = MeetingView['agenda'][number]
export type Tally = AgendaItemView['tally']
export type Quorum = MeetingView['quorum']
export type MeetingSummary = ApiOutput<'councils', 'listMeetings'>['meetings'][number]
export type MeetingList = NonNullable<ApiInput<'councils', 'listMeetings'>['view']>
export type CreateMeetingInput = ApiInput<'councils', 'createMeeting'>
export type EditMeetingInput = ApiInput<'councils', 'editMeeting'>
export type DecideInput = ApiInput<'councils', 'decide'>
export type Choice = ApiInput<'councils', 'vote'>['choice']
export type MeetingCode = ApiOutput<'councils', 'screenCode'>
export type SignInAnswer = ApiOutput<'councils', 'signIn'>
export type Decision = ApiOutput<'councils', 'decisions'>['decisions'][number]
export type DecisionItem = Decision['items'][number]

export const councils = {
  // ---- topics ----
  propose: (input: ProposeInput) => call('councils', 'propose', input),
  raise: (input: RaiseInput) => call('councils', 'raise', input),
  getTopic: (topicId: string) => call('councils', 'getTopic', { topicId }),
  listTopics: (input: ListTopicsInput) => call('councils', 'listTopics', input),
  support: (topicId: string) => call('councils', 'support', { topicId }),
  adopt: (topicId: string) => call('councils', 'adopt', { topicId }),
  decline: (topicId: string, answer: string) => call('councils', 'decline', { topicId, answer }),
  merge: (topicId: string, intoId: string) => call('councils', 'merge', { topicId, intoId }),
  addAction: (topicId: string, action: NewActionItem) => call('councils', 'addAction', { topicId, action }),
  spawnOrder: (input: ApiInput<'councils', 'spawnOrder'>, options?: CallOptions) => call('councils', 'spawnOrder', input, options),
  completeAction: (input: ApiInput<'councils', 'completeAction'>) => call('councils', 'completeAction', input),
  finish: (topicId: string) => call('councils', 'finish', { topicId }),
  rate: (input: ApiInput<'councils', 'rate'>) => call('councils', 'rate', input),
  setThreshold: (gridId: string, threshold: number) => call('councils', 'setThreshold', { gridId, threshold }),

  // ---- meetings ----
  createMeeting: (input: CreateMeetingInput) => call('councils', 'createMeeting', input),
  editMeeting: (input: EditMeetingInput) => call('councils', 'editMeeting', input),
  getMeeting: (meetingId: string) => call('councils', 'getMeeting', { meetingId }),
  listMeetings: (input: ApiInput<'councils', 'listMeetings'>) => call('councils', 'listMeetings', input),
  addItem: (input: ApiInput<'councils', 'addItem'>) => call('councils', 'addItem', input),
  removeItem: (meetingId: string, itemId: string) => call('councils', 'removeItem', { meetingId, itemId }),
  moveItem: (meetingId: string, itemId: string, direction: 'up' | 'down') => call('councils', 'moveItem', { meetingId, itemId, direction }),
  takeDoneTopics: (meetingId: string) => call('councils', 'takeDoneTopics', { meetingId }),
  publish: (meetingId: string) => call('councils', 'publish', { meetingId }),
  cancel: (meetingId: string, reason: string) => call('councils', 'cancel', { meetingId, reason }),
  open: (meetingId: string) => call('councils', 'open', { meetingId }),
  /** The rotating sign-in code for the station screen. */
  screenCode: (meetingId: string) => call('councils', 'screenCode', { meetingId }),
  signIn: (meetingId: string, scene: string) => call('councils', 'signIn', { meetingId, scene }),
  signInFor: (input: ApiInput<'councils', 'signInFor'>) => call('councils', 'signInFor', input),
  openVote: (meetingId: string, itemId: string) => call('councils', 'openVote', { meetingId, itemId }),
  vote: (meetingId: string, itemId: string, choice: Choice) => call('councils', 'vote', { meetingId, itemId, choice }),
  decide: (input: DecideInput) => call('councils', 'decide', input),
  close: (meetingId: string) => call('councils', 'close', { meetingId }),
  writeMinutes: (meetingId: string, text: string) => call('councils', 'writeMinutes', { meetingId, text }),
  archive: (meetingId: string) => call('councils', 'archive', { meetingId }),
  publishDecisions: (meetingId: string) => call('councils', 'publishDecisions', { meetingId }),
  decisions: (input: ApiInput<'councils', 'decisions'>) => call('councils', 'decisions', input),
  measures: (input: ApiInput<'councils', 'measures'>) => call('councils', 'measures', input),
}

/**
 * The meeting a sign-in scene belongs to: a meeting code says `m:<meetingId>[:…].<signature>` (the
 * payload is not secret, only signed). '' when the scene is not a meeting's.
 */
export function meetingIdOfScene(scene: string): string {
  const payload = scene.slice(0, Math.max(0, scene.lastIndexOf('.')))
  const [kind, id] = payload.split(':')
  return kind === 'm' && id && /^[A-Za-z0-9_-]{1,40}$/.test(id) ? id : ''
}
