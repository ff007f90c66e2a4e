import type { Actor } from '../../../shared/accounts/accounts.policy';
import { ok, type Result } from '../../../shared/api/envelope';
import type { CodePayload } from '../../../shared/stations/codes';
import { scanOffers } from '../../../shared/stations/stations.policy';
import type { ScanResult } from '../../../shared/stations/stations.schema';
import type { ActionContext } from '../../_core/pipeline';

/**
 * A meeting's rotating sign-in code (fresh: `readScene` answered CODE.EXPIRED for an old one): it
 * offers the sign-in and names the meeting. `councils.signIn` with the same scene decides whether
 * the scanner may sign in (who may see the meeting, while it is in session).
 */
export async function scanMeeting(_ctx: ActionContext, actor: Actor, payload: Extract<CodePayload, { kind: 'meeting' }>): Promise<Result<ScanResult>> {
  return ok({ kind: 'meeting', offers: scanOffers(actor, { kind: 'meeting' }), note: null, station: null, person: null, meetingId: payload.meetingId });
}
