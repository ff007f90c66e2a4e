import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { makeToken } from '../../../shared/stations/codes';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { defineAction } from '../../_core/pipeline';
import { codeImage, type UserDoc } from '../steps';

/** 我的个人码: a leader scans it to post on my behalf. The token says nothing about who I am. */
export const myCode = defineAction(stationsApi.myCode, {
  authorize: (actor) => authorizeStations(actor, { action: 'myCode' }),
  run: async (ctx, _input, actor) => {
    let token = (actor.user as UserDoc).personalToken;
    if (!token) {
      token = makeToken(ctx.ports.ids.randomInts(10));
      const written = await ctx.commit([{ op: 'update', collection: 'users', id: actor.user._id, version: actor.user.version, patch: { $set: { personalToken: token } } }], {
        subjectId: actor.user._id,
        detail: { event: 'personalCode' },
      });
      if (!written.ok) return written;
    }
    return ok(await codeImage(ctx, { kind: 'person', token }, null));
  },
});
