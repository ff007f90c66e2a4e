import { fail, ok } from '../../../shared/api/envelope';
import type { ErrorCode } from '../../../shared/errors';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { mayRunStreet } from '../../../shared/liuyou/liuyou.policy';
import { AUTO_SOURCE_LABELS, DEFAULT_TEMPLATE, templateIdOf, templateProblems, type ItemDef, type Template } from '../../../shared/liuyou/template';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { checkTexts } from '../../_core/text-check';
import { loadTemplates, type TemplateDoc } from '../check-store';
import { templatesOutput } from '../template-view';

/**
 * A street publishes a new version of its 六有 template. It is checked whole (thresholds, item
 * shapes, every mechanism present) and its words pass the content check; it is stored as the next
 * version and never changed again. Checks already started keep the items they copied.
 */
export const publishTemplate = defineAction(liuyouApi.publishTemplate, {
  load: async (ctx, input) => {
    const [street, versions] = await Promise.all([loadNodeOf(ctx.ports.store, input.streetId, 'payload.streetId', ['street']), loadTemplates(ctx.ports.store, input.streetId)]);
    return street.ok ? ok({ street: street.data, versions }) : street;
  },
  authorize: (caller, _input, { street }) => (mayRunStreet(caller, street) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, { street, versions }) => {
    // An automatic item without its own unit takes its source's.
    const items: ItemDef[] = input.items.map((i) => ({ ...i, unit: i.unit || (i.auto ? AUTO_SOURCE_LABELS[i.auto].unit : '') }));
    const [problem] = templateProblems({ items, thresholds: input.thresholds });
    if (problem) return fail(problem.code as ErrorCode, problem.field);
    const checked = await checkTexts(ctx, [
      [input.name, 'payload.name'],
      [input.note, 'payload.note'],
      ...items.flatMap((i, n): [string, string][] => [
        [i.title, `payload.items.${n}.title`],
        [i.hint, `payload.items.${n}.hint`],
      ]),
    ]);
    if (!checked.ok) return checked;

    let known = versions;
    for (let attempt = 0; attempt < 3; attempt++) {
      // The built-in default is version 1: a street's first own version is 2.
      const version = (known[0]?.version ?? DEFAULT_TEMPLATE.version) + 1;
      const template: Template = {
        _id: templateIdOf(street._id, version),
        streetId: street._id,
        version,
        name: input.name,
        periodKind: input.periodKind,
        thresholds: input.thresholds,
        items,
        note: input.note,
        publishedAt: ctx.now,
        publishedBy: caller.user._id,
        publishedByName: caller.user.name,
      };
      const res = await ctx.transact([{ op: 'insert', collection: 'liuyou_templates', doc: template as TemplateDoc }], {
        subjectId: template._id,
        detail: { event: 'liuyou.publishTemplate', version, items: items.length },
      });
      if (res.ok) return ok(templatesOutput([template, ...known], ctx.now));
      // Another admin published the same version a moment ago: take the next one.
      known = await loadTemplates(ctx.ports.store, street._id);
    }
    return fail('COMMON.CONFLICT');
  },
});
