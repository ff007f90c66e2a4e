import fc from 'fast-check';
import { allowedPairs, NOT_ALLOWED_NOW, runLifecycle, type Change } from '../../../../shared/kernel/lifecycle';
import { checkIdOf, newCheck } from '../../../../shared/liuyou/check.factory';
import {
  CHECK_STATES,
  checkLifecycle,
  checkPage,
  firstUnanswered,
  isEditable,
  isUnderReview,
  MAX_EVIDENCE,
  nextCheckState,
  type AutoFigure,
  type Check,
  type CheckContext,
  type CheckEvent,
  type CheckItem,
  type CheckState,
  type Evidence,
} from '../../../../shared/liuyou/check.lifecycle';
import { itemScore, scoreCheck, type Review } from '../../../../shared/liuyou/score';
import { DEFAULT_TEMPLATE, type Template } from '../../../../shared/liuyou/template';

/**
 * The 六有 check lifecycle without a store: the table, what each step does, the guards, and
 * invariants over any chain of steps the community and the street could take.
 */

const NOW = '2026-11-23T02:00:00.000Z';
const PATH = { streetId: 'S', communityId: 'C1' };
const ADMIN = { id: 'A', name: '陈丽华' };
const STREET = { id: 'R', name: '周卫东' };
const minutes = (n: number, from = NOW) => new Date(Date.parse(from) + n * 60_000).toISOString();
const ctx = (now = NOW, by: CheckContext['by'] = ADMIN): CheckContext => ({ now, by });

const ITEMS = DEFAULT_TEMPLATE.items;
const AUTO_IDS = ITEMS.filter((i) => i.auto !== null).map((i) => i.id);
const figures = (value: number, at = NOW): Record<string, AutoFigure> => Object.fromEntries(AUTO_IDS.map((id) => [id, { value, at }]));

const fresh = (template: Template = DEFAULT_TEMPLATE): Check =>
  newCheck({
    template,
    community: { _id: 'C1', name: '幸福里社区', kind: 'community', path: PATH },
    period: '2026-Q4',
    figures: figures(10),
    by: { id: ADMIN.id },
    now: NOW,
  });

let evidenceSeq = 0;
const note = (text = '情况说明', at = NOW): Evidence => ({ id: `ev${++evidenceSeq}`, kind: 'note', fileId: null, name: '', text, by: ADMIN.id, byName: ADMIN.name, at });
const fill = (itemId: string, f: { answer: boolean | null } | { value: number | null }): CheckEvent => ({ type: 'fill', itemId, fill: f });
const addEvidence = (itemId: string, evidence: Evidence = note()): CheckEvent => ({ type: 'addEvidence', itemId, evidence });
const review = (itemId: string, verdict: Exclude<Review, 'pending'>, comment = ''): CheckEvent => ({ type: 'review', itemId, verdict, comment });

/** Events that answer every item a person fills: 有 with evidence where needed, the target, a note. */
function fillAll(c: Pick<Check, 'items'>): CheckEvent[] {
  return c.items.flatMap((i): CheckEvent[] => {
    if (i.auto) return [];
    const withEvidence = i.evidenceRequired && i.evidence.length === 0 ? [addEvidence(i.id)] : [];
    if (i.kind === 'yesno') return [fill(i.id, { answer: true }), ...withEvidence];
    if (i.kind === 'count') return [fill(i.id, { value: i.target ?? 1 }), ...withEvidence];
    return i.evidence.length === 0 ? [addEvidence(i.id)] : [];
  });
}

function run(c: Check, events: readonly CheckEvent[], x: CheckContext = ctx()): Change<Check> {
  const r = runLifecycle(checkLifecycle, c, events, x);
  if (!r.ok) throw new Error(`${r.event}: ${r.refusal.code} ${r.refusal.field ?? ''}`);
  return r.change;
}
const after = (c: Check, events: readonly CheckEvent[], x: CheckContext = ctx()) => run(c, events, x).after;
const refusal = (c: Check, events: readonly CheckEvent[], x: CheckContext = ctx()) => {
  const r = runLifecycle(checkLifecycle, c, events, x);
  return r.ok ? null : r.refusal;
};
const itemOf = (c: Pick<Check, 'items'>, id: string) => c.items.find((i) => i.id === id)!;

// The stages of one check, each a few minutes after the one before.
const T = { fill: NOW, submit: minutes(10), review: minutes(20), ret: minutes(30), fix: minutes(40), resubmit: minutes(50), score: minutes(60) };
const RETURNED = 'manage.partyOrg';
const filled = () => after(fresh(), fillAll(fresh()));
const submitted = () => after(filled(), [{ type: 'submit', figures: figures(20, T.submit) }], ctx(T.submit));
/** Every item reviewed: approved, except those given another verdict. */
const reviewedAll = (c: Check, verdicts: Record<string, Exclude<Review, 'pending'>> = {}) =>
  after(
    c,
    c.items.map((i) => review(i.id, verdicts[i.id] ?? 'approved', verdicts[i.id] && verdicts[i.id] !== 'approved' ? '材料不全，请补充' : '')),
    ctx(T.review, STREET),
  );
const returned = () => after(reviewedAll(submitted(), { [RETURNED]: 'returned' }), [{ type: 'returnCheck' }], ctx(T.ret, STREET));

// ---- the table --------------------------------------------------------------------------------

const SAMPLES: CheckEvent[] = [
  fill('x', { answer: true }),
  addEvidence('x'),
  { type: 'removeEvidence', itemId: 'x', evidenceId: 'e' },
  { type: 'refresh', figures: {} },
  { type: 'submit', figures: {} },
  review('x', 'approved'),
  { type: 'returnCheck' },
  { type: 'score' },
  { type: 'resubmit' },
  { type: 'linkTask', itemId: 'x', taskId: 't', ownerName: '李建国', dueDate: '2026-12-31' },
  { type: 'taskDone', itemId: 'x', note: '已整改' },
];

describe('check lifecycle table', () => {
  it('allows exactly these (state, event, next state) triples', () => {
    expect(allowedPairs(checkLifecycle, SAMPLES)).toEqual([
      ['draft', 'fill', 'filling'],
      ['draft', 'addEvidence', 'filling'],
      ['draft', 'removeEvidence', 'filling'],
      ['draft', 'refresh', 'draft'],
      ['filling', 'fill', 'filling'],
      ['filling', 'addEvidence', 'filling'],
      ['filling', 'removeEvidence', 'filling'],
      ['filling', 'refresh', 'filling'],
      ['filling', 'submit', 'submitted'],
      ['filling', 'linkTask', 'filling'],
      ['filling', 'taskDone', 'filling'],
      ['submitted', 'review', 'submitted'],
      ['submitted', 'returnCheck', 'returned'],
      ['submitted', 'score', 'scored'],
      ['submitted', 'linkTask', 'submitted'],
      ['submitted', 'taskDone', 'submitted'],
      ['returned', 'fill', 'returned'],
      ['returned', 'addEvidence', 'returned'],
      ['returned', 'removeEvidence', 'returned'],
      ['returned', 'resubmit', 'resubmitted'],
      ['returned', 'linkTask', 'returned'],
      ['returned', 'taskDone', 'returned'],
      ['resubmitted', 'review', 'resubmitted'],
      ['resubmitted', 'returnCheck', 'returned'],
      ['resubmitted', 'score', 'scored'],
      ['resubmitted', 'linkTask', 'resubmitted'],
      ['resubmitted', 'taskDone', 'resubmitted'],
      ['scored', 'linkTask', 'scored'],
      ['scored', 'taskDone', 'scored'],
    ]);
  });

  it('keeps a scored check scored: only its tasks move on', () => {
    for (const e of SAMPLES) expect([e.type, nextCheckState('scored', e)]).toEqual([e.type, e.type === 'linkTask' || e.type === 'taskDone' ? 'scored' : null]);
  });

  it('lets nobody edit a check under review or scored', () => {
    for (const s of ['submitted', 'resubmitted', 'scored'] as const) {
      expect(isEditable(s)).toBe(false);
      for (const t of ['fill', 'addEvidence', 'removeEvidence', 'refresh', 'submit'] as const)
        expect([
          s,
          t,
          nextCheckState(
            s,
            SAMPLES.find((e) => e.type === t)!,
          ),
        ]).toEqual([s, t, null]);
    }
    expect(CHECK_STATES.filter(isEditable)).toEqual(['draft', 'filling', 'returned']);
    expect(CHECK_STATES.filter(isUnderReview)).toEqual(['submitted', 'resubmitted']);
  });
});

// ---- a new check -------------------------------------------------------------------------------

describe('newCheck', () => {
  it('copies the template version it starts with, counts the automatic figures and scores itself', () => {
    const c = fresh();
    expect(c).toMatchObject({
      _id: checkIdOf('C1', '2026-Q4'),
      state: 'draft',
      version: 0,
      communityId: 'C1',
      nodeKind: 'community',
      path: PATH,
      period: '2026-Q4',
      periodKind: 'quarter',
      templateId: DEFAULT_TEMPLATE._id,
      templateVersion: 1,
      thresholds: DEFAULT_TEMPLATE.thresholds,
      rounds: 0,
      frozenAt: null,
    });
    expect(c._id).toBe('lyc_C1_2026-Q4');
    expect(c.items.map((i) => i.id)).toEqual(ITEMS.map((i) => i.id));
    for (const i of c.items) {
      expect(i).toMatchObject({ answer: null, evidence: [], review: 'pending', taskId: null, changedAt: null });
      expect([i.id, i.value, i.autoAt]).toEqual(i.auto ? [i.id, 10, NOW] : [i.id, null, null]);
    }
    expect(c.score).toEqual(scoreCheck(c.items, c.thresholds));
    expect(firstUnanswered(c)?.id).toBe(ITEMS[0]!.id);
    expect(checkPage(c)).toBe('/packages/liuyou/check/index?id=lyc_C1_2026-Q4');
  });

  it('leaves an automatic item empty when the records gave no figure for it', () => {
    const c = newCheck({
      template: DEFAULT_TEMPLATE,
      community: { _id: 'C1', name: '幸福里社区', kind: 'community', path: PATH },
      period: '2026-H2',
      figures: {},
      by: { id: 'A' },
      now: NOW,
    });
    expect(c.periodKind).toBe('half');
    for (const id of AUTO_IDS) expect(itemOf(c, id)).toMatchObject({ value: null, autoAt: null });
  });

  it('is not changed by a later template version (it holds its own copy)', () => {
    const template: Template = { ...DEFAULT_TEMPLATE, items: DEFAULT_TEMPLATE.items.map((i) => ({ ...i })) };
    const c = fresh(template);
    const snapshot = JSON.stringify(c);
    template.items[0]!.weight = 9;
    template.items.pop();
    template.thresholds = { green: 99, amber: 98 };
    expect(JSON.stringify(c)).toBe(snapshot);
  });
});

// ---- one example per effect -----------------------------------------------------------------------

describe('check effects', () => {
  it('fill sets the answer, who changed it and when, moves a draft to filling and rescores', () => {
    const c = after(fresh(), [fill('funds.partyFees', { answer: true })], ctx(T.fill));
    expect(c.state).toBe('filling');
    expect(itemOf(c, 'funds.partyFees')).toMatchObject({ answer: true, changedAt: T.fill, changedBy: ADMIN.id, changedByName: ADMIN.name });
    expect(c.updatedAt).toBe(T.fill);
    expect(c.score).toEqual(scoreCheck(c.items, c.thresholds));
    expect(c.score.mechanisms.funds.score).toBeGreaterThan(fresh().score.mechanisms.funds.score!);
    expect(c.score.answered).toBe(fresh().score.answered + 1);
  });

  it('fill of a count takes a number, and null clears an answer', () => {
    const c = after(fresh(), [fill('people.workers', { value: 4 })]);
    expect(itemOf(c, 'people.workers').value).toBe(4);
    expect(run(fresh(), [fill('people.workers', { value: 4 })]).timeline).toEqual([{ kind: 'fill', text: '社区工作者在岗人数：4人' }]);
    const cleared = run(c, [fill('people.workers', { value: null })]);
    expect(itemOf(cleared.after, 'people.workers').value).toBeNull();
    expect(cleared.timeline[0]!.text).toContain('清空');
  });

  it('a yes/no item that needs evidence scores only once the evidence is there', () => {
    const answered = after(fresh(), [fill(RETURNED, { answer: true })]);
    expect(itemScore(itemOf(answered, RETURNED))).toBe(0);
    const ev = note('支部成立批复');
    const proved = after(answered, [addEvidence(RETURNED, ev)], ctx(minutes(1)));
    expect(itemOf(proved, RETURNED).evidence).toEqual([ev]);
    expect(itemOf(proved, RETURNED).changedAt).toBe(minutes(1));
    expect(itemScore(itemOf(proved, RETURNED))).toBe(1);
    expect(proved.score.mechanisms.manage.score).toBeGreaterThan(answered.score.mechanisms.manage.score!);
    // Removing it takes the score away again.
    const removed = after(proved, [{ type: 'removeEvidence', itemId: RETURNED, evidenceId: ev.id }], ctx(minutes(2)));
    expect(itemOf(removed, RETURNED).evidence).toEqual([]);
    expect(itemOf(removed, RETURNED).changedAt).toBe(minutes(2));
    expect(removed.score).toEqual(answered.score);
  });

  it('refuses evidence past MAX_EVIDENCE and the removal of evidence that is not there', () => {
    const full = after(
      fresh(),
      Array.from({ length: MAX_EVIDENCE }, () => addEvidence('place.multiUse')),
    );
    expect(itemOf(full, 'place.multiUse').evidence).toHaveLength(MAX_EVIDENCE);
    expect(refusal(full, [addEvidence('place.multiUse')])).toEqual({ code: 'LIUYOU.EVIDENCE_FULL', field: 'payload.itemId' });
    expect(refusal(full, [{ type: 'removeEvidence', itemId: 'place.multiUse', evidenceId: 'nope' }])).toEqual({ code: 'LIUYOU.EVIDENCE_NOT_FOUND', field: 'payload.evidenceId' });
    expect(refusal(fresh(), [addEvidence('place.nope')])).toEqual({ code: 'LIUYOU.ITEM_NOT_FOUND', field: 'payload.itemId' });
  });

  it('refuses to fill an automatic item, a number into a yes/no item, a yes/no into a count, or an unknown item', () => {
    expect(refusal(fresh(), [fill('people.volunteers', { value: 99 })])).toEqual({ code: 'LIUYOU.ITEM_AUTOMATIC', field: 'payload.itemId' });
    expect(refusal(fresh(), [fill('people.volunteers', { answer: true })])).toEqual({ code: 'LIUYOU.ITEM_AUTOMATIC', field: 'payload.itemId' });
    expect(refusal(fresh(), [fill('funds.partyFees', { value: 1 })])).toEqual({ code: 'LIUYOU.ITEM_KIND', field: 'payload.value' });
    expect(refusal(fresh(), [fill('people.workers', { answer: true })])).toEqual({ code: 'LIUYOU.ITEM_KIND', field: 'payload.answer' });
    expect(refusal(fresh(), [fill('manage.nope', { answer: true })])).toEqual({ code: 'LIUYOU.ITEM_NOT_FOUND', field: 'payload.itemId' });
    // An evidence item answers 无 with `answer: false`, never with a number.
    expect(itemOf(after(fresh(), [fill('manage.plan', { answer: false })]), 'manage.plan').answer).toBe(false);
    expect(refusal(fresh(), [fill('manage.plan', { value: 1 })])).toEqual({ code: 'LIUYOU.ITEM_KIND', field: 'payload.value' });
  });

  it('lets a person add evidence beside an automatic figure without changing the figure', () => {
    const c = after(fresh(), [addEvidence('people.volunteers')]);
    expect(itemOf(c, 'people.volunteers')).toMatchObject({ value: 10, autoAt: NOW });
    expect(itemOf(c, 'people.volunteers').evidence).toHaveLength(1);
  });

  it('refresh sets the figures of automatic items only, and keeps the state', () => {
    const at = minutes(5);
    const c = run(fresh(), [{ type: 'refresh', figures: { ...figures(15, at), 'people.workers': { value: 99, at }, 'manage.partyOrg': { value: 1, at } } }], ctx(at));
    expect(c.after.state).toBe('draft');
    for (const id of AUTO_IDS) expect(itemOf(c.after, id)).toMatchObject({ value: 15, autoAt: at });
    expect(itemOf(c.after, 'people.workers').value).toBeNull();
    expect(itemOf(c.after, 'manage.partyOrg').value).toBeNull();
    expect(c.after.score).toEqual(scoreCheck(c.after.items, c.after.thresholds));
    // A figure the records do not give leaves the item as it was.
    const partial = after(fresh(), [{ type: 'refresh', figures: { 'place.dutyHours': { value: 120, at } } }], ctx(at));
    expect(itemOf(partial, 'place.dutyHours').value).toBe(120);
    expect(itemOf(partial, 'people.volunteers')).toMatchObject({ value: 10, autoAt: NOW });
  });

  it('submit refuses while an item a person fills is unanswered, naming the first one', () => {
    const events = fillAll(fresh()).filter((e) => !('itemId' in e) || e.itemId !== 'place.office');
    const almost = after(fresh(), events);
    expect(refusal(almost, [{ type: 'submit', figures: {} }])).toEqual({ code: 'LIUYOU.INCOMPLETE', field: 'items.place.office' });
    // A draft cannot be submitted at all.
    expect(refusal(fresh(), [{ type: 'submit', figures: {} }])).toEqual({ code: NOT_ALLOWED_NOW });
  });

  it('submit freezes the automatic figures it carries and tells the leaders of the street', () => {
    const c = run(filled(), [{ type: 'submit', figures: figures(20, T.submit) }], ctx(T.submit));
    expect(c.after).toMatchObject({ state: 'submitted', submittedAt: T.submit, frozenAt: T.submit });
    for (const id of AUTO_IDS) expect(itemOf(c.after, id)).toMatchObject({ value: 20, autoAt: T.submit });
    expect(c.after.score).toEqual(scoreCheck(c.after.items, c.after.thresholds));
    expect(c.notify).toEqual([
      {
        to: { leadersOf: { path: PATH, level: 'street' } },
        template: 'liuyou.submitted',
        title: '六有自查待审核',
        body: `幸福里社区2026年第四季度六有自查已提交，自评 ${c.after.score.overall} 分`,
        page: checkPage(c.after),
        facts: { subject: '幸福里社区2026年第四季度六有自查' },
      },
    ]);
    expect(c.audit).toMatchObject({ event: 'liuyou.submit', score: c.after.score.overall });
    // Nothing refreshes them afterwards.
    expect(refusal(c.after, [{ type: 'refresh', figures: figures(99) }])).toEqual({ code: NOT_ALLOWED_NOW });
  });

  it('review records the verdict, the trimmed comment and when; returning or failing needs a comment', () => {
    const s = submitted();
    const c = after(s, [review('people.workers', 'returned', '  请上传花名册 ')], ctx(T.review, STREET));
    expect(itemOf(c, 'people.workers')).toMatchObject({ review: 'returned', reviewComment: '请上传花名册', reviewedAt: T.review });
    expect(c.state).toBe('submitted');
    expect(refusal(s, [review('people.workers', 'returned', '   ')])).toEqual({ code: 'LIUYOU.COMMENT_REQUIRED', field: 'payload.comment' });
    expect(refusal(s, [review('people.workers', 'failed', '')])).toEqual({ code: 'LIUYOU.COMMENT_REQUIRED', field: 'payload.comment' });
    expect(refusal(s, [review('people.nope', 'approved')])).toEqual({ code: 'LIUYOU.ITEM_NOT_FOUND', field: 'payload.itemId' });
    expect(itemOf(after(s, [review('people.workers', 'approved')]), 'people.workers').review).toBe('approved');
    // A failed item scores nothing, and the check's score follows.
    const failed = after(s, [review('funds.partyFees', 'failed', '未使用党费')]);
    expect(failed.score.mechanisms.funds.score).toBeLessThan(s.score.mechanisms.funds.score!);
    expect(failed.score).toEqual(scoreCheck(failed.items, failed.thresholds));
    // The street cannot review a check still being filled.
    expect(refusal(filled(), [review('people.workers', 'approved')])).toEqual({ code: NOT_ALLOWED_NOW });
  });

  it('finishing a review needs a verdict on every item; a returned item blocks the score, no returned item blocks a return', () => {
    const s = submitted();
    expect(refusal(s, [{ type: 'returnCheck' }])).toEqual({ code: 'LIUYOU.REVIEW_INCOMPLETE', field: `items.${ITEMS[0]!.id}` });
    expect(refusal(s, [{ type: 'score' }])).toEqual({ code: 'LIUYOU.REVIEW_INCOMPLETE', field: `items.${ITEMS[0]!.id}` });
    const partly = after(s, [review(ITEMS[0]!.id, 'approved')]);
    expect(refusal(partly, [{ type: 'score' }])).toEqual({ code: 'LIUYOU.REVIEW_INCOMPLETE', field: `items.${ITEMS[1]!.id}` });
    const withReturn = reviewedAll(s, { [RETURNED]: 'returned' });
    expect(refusal(withReturn, [{ type: 'score' }])).toEqual({ code: 'LIUYOU.ITEMS_RETURNED' });
    const allApproved = reviewedAll(s);
    expect(refusal(allApproved, [{ type: 'returnCheck' }])).toEqual({ code: 'LIUYOU.NOTHING_RETURNED' });
    expect(refusal(reviewedAll(s, { 'funds.social': 'failed' }), [{ type: 'returnCheck' }])).toEqual({ code: 'LIUYOU.NOTHING_RETURNED' });
  });

  it('returnCheck moves the check to returned, counts a round and tells the community which items', () => {
    const c = run(reviewedAll(submitted(), { [RETURNED]: 'returned', 'people.workers': 'returned' }), [{ type: 'returnCheck' }], ctx(T.ret, STREET));
    expect(c.after).toMatchObject({ state: 'returned', returnedAt: T.ret, rounds: 1 });
    expect(c.notify).toHaveLength(1);
    expect(c.notify[0]).toMatchObject({ to: { leadersOf: { path: PATH, level: 'community' } }, template: 'liuyou.returned' });
    expect(c.notify[0]!.body).toContain('2 项');
    expect(c.notify[0]!.body).toContain(itemOf(c.after, RETURNED).title);
    expect(c.audit).toMatchObject({ event: 'liuyou.return', items: 2 });
  });

  it('in returned, only the returned items can be changed', () => {
    const r = returned();
    expect(refusal(r, [fill('funds.partyFees', { answer: false })])).toEqual({ code: 'LIUYOU.ITEM_LOCKED', field: 'payload.itemId' });
    expect(refusal(r, [addEvidence('place.multiUse')])).toEqual({ code: 'LIUYOU.ITEM_LOCKED', field: 'payload.itemId' });
    const ev = itemOf(r, 'place.multiUse').evidence[0]!;
    expect(refusal(r, [{ type: 'removeEvidence', itemId: 'place.multiUse', evidenceId: ev.id }])).toEqual({ code: 'LIUYOU.ITEM_LOCKED', field: 'payload.itemId' });
    const fixed = after(r, [addEvidence(RETURNED, note('补充支部名单'))], ctx(T.fix));
    expect(fixed.state).toBe('returned');
    expect(itemOf(fixed, RETURNED).evidence).toHaveLength(2);
  });

  it('resubmit needs every returned item changed since it was returned, and puts them back to pending', () => {
    const r = returned();
    expect(refusal(r, [{ type: 'resubmit' }])).toEqual({ code: 'LIUYOU.RETURNED_UNCHANGED', field: `items.${RETURNED}` });
    const fixed = after(r, [fill(RETURNED, { answer: true })], ctx(T.fix));
    const c = run(fixed, [{ type: 'resubmit' }], ctx(T.resubmit));
    expect(c.after).toMatchObject({ state: 'resubmitted', resubmittedAt: T.resubmit });
    expect(itemOf(c.after, RETURNED)).toMatchObject({ review: 'pending', reviewedAt: null });
    for (const i of c.after.items.filter((x) => x.id !== RETURNED)) expect([i.id, i.review]).toEqual([i.id, 'approved']);
    expect(c.after.score).toEqual(scoreCheck(c.after.items, c.after.thresholds));
    expect(c.notify.map((n) => n.to)).toEqual([{ leadersOf: { path: PATH, level: 'street' } }]);
    // The street reviews the resubmitted item, then scores.
    const scored = run(c.after, [review(RETURNED, 'approved'), { type: 'score' }], ctx(T.score, STREET));
    expect(scored.after).toMatchObject({ state: 'scored', scoredAt: T.score, rounds: 2 });
    expect(scored.notify.map((n) => [n.to, n.template])).toEqual([[{ leadersOf: { path: PATH, level: 'community' } }, 'liuyou.scored']]);
    expect(scored.audit).toMatchObject({ event: 'liuyou.score', score: scored.after.score.overall, rating: scored.after.score.rating });
  });

  it('resubmit, like submit, needs every item a person fills answered: a returned item cleared while fixing it is refused', () => {
    const r = returned();
    const cleared = after(r, [fill(RETURNED, { answer: null })], ctx(T.fix));
    expect(refusal(cleared, [{ type: 'resubmit' }], ctx(T.resubmit))).toEqual({ code: 'LIUYOU.INCOMPLETE', field: `items.${RETURNED}` });
    expect(after(cleared, [fill(RETURNED, { answer: false }), { type: 'resubmit' }], ctx(T.resubmit)).state).toBe('resubmitted');
  });

  it('a change made before the return does not count as a fix', () => {
    const r = returned();
    // The item was last changed while filling, long before the return.
    expect(itemOf(r, RETURNED).changedAt! < r.returnedAt!).toBe(true);
    expect(refusal(r, [{ type: 'resubmit' }])?.code).toBe('LIUYOU.RETURNED_UNCHANGED');
  });

  it('nothing can be filled once the check is submitted, resubmitted or scored', () => {
    const s = submitted();
    const r = after(returned(), [fill(RETURNED, { answer: true })], ctx(T.fix));
    const re = after(r, [{ type: 'resubmit' }], ctx(T.resubmit));
    const sc = after(re, [review(RETURNED, 'approved'), { type: 'score' }], ctx(T.score, STREET));
    for (const c of [s, re, sc]) {
      expect([c.state, refusal(c, [fill('funds.partyFees', { answer: false })])]).toEqual([c.state, { code: NOT_ALLOWED_NOW }]);
      expect([c.state, refusal(c, [addEvidence(RETURNED)])]).toEqual([c.state, { code: NOT_ALLOWED_NOW }]);
    }
  });

  it('linkTask only for a returned or failed item, once; taskDone adds a line and changes nothing else', () => {
    const r = returned();
    const task = { type: 'linkTask' as const, taskId: 'lyk_1', ownerName: '李建国', dueDate: '2026-12-31' };
    expect(refusal(r, [{ ...task, itemId: 'funds.partyFees' }])).toEqual({ code: 'LIUYOU.TASK_ITEM', field: 'payload.itemId' });
    expect(refusal(r, [{ ...task, itemId: 'manage.nope' }])).toEqual({ code: 'LIUYOU.ITEM_NOT_FOUND', field: 'payload.itemId' });
    const linked = run(r, [{ ...task, itemId: RETURNED }], ctx(T.fix, STREET));
    expect(itemOf(linked.after, RETURNED).taskId).toBe('lyk_1');
    expect(linked.after.state).toBe('returned');
    expect(linked.timeline[0]!.text).toContain('李建国');
    expect(refusal(linked.after, [{ ...task, itemId: RETURNED, taskId: 'lyk_2' }])).toEqual({ code: 'LIUYOU.TASK_EXISTS', field: 'payload.itemId' });
    // A failed item in a scored check.
    const scored = after(reviewedAll(submitted(), { 'funds.social': 'failed' }), [{ type: 'score' }], ctx(T.score, STREET));
    expect(itemOf(after(scored, [{ ...task, itemId: 'funds.social' }]), 'funds.social').taskId).toBe('lyk_1');
    // Never in a draft.
    expect(refusal(fresh(), [{ ...task, itemId: RETURNED }])).toEqual({ code: NOT_ALLOWED_NOW });
    const done = run(linked.after, [{ type: 'taskDone', itemId: RETURNED, note: ' 已补齐支部名单 ' }]);
    expect(done.after).toEqual({ ...linked.after, state: 'returned' });
    expect(done.timeline).toEqual([{ kind: 'taskDone', text: `${itemOf(r, RETURNED).title}：整改完成（已补齐支部名单）` }]);
  });
});

// ---- properties over random chains ------------------------------------------------------------------

type Step =
  | { kind: 'fill'; item: number; shape: 'answer' | 'value' | 'clear'; answer: boolean; value: number }
  | { kind: 'fillAll' }
  | { kind: 'addEvidence'; item: number }
  | { kind: 'removeEvidence'; item: number; pick: number }
  | { kind: 'refresh' | 'submit'; value: number }
  | { kind: 'review'; item: number; verdict: Exclude<Review, 'pending'>; comment: boolean }
  | { kind: 'reviewAll'; returnItem: number | null; failItem: number | null }
  | { kind: 'returnCheck' | 'score' | 'resubmit' }
  | { kind: 'linkTask' | 'taskDone'; item: number };

const n = fc.nat(ITEMS.length - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      item: n,
      shape: fc.constantFrom('answer' as const, 'value' as const, 'clear' as const),
      answer: fc.boolean(),
      value: fc.integer({ min: 0, max: 150 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'fillAll' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('addEvidence' as const), item: n }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeEvidence' as const), item: n, pick: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refresh' as const), value: fc.integer({ min: 0, max: 150 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), value: fc.integer({ min: 0, max: 150 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      item: n,
      verdict: fc.constantFrom('approved' as const, 'returned' as const, 'failed' as const),
      comment: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reviewAll' as const), returnItem: fc.option(n, { freq: 2 }), failItem: fc.option(n, { freq: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('returnCheck' as const, 'score' as const, 'resubmit' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('linkTask' as const, 'taskDone' as const), item: n }) },
);
const chains = fc.array(step, { minLength: 1, maxLength: 40 });

/** The events a step stands for, given the check as it stands. */
function eventsOf(s: Step, c: Check, seq: number): CheckEvent[] {
  const itemAt = (i: number) => c.items[i % c.items.length]!;
  switch (s.kind) {
    case 'fill': {
      const id = itemAt(s.item).id;
      return [
        fill(id, s.shape === 'answer' ? { answer: s.answer } : s.shape === 'value' ? { value: s.value } : itemAt(s.item).kind === 'count' ? { value: null } : { answer: null }),
      ];
    }
    case 'fillAll':
      return fillAll(c);
    case 'addEvidence':
      return [addEvidence(itemAt(s.item).id, { ...note(), id: `evp${seq}` })];
    case 'removeEvidence': {
      const item = itemAt(s.item);
      const ev = item.evidence[s.pick % Math.max(1, item.evidence.length)];
      return [{ type: 'removeEvidence', itemId: item.id, evidenceId: ev?.id ?? 'missing' }];
    }
    case 'refresh':
    case 'submit':
      return [{ type: s.kind, figures: figures(s.value) }];
    case 'review':
      return [review(itemAt(s.item).id, s.verdict, s.comment ? '请补充材料' : '')];
    case 'reviewAll':
      return c.items.map((i, k) => {
        if (s.returnItem !== null && k === s.returnItem) return review(i.id, 'returned', '请补充');
        if (s.failItem !== null && k === s.failItem) return review(i.id, 'failed', '不达标');
        return review(i.id, 'approved');
      });
    case 'linkTask':
      return [{ type: 'linkTask', itemId: itemAt(s.item).id, taskId: `lyk_${seq}`, ownerName: '李建国', dueDate: '2026-12-31' }];
    case 'taskDone':
      return [{ type: 'taskDone', itemId: itemAt(s.item).id, note: '已整改' }];
    default:
      return [{ type: s.kind }];
  }
}

interface Move {
  step: Step;
  events: CheckEvent[];
  before: Check;
  after: Check | null;
  refusal: string | null;
}

/** Plays a chain one step a minute; a refused step leaves the check as it was. */
function play(steps: readonly Step[]): Move[] {
  let c = fresh();
  const moves: Move[] = [];
  steps.forEach((s, k) => {
    const events = eventsOf(s, c, k);
    const r = runLifecycle(checkLifecycle, c, events, ctx(minutes(k + 1), s.kind.startsWith('review') || s.kind === 'score' || s.kind === 'returnCheck' ? STREET : ADMIN));
    moves.push({ step: s, events, before: c, after: r.ok ? r.change.after : null, refusal: r.ok ? null : r.refusal.code });
    if (r.ok) c = r.change.after;
  });
  return moves;
}

/** One chain the whole way: recounted, filled, submitted, one item returned, fixed, resubmitted, scored. */
const WHOLE_WAY: Step[] = [
  { kind: 'refresh', value: 12 },
  { kind: 'fillAll' },
  { kind: 'submit', value: 30 },
  { kind: 'reviewAll', returnItem: 0, failItem: 5 },
  { kind: 'returnCheck' },
  { kind: 'fill', item: 0, shape: 'answer', answer: true, value: 0 },
  { kind: 'resubmit' },
  { kind: 'reviewAll', returnItem: null, failItem: 5 },
  { kind: 'score' },
  { kind: 'linkTask', item: 5 },
  { kind: 'fill', item: 1, shape: 'answer', answer: false, value: 0 },
];

describe('check lifecycle (property over random chains)', () => {
  it('reaches every state along the way', () => {
    const reached = new Set<CheckState>();
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) if (mv.after) reached.add(mv.after.state);
      }),
      { examples: [[WHOLE_WAY]] },
    );
    expect([...reached].sort()).toEqual([...CHECK_STATES].sort());
  });

  it('moves only as the table says, and a scored check stays scored', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (!mv.after) continue;
          const expected = mv.events.reduce<CheckState | null>((s, e) => (s === null ? null : nextCheckState(s, e)), mv.before.state);
          expect(mv.after.state).toBe(expected ?? mv.before.state);
          if (mv.before.state === 'scored') expect(mv.after.state).toBe('scored');
        }
      }),
      { examples: [[WHOLE_WAY]] },
    );
  });

  it('never lets anyone fill or change evidence while the check is under review or scored', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          const editing = mv.events.some((e) => e.type === 'fill' || e.type === 'addEvidence' || e.type === 'removeEvidence');
          if (editing && (isUnderReview(mv.before.state) || mv.before.state === 'scored')) expect([mv.before.state, mv.refusal]).toEqual([mv.before.state, NOT_ALLOWED_NOW]);
        }
      }),
      { examples: [[WHOLE_WAY]] },
    );
  });

  it('always stores the score its items make, keeps evidence within MAX_EVIDENCE and the template copy intact', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          const c = mv.after ?? mv.before;
          expect(c.score).toEqual(scoreCheck(c.items, c.thresholds));
          for (const i of c.items) expect(i.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE);
          expect(c.items.map((i) => [i.id, i.kind, i.weight, i.target, i.auto, i.evidenceRequired])).toEqual(
            ITEMS.map((i) => [i.id, i.kind, i.weight, i.target, i.auto, i.evidenceRequired]),
          );
        }
      }),
      { examples: [[WHOLE_WAY]] },
    );
  });

  it('freezes the automatic figures at submission and never lets a person write them', () => {
    const autoValues = (c: Check) => c.items.filter((i) => i.auto).map((i): [string, number | null, string | null] => [i.id, i.value, i.autoAt]);
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (!mv.after) continue;
          if (mv.before.frozenAt !== null) expect(autoValues(mv.after)).toEqual(autoValues(mv.before));
          if (!mv.events.some((e) => e.type === 'refresh' || e.type === 'submit')) expect(autoValues(mv.after)).toEqual(autoValues(mv.before));
        }
      }),
      { examples: [[WHOLE_WAY]] },
    );
  });

  it('resubmits only with every returned item changed after the return and every item answered, and never leaves a returned item behind', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (!mv.after || !mv.events.some((e) => e.type === 'resubmit')) continue;
          for (const i of mv.before.items.filter((x: CheckItem) => x.review === 'returned')) expect(i.changedAt! > mv.before.returnedAt!).toBe(true);
          expect(firstUnanswered({ items: mv.after.items.filter((i) => !i.auto) })).toBeNull();
          expect(mv.after.items.some((i) => i.review === 'returned')).toBe(false);
        }
      }),
      { examples: [[WHOLE_WAY]] },
    );
  });
});
