import { ok } from '../../../shared/api/envelope';
import { csvText } from '../../../shared/kernel/csv';
import { CHECK_STATE_LABELS, type CheckItem } from '../../../shared/liuyou/check.lifecycle';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { mayRunStreet } from '../../../shared/liuyou/liuyou.policy';
import { itemScore, REVIEW_LABELS } from '../../../shared/liuyou/score';
import { ITEM_KIND_LABELS, MECHANISM_LABELS } from '../../../shared/liuyou/template';
import { defineAction } from '../../_core/pipeline';
import type { CheckDoc } from '../check-store';
import { kindLabelOf } from '../check-view';
import { loadStreetScope } from '../street';

const HEADER = ['社区', '类型', '周期', '方面', '项目', '填写方式', '填写情况', '目标', '佐证数', '审核结果', '审核意见', '项目得分(%)', '方面得分', '总分', '状态'];

/** What the community put in, as a cell: 有/无, the number with its unit, or blank. */
function answerText(i: CheckItem): string {
  if (i.kind === 'count') return i.value === null ? '' : `${i.value}${i.unit}`;
  if (i.answer === null) return i.kind === 'evidence' && i.evidence.length > 0 ? '有' : '';
  return i.answer ? '有' : '无';
}

/**
 * A period's checks of the street as CSV, one line per community × item, communities in tree order:
 * the answers, evidence counts, the review and the scores. No personal data: nobody's name or phone.
 */
export const exportCsv = defineAction(liuyouApi.exportCsv, {
  load: (ctx, input) => loadStreetScope(ctx.ports.store, input.streetId),
  authorize: (caller, _input, { street }) => (mayRunStreet(caller, street) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, { street, places }) => {
    const checks = await ctx.ports.store.find<CheckDoc>(
      'liuyou_checks',
      { 'path.streetId': street._id, period: input.period },
      {
        sort: [
          ['path.streetId', 1],
          ['period', 1],
        ],
        limit: 1000,
      },
    );
    const order = new Map(places.map((p, i) => [p._id, i]));
    const sorted = [...checks].sort((a, b) => (order.get(a.communityId) ?? 1e9) - (order.get(b.communityId) ?? 1e9) || a.communityId.localeCompare(b.communityId));
    const lines = sorted.flatMap((c) =>
      c.items.map((i) => [
        c.communityName,
        kindLabelOf(c.nodeKind),
        input.period,
        MECHANISM_LABELS[i.mechanism],
        i.title,
        ITEM_KIND_LABELS[i.kind],
        answerText(i),
        i.target ?? '',
        i.evidence.length,
        REVIEW_LABELS[i.review],
        i.reviewComment,
        Math.round(itemScore(i) * 100),
        c.score.mechanisms[i.mechanism].score ?? '',
        c.score.overall,
        CHECK_STATE_LABELS[c.state],
      ]),
    );
    return ok({ filename: `六有自查_${street.name}_${input.period}.csv`, csv: csvText([HEADER, ...lines]), rows: lines.length });
  },
});
