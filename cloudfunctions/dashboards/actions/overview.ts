import { ok } from '../../../shared/api/envelope';
import { dashboardsApi } from '../../../shared/dashboard/dashboard.contract';
import { EXPORT_DATASETS } from '../../../shared/dashboard/dashboard.schema';
import { mayExportContacts } from '../../../shared/dashboard/export';
import { kindOfPeriod, periodLabel } from '../../../shared/dashboard/period';
import { councilsSection, hoursSection, orderCategories, orderMeasures, propertySection, ROLLUP_KINDS, type RollupCounts } from '../../../shared/dashboard/sections';
import { measuresOfCounts } from '../../../shared/orders/order.rollup';
import { sumCounts } from '../../../shared/kernel/rollup';
import type { NodeDoc } from '../../_core/nodes';
import type { Doc } from '../../_core/ports/store';
import type { RollupDoc } from '../../_core/rollups';
import { defineAction } from '../../_core/pipeline';
import { liuyouSection, type ScoreDoc } from '../liuyou-section';
import { authorizePlace, loadPlace, periodMonths } from '../steps';

/**
 * The dashboard of a place for a period: every figure read from the rollups in one round of
 * parallel reads (the place's own months, its children's, their names, the 六有 scores), so its cost
 * does not grow with the number of orders.
 */
export const overview = defineAction(dashboardsApi.overview, {
  load: (ctx, input) => loadPlace(ctx.ports.store, input.nodeId),
  authorize: (actor, _input, place) => authorizePlace(actor, place),
  run: async (ctx, input, actor, place) => {
    const { months, previousPeriod, previousMonths, trendMonths } = periodMonths(input.period);
    const own = [...new Set([...trendMonths, ...months, ...previousMonths])];
    const store = ctx.ports.store;
    const [mine, kids, childNodes, scores, community] = await Promise.all([
      store.find<RollupDoc>(
        'rollups',
        { kind: { $in: [...ROLLUP_KINDS] }, nodeId: place.scopeId, month: { $in: own } },
        {
          sort: [
            ['kind', 1],
            ['nodeId', 1],
            ['month', 1],
          ],
          limit: 1000,
        },
      ),
      place.childKey
        ? store.find<RollupDoc>(
            'rollups',
            // The child places' orders, and (for a community) its compounds' questionnaire answers.
            { kind: { $in: ['orders', 'property'] }, parentId: place.scopeId, month: { $in: months } },
            {
              sort: [
                ['kind', 1],
                ['parentId', 1],
                ['month', 1],
              ],
              limit: 1000,
            },
          )
        : Promise.resolve([] as RollupDoc[]),
      place.childKey
        ? store.find<NodeDoc>(
            'nodes',
            { parentId: place.node._id },
            {
              sort: [
                ['parentId', 1],
                ['order', 1],
              ],
              limit: 1000,
            },
          )
        : Promise.resolve([] as NodeDoc[]),
      store.find<ScoreDoc & Doc>(
        'liuyou_scores',
        { streetId: place.node.path.streetId },
        {
          sort: [
            ['streetId', 1],
            ['period', -1],
          ],
          limit: 500,
        },
      ),
      place.level === 'grid' && place.node.path.communityId ? store.get<NodeDoc>('nodes', place.node.path.communityId) : Promise.resolve(null),
    ]);
    const docs: RollupCounts[] = mine;
    const children = childNodes
      .filter((c) => (place.childKey === 'gridId' ? c.kind === 'grid' : c.kind === 'community' || c.kind === 'settlement'))
      .map((c) => ({ nodeId: c._id, nodeName: c.name, ...measuresOfCounts(sumCounts(kids.filter((k) => k.kind === 'orders' && k.nodeId === c._id).map((k) => k.t))) }));
    const compounds = kids.filter((k) => k.kind === 'property' && k.level === 'compound');
    return ok({
      node: { id: place.node._id, name: place.node.name, kind: place.node.kind, level: place.level },
      period: input.period,
      periodKind: kindOfPeriod(input.period),
      periodLabel: periodLabel(input.period),
      previousPeriod,
      previousLabel: periodLabel(previousPeriod),
      measures: orderMeasures(docs, months),
      previous: orderMeasures(docs, previousMonths),
      trend: trendMonths.map((month) => ({ month, ...orderMeasures(docs, [month]) })),
      categories: orderCategories(docs, months, previousMonths),
      children,
      hours: hoursSection(docs, months, previousMonths, trendMonths),
      councils: councilsSection(docs, months, previousMonths, trendMonths),
      property: propertySection(docs, months, previousMonths, trendMonths, compounds),
      liuyou: liuyouSection(place, scores, months[months.length - 1]!, community ? [community] : childNodes),
      exports: [...EXPORT_DATASETS],
      mayExportContacts: mayExportContacts(actor, place.node, 'orders'),
    });
  },
});
