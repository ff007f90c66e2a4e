import { ok } from '../../../shared/api/envelope';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { loadTemplates } from '../check-store';
import { mayReadTemplates, templatesOutput } from '../template-view';

/** A street's 六有 template: the version new checks start from, and the versions before it. */
export const templates = defineAction(liuyouApi.templates, {
  load: async (ctx, input) => {
    const [street, versions] = await Promise.all([loadNodeOf(ctx.ports.store, input.streetId, 'payload.streetId', ['street']), loadTemplates(ctx.ports.store, input.streetId)]);
    return street.ok ? ok({ street: street.data, versions }) : street;
  },
  authorize: (caller, _input, { street }) => (mayReadTemplates(caller, street._id) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, _input, _caller, { versions }) => ok(templatesOutput(versions, ctx.now)),
});
