import { stationsApi } from '../../../shared/stations/stations.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { checkInDuty } from '../../../shared/stations/duty.lifecycle';
import { serviceUnitOf } from '../../../shared/service/entry';
import { toDutyView } from '../../../shared/stations/stations.view';
import { create } from '../../_core/mover';
import { defineAction } from '../../_core/pipeline';
import { DUTIES, dutyActor, openDutyOf } from '../duty-store';
import { onCheckinCode } from '../steps';

/** Check in for duty by scanning the station's current code. Scanning again while on duty counts once. */
export const checkIn = defineAction(stationsApi.checkIn, {
  ...onCheckinCode('checkIn'),
  run: async (ctx, _input, actor, { station }) => {
    const open = await openDutyOf(ctx.ports.store, actor.user._id);
    if (open && open.stationId !== station._id) return fail('DUTY.ON_DUTY_ELSEWHERE');
    if (open) return ok({ duty: toDutyView(open, station.name), repeated: true });
    const change = checkInDuty(station, actor.user._id, ctx.now, serviceUnitOf(actor.user.volunteer));
    const made = await create(ctx, DUTIES, change.after, change, dutyActor(actor.user));
    if (made.ok) return ok({ duty: toDutyView(made.doc, station.name), repeated: false });
    // Two scans at once: the duty's id is the person's and the minute's, so the other one made it.
    const again = await openDutyOf(ctx.ports.store, actor.user._id);
    return again ? ok({ duty: toDutyView(again, station.name), repeated: true }) : fail('COMMON.CONFLICT');
  },
});
