import { serviceApi } from '../../../shared/service/service.contract';
import { ok } from '../../../shared/api/envelope';
import { authorizeService } from '../../../shared/service/service.policy';
import { defineAction } from '../../_core/pipeline';
import { dispatchProfileOf, recordOf } from '../steps';

/** The volunteer's own profile: party member, in-service unit and branch (双报到), skills, hours, 常在位置. */
export const updateVolunteerProfile = defineAction(serviceApi.updateVolunteerProfile, {
  authorize: (actor) => authorizeService(actor, { action: 'updateVolunteerProfile' }),
  run: async (ctx, input, actor) => {
    const volunteer = {
      partyMember: input.partyMember,
      inService: input.inService,
      skills: input.skills,
      ...(input.inService ? { workUnit: input.workUnit, partyBranch: input.partyBranch } : {}),
    };
    // Dispatch reads skills and hours from the volunteer's dispatch profile, when they have one.
    const dispatch = await dispatchProfileOf(ctx, actor.user._id);
    const written = await ctx.commit(
      [
        { op: 'update', collection: 'users', id: actor.user._id, version: actor.user.version, patch: { $set: { volunteer, updatedAt: ctx.now } } },
        ...(dispatch
          ? [
              {
                op: 'update' as const,
                collection: 'volunteers',
                id: dispatch._id,
                version: dispatch.version,
                patch: { $set: { skills: input.skills, availability: input.availability, ...(input.point !== undefined ? { point: input.point } : {}) } },
              },
            ]
          : []),
      ],
      { subjectId: actor.user._id, detail: { event: 'volunteerProfile', inService: input.inService } },
    );
    if (!written.ok) return written;
    const user = { ...actor.user, volunteer, updatedAt: ctx.now, version: actor.user.version + 1 };
    const point = input.point !== undefined ? input.point : (dispatch?.point ?? null);
    return ok(await recordOf(ctx, { ...actor, user }, dispatch ? { availability: input.availability, point } : null));
  },
});
