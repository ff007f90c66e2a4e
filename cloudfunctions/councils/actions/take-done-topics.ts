import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, failSaying } from '../../../shared/api/envelope';
import { agendaTotal, MAX_AGENDA_ITEMS } from '../../../shared/councils/agenda';
import type { AgendaItem, Meeting } from '../../../shared/councils/meeting.lifecycle';
import type { Companion } from '../../_core/mover';
import type { NodeDoc } from '../../_core/nodes';
import type { ActionContext } from '../../_core/pipeline';
import type { TopicDoc } from '../topic-store';
import { meetingAction, moveMeeting, notNow, planOf, topicCompanion } from '../meeting-steps';
import { itemKindOf } from './add-item';

/** Minutes each review item is given when the meeting has room for it. */
export const REVIEW_MINUTES = 10;

/** The done topics of the meeting's grid (or of each grid of its community), newest first, on the topics' grid_state index. */
async function doneTopics(ctx: ActionContext, m: Meeting): Promise<TopicDoc[]> {
  const store = ctx.ports.store;
  const grids =
    m.level === 'grid'
      ? [m.path.gridId ?? '']
      : (
          await store.find<NodeDoc>(
            'nodes',
            { parentId: m.path.communityId ?? '', kind: 'grid' },
            {
              sort: [
                ['parentId', 1],
                ['order', 1],
              ],
              limit: 100,
            },
          )
        ).map((g) => g._id);
  return store.find<TopicDoc>(
    'topics',
    { 'path.gridId': { $in: grids }, state: 'done' },
    {
      sort: [
        ['path.gridId', 1],
        ['state', 1],
        ['createdAt', -1],
      ],
      limit: 200,
    },
  );
}

/**
 * 民主评议会, in one step: every done topic of its place not yet reviewed goes on the agenda to be
 * reviewed (each marked reviewed by this meeting in the same transaction), as many as the agenda
 * has places for. Each gets 10 minutes, or, when the time left is short, the time left shared
 * equally (whole minutes, at least one each); when not even a minute each is left, the error says
 * by how many minutes the agenda would run over.
 */
export const takeDoneTopics = meetingAction(councilsApi.takeDoneTopics, 'takeDoneTopics', async (ctx, _input, caller, ref) => {
  const m = ref.meeting;
  if (m.type !== '民主评议会') return failSaying('MEETING.NOT_ALLOWED_NOW', 'payload.meetingId', '只有民主评议会可以一键列入已办结的议题');
  const early = notNow(m, { type: 'setAgenda', agenda: [], nextItem: 0, change: '' });
  if (early) return early;
  return moveMeeting(ctx, caller, ref, async () => {
    const onAgenda = new Set(m.agenda.map((i) => i.topicId));
    const ready = (await doneTopics(ctx, m)).filter((t) => !onAgenda.has(t._id) && itemKindOf(m, t) === 'review');
    if (ready.length === 0) return fail('MEETING.NO_REVIEW_TOPICS', 'payload.meetingId');
    const room = MAX_AGENDA_ITEMS - m.agenda.length;
    if (room <= 0) return fail('MEETING.AGENDA_FULL', 'payload.meetingId');
    const taken = ready.slice(0, room);
    const free = m.lengthMinutes - agendaTotal(m.agenda);
    const each = Math.min(REVIEW_MINUTES, Math.floor(free / taken.length));
    if (each < 1) return failSaying('MEETING.AGENDA_OVERRUN', 'payload.meetingId', `议程总时长超过会议时长 ${taken.length - free} 分钟，请缩短议程或延长会议`);
    const items: AgendaItem[] = taken.map((t, i) => ({
      id: `i${m.nextItem + i}`,
      topicId: t._id,
      title: t.title,
      presenterId: m.convenerId,
      presenterName: m.convenerName,
      minutes: each,
      kind: 'review',
      voting: 'none',
      outcome: null,
      notes: '',
      tally: null,
    }));
    const also: Companion[] = [];
    for (const t of taken) {
      const reviewed = topicCompanion(ctx, caller, m, t, [{ type: 'review', meetingId: m._id }], 'MEETING.NO_REVIEW_TOPICS');
      if (!reviewed.ok) return reviewed;
      also.push(reviewed.data);
    }
    const change = `列入 ${taken.length} 个已办结议题接受评议（每项 ${each} 分钟）`;
    return planOf(ctx, caller, [{ type: 'setAgenda', agenda: [...m.agenda, ...items], nextItem: m.nextItem + taken.length, change }], also);
  });
});
