import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail } from '../../../shared/api/envelope';
import { moveItem as moved } from '../../../shared/councils/agenda';
import { meetingAction, moveMeeting, planOf } from '../meeting-steps';

/** 上移 / 下移 one place (the first item up, the last down, stays where it is). */
export const moveItem = meetingAction(councilsApi.moveItem, 'moveItem', async (ctx, input, caller, ref) => {
  const m = ref.meeting;
  const item = m.agenda.find((i) => i.id === input.itemId);
  if (!item) return fail('MEETING.ITEM_NOT_FOUND', 'payload.itemId');
  const agenda = moved(m.agenda, item.id, input.direction);
  const change = `议程调整：「${item.title}」${input.direction === 'up' ? '上移' : '下移'}`;
  return moveMeeting(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'setAgenda', agenda, nextItem: m.nextItem, change }]));
});
