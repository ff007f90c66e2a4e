import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail } from '../../../shared/api/envelope';
import type { AgendaItem, Meeting } from '../../../shared/councils/meeting.lifecycle';
import type { Topic } from '../../../shared/councils/topic.lifecycle';
import { loadTopic } from '../topic-store';
import { meetingAction, moveMeeting, notNow, overrunError, planOf, topicCompanion } from '../meeting-steps';
import { checkText } from '../../_core/text-check';

/** Whether a topic is of the meeting's place: its grid, or a grid of its community. */
export const ofPlace = (m: Pick<Meeting, 'level' | 'path'>, t: Pick<Topic, 'path'>): boolean =>
  m.level === 'grid' ? Boolean(m.path.gridId) && t.path.gridId === m.path.gridId : Boolean(m.path.communityId) && t.path.communityId === m.path.communityId;

/**
 * What a topic can be on this meeting's agenda as: an adopted topic of its place on no other agenda
 * is to decide; a done topic not yet reviewed is, on a 民主评议会, to review. A private topic (a
 * dispute) goes only on a private meeting. Anything else is not ready.
 */
export function itemKindOf(m: Pick<Meeting, 'type' | 'level' | 'path' | 'private'>, t: Topic): AgendaItem['kind'] | null {
  if (!ofPlace(m, t) || (t.private && !m.private)) return null;
  if (t.state === 'adopted' && t.meetingId === null) return 'decide';
  if (m.type === '民主评议会' && t.state === 'done' && t.reviewedIn === null) return 'review';
  return null;
}

/**
 * 列入议程: an adopted topic with its presenter and minutes; the topic is scheduled (or, for a
 * review, marked reviewed) in the same transaction. The total must fit the meeting's length: the
 * error says by how many minutes it runs over.
 */
export const addItem = meetingAction(councilsApi.addItem, 'addItem', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'setAgenda', agenda: [], nextItem: 0, change: '' });
  if (early) return early;
  const checked = await checkText(ctx, input.presenterName, 'payload.presenterName');
  if (!checked.ok) return checked;
  return moveMeeting(ctx, caller, ref, async () => {
    const topic = await loadTopic(ctx.ports.store, input.topicId);
    if (!topic) return fail('TOPIC.NOT_FOUND', 'payload.topicId');
    const kind = itemKindOf(m, topic);
    if (!kind) return fail('MEETING.TOPIC_NOT_READY', 'payload.topicId');
    const item: AgendaItem = {
      id: `i${m.nextItem}`,
      topicId: topic._id,
      title: topic.title,
      presenterId: input.presenterId ?? null,
      presenterName: input.presenterName,
      minutes: input.minutes,
      kind,
      voting: 'none',
      outcome: null,
      notes: '',
      tally: null,
    };
    const agenda = [...m.agenda, item];
    const over = overrunError(agenda, m.lengthMinutes, 'payload.minutes');
    if (over) return over;
    const also = topicCompanion(
      ctx,
      caller,
      m,
      topic,
      kind === 'decide' ? [{ type: 'schedule', meetingId: m._id, meetingTitle: m.title }] : [{ type: 'review', meetingId: m._id }],
      'MEETING.TOPIC_NOT_READY',
    );
    if (!also.ok) return also;
    const change = `列入议程：${topic.title}（${input.minutes} 分钟${kind === 'review' ? '，评议' : ''}）`;
    return planOf(ctx, caller, [{ type: 'setAgenda', agenda, nextItem: m.nextItem + 1, change }], [also.data]);
  });
});
