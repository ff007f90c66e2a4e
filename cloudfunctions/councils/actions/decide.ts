import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, failSaying } from '../../../shared/api/envelope';
import { tally } from '../../../shared/councils/agenda';
import { newAction } from '../../../shared/councils/topic.factory';
import type { Companion } from '../../_core/mover';
import { loadBallots } from '../meeting-store';
import { meetingAction, moveMeeting, notNow, planOf, topicCompanion } from '../meeting-steps';
import { checkTexts } from '../../_core/text-check';
import { loadTopic } from '../topic-store';

/**
 * 记录结果 of one item: the outcome, the notes and (adopted only) the action items, with the tally
 * counted from the ballots. The item's topic is decided in the same transaction: adopted with
 * actions it is under way (落实中), deferred it is back to adopted. A review item (民主评议会)
 * records its outcome on the meeting only: its topic was marked reviewed when it was put on the agenda.
 */
export const decide = meetingAction(councilsApi.decide, 'decide', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const early = notNow(m, { type: 'decide', itemId: input.itemId, outcome: input.outcome, notes: '', tally: null });
  if (early) return early;
  const item = m.agenda.find((i) => i.id === input.itemId);
  if (!item) return fail('MEETING.ITEM_NOT_FOUND', 'payload.itemId');
  if (item.outcome !== null) return fail('MEETING.ITEM_DECIDED', 'payload.itemId');
  if (input.actions.length > 0 && (input.outcome !== 'adopted' || item.kind !== 'decide')) {
    return failSaying('COMMON.INVALID_INPUT', 'payload.actions', '只有表决通过的议题可以安排行动项');
  }
  const checked = await checkTexts(ctx, [
    [input.notes, 'payload.notes'],
    ...input.actions.flatMap((a, i): [string, string][] => [
      [a.text, `payload.actions.${i}.text`],
      [a.ownerName, `payload.actions.${i}.ownerName`],
    ]),
  ]);
  if (!checked.ok) return checked;
  return moveMeeting(ctx, caller, ref, async () => {
    const [ballots, topic] = await Promise.all([
      item.voting === 'none' ? null : loadBallots(ctx.ports.store, m._id, item.id),
      item.kind === 'decide' ? loadTopic(ctx.ports.store, item.topicId) : null,
    ]);
    const counted = ballots ? tally(ballots) : null;
    const also: Companion[] = [];
    if (item.kind === 'decide') {
      if (!topic) return fail('TOPIC.NOT_FOUND', 'payload.itemId');
      const actions = input.actions.map((a, i) =>
        newAction(
          topic,
          { text: a.text, ownerName: a.ownerName, ...(a.ownerId ? { ownerId: a.ownerId } : {}), deadline: a.deadline, budget: a.budget, category: a.category },
          ctx.now,
          i,
        ),
      );
      const decided = topicCompanion(
        ctx,
        caller,
        m,
        topic,
        [{ type: 'decide', meetingId: m._id, outcome: input.outcome, notes: input.notes, tally: counted, actions }],
        'TOPIC.NOT_ALLOWED_NOW',
      );
      if (!decided.ok) return decided;
      also.push(decided.data);
    }
    return planOf(ctx, caller, [{ type: 'decide', itemId: item.id, outcome: input.outcome, notes: input.notes, tally: counted }], also);
  });
});
