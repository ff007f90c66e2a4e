import { stationsApi } from '../../../shared/stations/stations.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { dutySubject } from '../../../shared/stations/duty.lifecycle';
import { toDutyView } from '../../../shared/stations/stations.view';
import { move } from '../../_core/mover';
import { defineAction } from '../../_core/pipeline';
import { DUTIES, dutyActor, openDutyOf } from '../duty-store';
import { onCheckinCode } from '../steps';

/** Check out by scanning the current code again; the duty's hours enter the service record. */
export const checkOut = defineAction(stationsApi.checkOut, {
  ...onCheckinCode('checkOut'),
  run: async (ctx, _input, actor, { station }) => {
    const open = await openDutyOf(ctx.ports.store, actor.user._id);
    if (!open || open.stationId !== station._id) return fail('DUTY.NOT_ON_DUTY');
    const moved = await move(ctx, DUTIES, dutySubject(open), dutyActor(actor.user), () => ok({ events: [{ type: 'checkOut', at: ctx.now }], x: {} }));
    return moved.ok ? ok({ duty: toDutyView(moved.doc, station.name), repeated: false }) : fail('COMMON.CONFLICT');
  },
});
