import type { Actor } from '../../../shared/accounts/accounts.policy';
import { ok, type Result } from '../../../shared/api/envelope';
import type { CodePayload } from '../../../shared/stations/codes';
import { scanOffers } from '../../../shared/stations/stations.policy';
import type { ScanResult } from '../../../shared/stations/stations.schema';
import type { ActionContext } from '../../_core/pipeline';

/** A meeting's sign-in code: offered, and handed to the councils when they open. */
export async function scanMeeting(_ctx: ActionContext, actor: Actor, _payload: Extract<CodePayload, { kind: 'meeting' }>): Promise<Result<ScanResult>> {
  return ok({ kind: 'meeting', offers: scanOffers(actor, { kind: 'meeting' }), note: '会议签到将在议事功能中开放', station: null, person: null });
}
