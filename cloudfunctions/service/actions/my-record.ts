import { serviceApi } from '../../../shared/service/service.contract';
import { ok } from '../../../shared/api/envelope';
import { authorizeService } from '../../../shared/service/service.policy';
import { defineAction } from '../../_core/pipeline';
import { recordOf } from '../steps';

/** 我的服务记录: hours by source (never mixed), points and star level. */
export const myRecord = defineAction(serviceApi.myRecord, {
  authorize: (actor) => authorizeService(actor, { action: 'myRecord' }),
  run: async (ctx, _input, actor) => ok(await recordOf(ctx, actor)),
});
