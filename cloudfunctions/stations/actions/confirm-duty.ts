import { stationsApi } from '../../../shared/stations/stations.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { awaitsConfirmation, dutySubject } from '../../../shared/stations/duty.lifecycle';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { toDutyView } from '../../../shared/stations/stations.view';
import { move } from '../../_core/mover';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import { DUTIES, dutyActor, type DutyDoc } from '../duty-store';
import { findStation } from '../steps';

/**
 * 确认时长: a leader confirms the hours of an unplanned duty the scheduler closed (计划外, a closed
 * day, after hours) — what the person really served, never more than the recorded span, 0 to
 * credit nothing. Once only; never one's own duty; audited with the span and the reason.
 */
export const confirmDuty = defineAction(stationsApi.confirmDuty, {
  load: async (ctx, input) => {
    const duty = await ctx.ports.store.get<DutyDoc>('duty', input.dutyId);
    const station = duty ? await findStation(ctx, duty.stationId) : null;
    return duty && station ? ok({ duty, station }) : fail('COMMON.NOT_FOUND', 'payload.dutyId');
  },
  authorize: (actor, _input, { duty, station }) => authorizeStations(actor, { action: 'confirmDuty', station, duty }),
  run: async (ctx, input, actor, { duty, station }) => {
    // The lifecycle refuses it too; asked first, a duty with nothing to confirm costs no read of its entry.
    if (!awaitsConfirmation(duty)) return fail('DUTY.NOTHING_TO_CONFIRM', 'payload.dutyId');
    const moved = await move(ctx, DUTIES, dutySubject(duty), dutyActor(actor.user), async () => {
      // The entry as read: the confirmation's update is guarded by its version and counts from it (rollups).
      const entry = await ctx.ports.store.get<Doc & { version: number }>('service_records', `duty.${duty._id}`);
      return ok({ events: [{ type: 'confirm', minutes: input.minutes, note: input.note, by: actor.user._id, at: ctx.now }], x: entry ? { entry } : {} });
    });
    // Two leaders confirming at once: the second finds it confirmed.
    return moved.ok ? ok({ duty: toDutyView(moved.doc, station.name) }) : fail('DUTY.NOTHING_TO_CONFIRM', 'payload.dutyId');
  },
});
