import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import type { TxOp } from '../../_core/ports/store';
import { rollId, type Ballot, type Roll } from '../meeting-store';
import { meetingAction } from '../meeting-steps';

/**
 * 表决: one ballot per signed-in participant and item, while the item's voting is open. The ballot
 * is its own document and the meeting is never written, so fifty people voting at once do not
 * contend for anything: a second ballot of the same person is a duplicate insert (ALREADY_VOTED).
 *
 * Only participants vote: the invited and the convener, signed in.
 *
 * Named ballots are `<meetingId>.<itemId>.<userId>` with the voter. An anonymous meeting's ballot
 * (民主评议会, 民意听证会) has a random id, no voter and no time; the roll
 * (`<meetingId>.<itemId>.<userId>`, inserted in the same transaction) says who voted and not how, and
 * the audit entry says that a vote was cast, never the choice. The answer carries no tally (the
 * meeting's view has it live), so a vote is one write after the reads of the meeting and the
 * caller's sign-in.
 */
export const vote = meetingAction(
  councilsApi.vote,
  'vote',
  async (ctx, input, caller, ref) => {
    const m = ref.meeting;
    if (m.state !== 'inSession') return fail('MEETING.NOT_ALLOWED_NOW');
    const item = m.agenda.find((i) => i.id === input.itemId);
    if (!item) return fail('MEETING.ITEM_NOT_FOUND', 'payload.itemId');
    if (!ref.mine) return fail('MEETING.NOT_SIGNED_IN', 'payload.meetingId');
    // Attendees who were not invited (列席) are present but do not vote; the convener does.
    if (!ref.mine.invited && m.convenerId !== caller.user._id) return fail('MEETING.NOT_A_PARTICIPANT', 'payload.meetingId');
    if (item.voting !== 'open') return fail('MEETING.VOTE_NOT_OPEN', 'payload.itemId');
    const me = caller.user._id;
    const ops: TxOp[] = [];
    if (m.anonymous) {
      const roll: Roll = { _id: rollId(m._id, item.id, me), meetingId: m._id, itemId: item.id, userId: me, at: ctx.now };
      const ballot: Ballot = { _id: ctx.ports.ids.id('blt'), meetingId: m._id, itemId: item.id, choice: input.choice };
      ops.push({ op: 'insert', collection: 'council_rolls', doc: roll }, { op: 'insert', collection: 'council_ballots', doc: ballot });
    } else {
      const ballot: Ballot = { _id: rollId(m._id, item.id, me), meetingId: m._id, itemId: item.id, choice: input.choice, voterId: me };
      ops.push({ op: 'insert', collection: 'council_ballots', doc: ballot });
    }
    const detail: Record<string, string | boolean> = m.anonymous
      ? { event: 'meeting.vote', itemId: item.id, anonymous: true }
      : { event: 'meeting.vote', itemId: item.id, choice: input.choice };
    const res = await ctx.transact(ops, { subjectId: m._id, detail });
    if (!res.ok) return res.reason === 'duplicate' && res.index === 0 ? fail('MEETING.ALREADY_VOTED', 'payload.itemId') : fail('COMMON.CONFLICT');
    return ok({ itemId: item.id, voted: true as const, tally: null });
  },
  { timeline: false },
);
