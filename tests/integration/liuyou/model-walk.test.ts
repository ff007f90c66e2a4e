import fc from 'fast-check';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import type { CheckAction } from '../../../shared/liuyou/liuyou.policy';
import { scoreCheck, type Review, type ScoredItem } from '../../../shared/liuyou/score';
import type { ItemKind, MechanismKey } from '../../../shared/liuyou/template';
import { PERSONAS, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { ACTION_STATES, userIdOf, type CheckOut, type Item } from '../../helpers/liuyou';
import { later, MORNING } from '../../helpers/orders';

/**
 * Model-based walk of the 六有 check lifecycle through the real handlers. A small model of the
 * check — its state, each item's answer, evidence, verdict and task, when it was returned — says
 * what every call must answer (ok, or the exact error code) and what the check must look like after
 * it; the walk presses random buttons as the community admin, a grid leader and the street, and
 * after every step the check's state, items and score must match the model. A refused call changes
 * nothing. Deterministic (a fixed seed); each run walks its own check, of a long-past period.
 */

let gw: TestGateway;
let ownerId = '';
beforeAll(async () => {
  // Hundreds of calls a second from one persona: the gateway's rate limit (tests/integration/gateway.test.ts) is not what this walks.
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(MORNING);
  ownerId = await userIdOf(gw, PERSONAS.gridLeader);
});
afterAll(async () => {
  await gw.stop();
});

type Who = 'admin' | 'gridLeader' | 'street';
const PERSONA: Record<Who, string> = { admin: PERSONAS.communityAdmin, gridLeader: PERSONAS.gridLeader, street: PERSONAS.streetAdmin };

// ---- the model ----------------------------------------------------------------------------------

type State = 'draft' | 'filling' | 'submitted' | 'returned' | 'resubmitted' | 'scored';

interface ModelItem {
  id: string;
  mechanism: MechanismKey;
  kind: ItemKind;
  weight: number;
  target: number | null;
  evidenceRequired: boolean;
  auto: boolean;
  answer: boolean | null;
  value: number | null;
  evidence: string[];
  review: Review;
  /** The step of the last change by the community; -1 for never. */
  changedAt: number;
  task: boolean;
}
interface Model {
  checkId: string;
  state: State;
  items: ModelItem[];
  thresholds: { green: number; amber: number };
  /** The step the check was last returned at. */
  returnedAt: number;
  frozen: boolean;
}

/** The product rules, independent of the lifecycle's code: who may ask for an action at all. */
const ROLE: Record<CheckAction, Who[]> = {
  fill: ['admin', 'gridLeader'],
  addEvidence: ['admin', 'gridLeader'],
  removeEvidence: ['admin', 'gridLeader'],
  refresh: ['admin', 'gridLeader'],
  submit: ['admin'],
  resubmit: ['admin'],
  review: ['street'],
  finishReview: ['street'],
  createTask: ['admin', 'street'],
};
const MAX_EVIDENCE = 9;

const answered = (i: ModelItem) => (i.kind === 'yesno' ? i.answer !== null : i.kind === 'count' ? i.value !== null : i.evidence.length > 0 || i.answer === false);
const scored = (m: Model) =>
  scoreCheck(
    m.items.map((i): ScoredItem => ({
      mechanism: i.mechanism,
      kind: i.kind,
      weight: i.weight,
      evidenceRequired: i.evidenceRequired,
      target: i.target,
      answer: i.answer,
      value: i.value,
      evidence: i.evidence,
      review: i.review,
    })),
    m.thresholds,
  );

// ---- steps ------------------------------------------------------------------------------------

type Fill = { answer: boolean | null } | { value: number | null };
type Call = { who: Who; action: CheckAction; payload: Record<string, unknown>; fill?: Fill; itemId?: string; verdict?: Exclude<Review, 'pending'> };

type Step =
  | { kind: 'fill'; who: Who | 'right'; item: number; pick: number; value: number }
  | { kind: 'addEvidence'; who: Who | 'right'; item: number }
  | { kind: 'removeEvidence'; who: Who | 'right'; item: number; pick: number }
  | { kind: 'refresh' | 'submit' | 'resubmit' | 'finishReview'; who: Who | 'right' }
  | { kind: 'review'; who: Who | 'right'; item: number; verdict: Exclude<Review, 'pending'>; comment: boolean }
  | { kind: 'createTask'; who: Who | 'right'; item: number }
  | { kind: 'fillAll'; by: 'admin' | 'gridLeader' }
  | { kind: 'reviewAll'; returnItem: number | null; failItem: number | null }
  | { kind: 'fixReturned' };

const RIGHT: Record<CheckAction, Who> = {
  fill: 'gridLeader',
  addEvidence: 'gridLeader',
  removeEvidence: 'admin',
  refresh: 'gridLeader',
  submit: 'admin',
  resubmit: 'admin',
  review: 'street',
  finishReview: 'street',
  createTask: 'street',
};
const whoOf = (w: Who | 'right', action: CheckAction): Who => (w === 'right' ? RIGHT[action] : w);

/** The fill a step's pick stands for: 有, 无, a number, or clearing either. */
const fillOf = (pick: number, value: number): Fill => [{ answer: true }, { answer: false }, { value }, { answer: null }, { value: null }][pick % 5]!;
/** What a person answers for an item that is missing its answer or was returned: 有 or the target, or a note. */
const rightFill = (i: ModelItem): Fill | null => (i.kind === 'yesno' ? { answer: true } : i.kind === 'count' ? { value: i.target ?? 1 } : null);

/** The calls a step makes, given the model as it stands. */
function callsOf(s: Step, m: Model): Call[] {
  const checkId = m.checkId;
  const item = (n: number) => m.items[n % m.items.length]!;
  const note = (id: string, who: Who): Call => ({ who, action: 'addEvidence', itemId: id, payload: { checkId, itemId: id, kind: 'note', text: '佐证说明：资料已存档' } });
  const fill = (id: string, f: Fill, who: Who): Call => ({ who, action: 'fill', itemId: id, fill: f, payload: { checkId, itemId: id, ...f } });
  switch (s.kind) {
    case 'fill': {
      const i = item(s.item);
      return [fill(i.id, fillOf(s.pick, s.value), whoOf(s.who, 'fill'))];
    }
    case 'addEvidence':
      return [note(item(s.item).id, whoOf(s.who, 'addEvidence'))];
    case 'removeEvidence': {
      const i = item(s.item);
      const evidenceId = i.evidence[s.pick % Math.max(1, i.evidence.length)] ?? 'lyv_missing';
      return [{ who: whoOf(s.who, 'removeEvidence'), action: 'removeEvidence', itemId: i.id, payload: { checkId, itemId: i.id, evidenceId } }];
    }
    case 'review': {
      const i = item(s.item);
      return [
        {
          who: whoOf(s.who, 'review'),
          action: 'review',
          itemId: i.id,
          verdict: s.verdict,
          payload: { checkId, itemId: i.id, verdict: s.verdict, comment: s.comment ? '请补充材料' : '' },
        },
      ];
    }
    case 'createTask': {
      const i = item(s.item);
      return [{ who: whoOf(s.who, 'createTask'), action: 'createTask', itemId: i.id, payload: { checkId, itemId: i.id, ownerId, dueDate: '2026-12-31', note: '按审核意见整改' } }];
    }
    case 'fillAll':
      return m.items.flatMap((i): Call[] => {
        if (i.auto) return [];
        const f = rightFill(i);
        const calls: Call[] = f && !answered(i) ? [fill(i.id, f, s.by)] : [];
        if ((i.kind === 'evidence' || i.evidenceRequired) && i.evidence.length === 0) calls.push(note(i.id, s.by));
        return calls;
      });
    case 'reviewAll':
      // Not under review: one press of the button is enough to be refused.
      return m.items.slice(0, m.state === 'submitted' || m.state === 'resubmitted' ? m.items.length : 1).map((i, n): Call => {
        const verdict = n === s.returnItem ? 'returned' : n === s.failItem ? 'failed' : 'approved';
        return { who: 'street', action: 'review', itemId: i.id, verdict, payload: { checkId, itemId: i.id, verdict, comment: verdict === 'approved' ? '' : '材料不全' } };
      });
    case 'fixReturned':
      return m.items
        .filter((i) => i.review === 'returned')
        .map((i) => {
          const f = i.auto ? null : rightFill(i);
          return f ? fill(i.id, f, 'admin') : note(i.id, 'admin');
        });
    default:
      return [{ who: whoOf(s.who, s.kind), action: s.kind, payload: { checkId } }];
  }
}

/** What the model says a call must answer: 'ok' or the error code. */
function predict(m: Model, c: Call): string {
  if (!ROLE[c.action].includes(c.who)) return 'COMMON.FORBIDDEN';
  const i = c.itemId ? m.items.find((x) => x.id === c.itemId)! : null;
  if (!ACTION_STATES[c.action].includes(m.state)) return 'LIUYOU.NOT_ALLOWED_NOW';
  const locked = m.state === 'returned' && i !== null && i.review !== 'returned';
  switch (c.action) {
    case 'fill':
      if (locked) return 'LIUYOU.ITEM_LOCKED';
      if (i!.auto) return 'LIUYOU.ITEM_AUTOMATIC';
      return 'value' in c.fill! !== (i!.kind === 'count') ? 'LIUYOU.ITEM_KIND' : 'ok';
    case 'addEvidence':
      if (locked) return 'LIUYOU.ITEM_LOCKED';
      return i!.evidence.length >= MAX_EVIDENCE ? 'LIUYOU.EVIDENCE_FULL' : 'ok';
    case 'removeEvidence':
      if (locked) return 'LIUYOU.ITEM_LOCKED';
      return i!.evidence.includes(c.payload.evidenceId as string) ? 'ok' : 'LIUYOU.EVIDENCE_NOT_FOUND';
    case 'submit':
      return m.items.some((x) => !x.auto && !answered(x)) ? 'LIUYOU.INCOMPLETE' : 'ok';
    case 'review':
      return c.verdict !== 'approved' && c.payload.comment === '' ? 'LIUYOU.COMMENT_REQUIRED' : 'ok';
    case 'finishReview':
      return m.items.some((x) => x.review === 'pending') ? 'LIUYOU.REVIEW_INCOMPLETE' : 'ok';
    case 'resubmit':
      if (m.items.some((x) => x.review === 'returned' && x.changedAt <= m.returnedAt)) return 'LIUYOU.RETURNED_UNCHANGED';
      return m.items.some((x) => !x.auto && !answered(x)) ? 'LIUYOU.INCOMPLETE' : 'ok';
    case 'createTask':
      if (i!.review !== 'returned' && i!.review !== 'failed') return 'LIUYOU.TASK_ITEM';
      return i!.task ? 'LIUYOU.TASK_EXISTS' : 'ok';
    default:
      return 'ok';
  }
}

/** The model after a call the model said would succeed; `out` gives what it cannot know (new evidence ids, counted figures). */
function apply(m: Model, c: Call, step: number, out: CheckOut): void {
  const i = c.itemId ? m.items.find((x) => x.id === c.itemId)! : null;
  const serverItem = (id: string) => out.check.items.find((x) => x.id === id)!;
  const takeFigures = () => {
    for (const x of m.items) if (x.auto) x.value = serverItem(x.id).value;
  };
  switch (c.action) {
    case 'fill':
      if ('value' in c.fill!) i!.value = c.fill.value;
      else i!.answer = c.fill!.answer;
      i!.changedAt = step;
      if (m.state === 'draft') m.state = 'filling';
      return;
    case 'addEvidence': {
      const added = serverItem(i!.id)
        .evidence.map((e: { id: string }) => e.id)
        .filter((id: string) => !i!.evidence.includes(id));
      expect(added).toHaveLength(1);
      i!.evidence.push(added[0]);
      i!.changedAt = step;
      if (m.state === 'draft') m.state = 'filling';
      return;
    }
    case 'removeEvidence':
      i!.evidence = i!.evidence.filter((id) => id !== c.payload.evidenceId);
      i!.changedAt = step;
      if (m.state === 'draft') m.state = 'filling';
      return;
    case 'refresh':
      takeFigures();
      return;
    case 'submit':
      takeFigures();
      m.frozen = true;
      m.state = 'submitted';
      return;
    case 'review':
      i!.review = c.verdict!;
      return;
    case 'finishReview':
      if (m.items.some((x) => x.review === 'returned')) {
        m.state = 'returned';
        m.returnedAt = step;
      } else m.state = 'scored';
      return;
    case 'resubmit':
      for (const x of m.items) if (x.review === 'returned') x.review = 'pending';
      m.state = 'resubmitted';
      return;
    case 'createTask':
      i!.task = true;
      return;
  }
}

/** The check as the server shows it must be the model's: state, every item, and the score they make. */
function expectMatches(m: Model, out: CheckOut, what: string): void {
  const c = out.check;
  expect([what, c.state]).toEqual([what, m.state]);
  expect([what, c.items.map((i: Item) => [i.id, i.answer, i.value, i.evidence.map((e: { id: string }) => e.id), i.review, i.taskId !== null])]).toEqual([
    what,
    m.items.map((i) => [i.id, i.answer, i.value, i.evidence, i.review, i.task]),
  ]);
  const card = scored(m);
  expect([what, c.overall.score, c.overall.rating, c.answered]).toEqual([what, card.overall, card.rating, card.answered]);
  expect([what, c.mechanisms.map((x: { key: MechanismKey; score: number | null }) => [x.key, x.score])]).toEqual([
    what,
    Object.entries(card.mechanisms).map(([k, v]) => [k, v.score]),
  ]);
  if (m.frozen) expect([what, c.frozenAt]).not.toEqual([what, null]);
}

// ---- the walk ---------------------------------------------------------------------------------

const who = fc.constantFrom<Who | 'right'>('right', 'right', 'right', 'right', 'admin', 'gridLeader', 'street');
const n = fc.nat(40);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('fill' as const), who, item: n, pick: fc.nat(9), value: fc.integer({ min: 0, max: 150 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('addEvidence' as const), who, item: n }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeEvidence' as const), who, item: n, pick: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refresh' as const), who }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('submit' as const, 'resubmit' as const, 'finishReview' as const), who }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      who,
      item: n,
      verdict: fc.constantFrom('approved' as const, 'returned' as const, 'failed' as const),
      comment: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createTask' as const), who, item: n }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fillAll' as const), by: fc.constantFrom('admin' as const, 'gridLeader' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reviewAll' as const), returnItem: fc.option(fc.nat(26), { freq: 2 }), failItem: fc.option(fc.nat(26), { freq: 3 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'fixReturned' as const }) },
);

/** One walk the whole way: filled, submitted, one item returned and one failed, fixed, resubmitted, scored, a task. */
const WHOLE_WAY: Step[] = [
  { kind: 'fill', who: 'right', item: 0, pick: 0, value: 0 },
  { kind: 'submit', who: 'right' },
  { kind: 'fillAll', by: 'gridLeader' },
  { kind: 'fill', who: 'right', item: 6, pick: 0, value: 0 }, // an automatic item: refused
  { kind: 'submit', who: 'gridLeader' }, // forbidden
  { kind: 'submit', who: 'right' },
  { kind: 'fill', who: 'admin', item: 1, pick: 1, value: 0 }, // submitted: not now
  { kind: 'finishReview', who: 'right' }, // nothing reviewed yet
  { kind: 'reviewAll', returnItem: 0, failItem: 20 },
  { kind: 'finishReview', who: 'right' },
  { kind: 'resubmit', who: 'right' }, // not changed yet
  { kind: 'fill', who: 'gridLeader', item: 1, pick: 1, value: 0 }, // locked
  { kind: 'createTask', who: 'right', item: 0 },
  { kind: 'createTask', who: 'admin', item: 0 }, // once
  { kind: 'fill', who: 'admin', item: 0, pick: 3, value: 0 }, // the returned item cleared
  { kind: 'resubmit', who: 'right' }, // changed, but unanswered
  { kind: 'fixReturned' },
  { kind: 'resubmit', who: 'right' },
  { kind: 'reviewAll', returnItem: null, failItem: 20 },
  { kind: 'finishReview', who: 'right' },
  { kind: 'fill', who: 'admin', item: 1, pick: 1, value: 0 }, // scored: final
  { kind: 'createTask', who: 'admin', item: 20 },
];

/** Another way round: an automatic item returned (fixed by evidence beside its figure), a task refused for an approved item. */
const AUTO_RETURNED: Step[] = [
  { kind: 'fillAll', by: 'admin' },
  { kind: 'addEvidence', who: 'right', item: 3 },
  { kind: 'removeEvidence', who: 'right', item: 3, pick: 0 },
  { kind: 'submit', who: 'right' },
  { kind: 'refresh', who: 'right' }, // frozen
  { kind: 'review', who: 'right', item: 3, verdict: 'returned', comment: false }, // a comment is required
  { kind: 'reviewAll', returnItem: 3, failItem: null },
  { kind: 'finishReview', who: 'right' },
  { kind: 'fill', who: 'admin', item: 3, pick: 2, value: 100 }, // automatic: never by hand
  { kind: 'fixReturned' },
  { kind: 'resubmit', who: 'gridLeader' }, // forbidden
  { kind: 'resubmit', who: 'right' },
  { kind: 'reviewAll', returnItem: null, failItem: null },
  { kind: 'finishReview', who: 'right' },
  { kind: 'createTask', who: 'right', item: 5 },
];

/**
 * A walk: a random opening (nothing, filled, submitted, or returned with a random item), so that the
 * random steps after it start in every part of the lifecycle, then 10–30 random steps.
 */
const walk: fc.Arbitrary<Step[]> = fc
  .tuple(fc.nat(3), fc.nat(26), fc.option(fc.nat(26), { freq: 2 }), fc.array(step, { minLength: 10, maxLength: 30 }))
  .map(([opening, returnItem, failItem, rest]): Step[] => {
    const filled: Step[] = [{ kind: 'fillAll', by: 'admin' }];
    const submitted: Step[] = [...filled, { kind: 'submit', who: 'right' }];
    const returned: Step[] = [...submitted, { kind: 'reviewAll', returnItem, failItem }, { kind: 'finishReview', who: 'right' }];
    return [...[[], filled, submitted, returned][opening]!, ...rest];
  });

let runs = 0;
/** A long-past period of its own for each run: 2010-Q1, 2010-Q2, … */
const periodOfRun = () => {
  const k = runs++;
  return `${2010 + Math.floor(k / 4)}-Q${(k % 4) + 1}`;
};

async function callAs<T = CheckOut>(w: Who, action: string, payload: unknown): Promise<CallResult<T>> {
  gw.ports.clock.set(later(gw.ports.clock.now(), 1));
  return gw.call<T>(PERSONA[w], 'liuyou', action, payload);
}

describe('the 六有 check lifecycle, walked through the gateway against a model', () => {
  it('answers every call as the model predicts, and the check always looks as the model says', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(walk, async (steps) => {
        const started = await callAs('admin', 'startCheck', { communityId: 'cm01', period: periodOfRun() });
        if (!started.body.ok) throw new Error(`startCheck: ${started.body.error.code}`);
        const v = started.body.data.check;
        const m: Model = {
          checkId: v.id,
          state: 'draft',
          thresholds: v.thresholds,
          returnedAt: -1,
          frozen: false,
          items: v.items.map((i: Item) => ({
            id: i.id,
            mechanism: i.mechanism,
            kind: i.kind as ItemKind,
            weight: i.weight,
            target: i.target,
            evidenceRequired: i.evidenceRequired,
            auto: i.auto !== null,
            answer: null,
            value: i.value,
            evidence: [],
            review: 'pending',
            changedAt: -1,
            task: false,
          })),
        };
        expectMatches(m, started.body.data, 'start');
        let k = 0;
        for (const s of steps) {
          for (const c of callsOf(s, m)) {
            k++;
            const what = `#${k} ${c.who} ${c.action} ${c.itemId ?? ''} in ${m.state}`;
            const want = predict(m, c);
            const before = JSON.stringify(await gw.store.get('liuyou_checks', m.checkId));
            const res = await callAs(c.who, c.action, c.payload);
            expect(res.status).toBeLessThan(500);
            expect([what, res.body.ok ? 'ok' : res.body.error.code]).toEqual([what, want]);
            if (!res.body.ok) {
              // Every refusal is one the contract declares for the action.
              expect([what, (liuyouApi[c.action].errors as readonly string[]).includes(res.body.error.code)]).toEqual([what, true]);
              expect([what, JSON.stringify(await gw.store.get('liuyou_checks', m.checkId))]).toEqual([what, before]);
              continue;
            }
            const frozenFigures = m.frozen ? m.items.filter((i) => i.auto).map((i) => i.value) : null;
            apply(m, c, k, res.body.data);
            // Figures frozen by the submission never change again.
            if (frozenFigures) expect([what, m.items.filter((i) => i.auto).map((i) => i.value)]).toEqual([what, frozenFigures]);
            reached.add(`${m.state}`);
            reached.add(`${c.action}:${m.state}`);
            expectMatches(m, res.body.data, what);
          }
        }
        // What the street reads at the end is the same check.
        const seen = await callAs('street', 'getCheck', { checkId: m.checkId });
        if (!seen.body.ok) throw new Error(seen.body.error.code);
        expectMatches(m, seen.body.data, 'end');
      }),
      { seed: 20261123, numRuns: 10, examples: [[WHOLE_WAY], [AUTO_RETURNED]] },
    );
    // The walk went the whole way round, not only its first steps.
    for (const s of ['filling', 'submitted', 'returned', 'resubmitted', 'scored', 'createTask:returned', 'createTask:scored']) expect(reached).toContain(s);
  }, 60_000);
});
