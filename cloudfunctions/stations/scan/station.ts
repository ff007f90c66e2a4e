import type { Actor } from '../../../shared/accounts/accounts.policy';
import { ok, type Result } from '../../../shared/api/envelope';
import type { CodePayload } from '../../../shared/stations/codes';
import { postingPlace } from '../../../shared/stations/station.domain';
import { scanOffers } from '../../../shared/stations/stations.policy';
import type { ScanResult } from '../../../shared/stations/stations.schema';
import type { ActionContext } from '../../_core/pipeline';
import { openDutyOf } from '../duty-store';
import { loadStation } from '../steps';

/**
 * A station's door code or its check-in screen: 报事 here with the grid filled in, or checking in
 * or out for the staff of the grids it serves.
 */
export async function scanStation(ctx: ActionContext, actor: Actor, payload: Extract<CodePayload, { kind: 'station' | 'checkin' }>): Promise<Result<ScanResult>> {
  const station = await loadStation(ctx, payload.stationId, 'payload.scene');
  if (!station.ok) return station;
  const s = station.data;
  const onDuty = payload.kind === 'checkin' ? (await openDutyOf(ctx.ports.store, actor.user._id))?.stationId === s._id : false;
  const offers = scanOffers(actor, { kind: payload.kind, stationPath: s.path, servesGridIds: s.servesGridIds ?? [], onDuty });
  return ok({
    kind: payload.kind,
    offers,
    note: offers.length ? null : '这是服务站的值班签到码，仅本站服务网格的网格长和志愿者可以签到',
    station: { id: s._id, name: s.name, communityId: s.path.communityId ?? '', ...postingPlace(actor.user.home, s.servesGridIds ?? []) },
    person: null,
  });
}
