import { NODE_KIND_LABELS, type NodeKind } from '../territory/territory.schema';
import { CHECK_STATE_LABELS, type Check, type CheckItem } from './check.lifecycle';
import { itemScore, REVIEW_LABELS } from './score';
import { ITEM_KIND_LABELS, MECHANISM_LABELS } from './template';

/**
 * The 六有 checks as a table, one line per community × item: the answers, evidence counts, the review
 * and the scores. The street's CSV (`liuyou.exportCsv`) and the dashboard's export both write it. No
 * personal data: nobody's name or phone.
 */
export const LIUYOU_EXPORT_HEADER = [
  '社区',
  '类型',
  '周期',
  '方面',
  '项目',
  '填写方式',
  '填写情况',
  '目标',
  '佐证数',
  '审核结果',
  '审核意见',
  '项目得分(%)',
  '方面得分',
  '总分',
  '状态',
];

/** What the community put in, as a cell: 有/无, the number with its unit, or blank. */
function answerText(i: CheckItem): string {
  if (i.kind === 'count') return i.value === null ? '' : `${i.value}${i.unit}`;
  if (i.answer === null) return i.kind === 'evidence' && i.evidence.length > 0 ? '有' : '';
  return i.answer ? '有' : '无';
}

type ExportedCheck = Pick<Check, 'communityName' | 'nodeKind' | 'period' | 'items' | 'score' | 'state'>;

/** The lines of some checks, in the order given. */
export function liuyouExportRows(checks: readonly ExportedCheck[]): (string | number)[][] {
  return checks.flatMap((c) =>
    c.items.map((i) => [
      c.communityName,
      NODE_KIND_LABELS[c.nodeKind as NodeKind] ?? '社区',
      c.period,
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
}
