import fc from 'fast-check';
import { liuyouActions } from '../../../cloudfunctions/liuyou/liuyou.function';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';
import { checkWithTask, COMMUNITY, JPEG, PDF, PERIOD, RETURNED_ITEM, STREET, templatePayload, userIdOf } from '../../helpers/liuyou';

let gw: TestGateway;
let checkId = 'lyc_missing';
let taskId = 'lyk_missing';
let leaderId = 'usr_missing';
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // A real check under way, with a task, so a malformed call has something it could have changed.
  ({ checkId, taskId } = await checkWithTask(gw));
  leaderId = await userIdOf(gw, PERSONAS.gridLeader);
});
afterAll(async () => {
  await gw.stop();
});

const A = PERSONAS.communityAdmin;
const S = PERSONAS.streetAdmin;
const L = PERSONAS.gridLeader;
const photo = { contentType: 'image/jpeg', dataBase64: JPEG };

/** Malformed input for every liuyou action, the persona who sends it, and the field the error must name. */
const MALFORMED = (): ReadonlyArray<readonly [action: string, persona: string, payload: unknown, field: string]> => [
  ['templates', S, { streetId: { $ne: null } }, 'payload.streetId'],
  ['publishTemplate', S, templatePayload(STREET, { thresholds: { green: 101, amber: 60 } }), 'payload.thresholds.green'],
  ['publishTemplate', S, templatePayload(STREET, { periodKind: 'month' }), 'payload.periodKind'],
  ['publishTemplate', S, templatePayload(STREET, { items: [] }), 'payload.items'],
  ['publishTemplate', S, { ...templatePayload(), items: templatePayload().items.map((i, n) => (n === 0 ? { ...i, weight: 0 } : i)) }, 'payload.items.0.weight'],
  ['publishTemplate', S, { ...templatePayload(), items: templatePayload().items.map((i, n) => (n === 1 ? { ...i, id: 'DROP TABLE' } : i)) }, 'payload.items.1.id'],
  ['startCheck', A, { communityId: COMMUNITY, period: '2026-Q5' }, 'payload.period'],
  ['startCheck', A, { communityId: '' }, 'payload.communityId'],
  ['getCheck', A, { checkId: '../../etc/passwd' }, 'payload.checkId'],
  ['listChecks', A, { nodeId: COMMUNITY, limit: 500 }, 'payload.limit'],
  ['listChecks', A, { nodeId: COMMUNITY, period: 'last' }, 'payload.period'],
  ['fill', A, { checkId, itemId: 'funds.partyFees', value: -1 }, 'payload.value'],
  ['fill', A, { checkId, itemId: 'funds.partyFees' }, 'payload'],
  ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'video', file: photo }, 'payload.kind'],
  ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'photo', file: { ...photo, contentType: 'image/gif' } }, 'payload.file.contentType'],
  ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'photo', file: { ...photo, dataBase64: 'not base64 at all!' } }, 'payload.file.dataBase64'],
  ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'note', text: '说'.repeat(501) }, 'payload.text'],
  ['removeEvidence', A, { checkId, itemId: RETURNED_ITEM }, 'payload.evidenceId'],
  ['refresh', A, { checkId, extra: true }, 'payload'],
  ['submit', A, { checkId: 42 }, 'payload.checkId'],
  ['review', S, { checkId, itemId: RETURNED_ITEM, verdict: 'pending' }, 'payload.verdict'],
  ['review', S, { checkId, itemId: RETURNED_ITEM, verdict: 'returned', comment: '意'.repeat(201) }, 'payload.comment'],
  ['finishReview', S, {}, 'payload.checkId'],
  ['resubmit', A, { checkId: null }, 'payload.checkId'],
  ['createTask', S, { checkId, itemId: RETURNED_ITEM, ownerId: leaderId, dueDate: '2026-13-01' }, 'payload.dueDate'],
  ['createTask', S, { checkId, itemId: RETURNED_ITEM, ownerId: leaderId, dueDate: '2026-12-01', note: '说'.repeat(201) }, 'payload.note'],
  ['finishTask', L, { taskId, note: '好' }, 'payload.note'],
  ['finishTask', L, { taskId: ['x'], note: '已补充台账公示照片' }, 'payload.taskId'],
  ['myTasks', L, { state: 'overdue' }, 'payload.state'],
  ['myTasks', L, { offset: -1 }, 'payload.offset'],
  ['matrix', S, { streetId: STREET, period: '2026Q4' }, 'payload.period'],
  ['exportCsv', S, { streetId: STREET }, 'payload.period'],
  ['autoRecords', A, { checkId, itemId: 'place.dutyHours', limit: 0 }, 'payload.limit'],
];

describe('every liuyou action refuses malformed input with a field-level error and changes nothing', () => {
  it('covers every liuyou action', () => {
    expect(new Set(MALFORMED().map(([a]) => a))).toEqual(new Set(Object.keys(liuyouActions)));
  });

  it('answers each with COMMON.INVALID_INPUT on its field, in Chinese, and writes nothing', async () => {
    for (const [action, persona, payload, field] of MALFORMED()) {
      const before = await snapshot(gw);
      const res = await gw.call(persona, 'liuyou', action, payload);
      expect([action, field, res.status]).toEqual([action, field, 400]);
      expect([action, res.body]).toEqual([action, { ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } }]);
      expect([action, await snapshot(gw)]).toEqual([action, before]);
    }
  });

  it('answers well-formed calls that cannot be done with a stable code on the field, never 500, and writes nothing', async () => {
    const cases: [string, string, unknown, string][] = [
      ['templates', S, { streetId: COMMUNITY }, 'TERRITORY.NODE_NOT_FOUND payload.streetId'],
      ['publishTemplate', S, templatePayload(STREET, { thresholds: { green: 60, amber: 80 } }), 'LIUYOU.THRESHOLDS payload.thresholds'],
      [
        'publishTemplate',
        S,
        { ...templatePayload(), items: templatePayload().items.map((i, n) => (n === 1 ? { ...i, id: 'manage.partyOrg' } : i)) },
        'LIUYOU.ITEM_DUPLICATE payload.items.1.id',
      ],
      ['publishTemplate', S, { ...templatePayload(), items: templatePayload().items.filter((i) => i.mechanism !== 'funds') }, 'LIUYOU.MECHANISM_EMPTY payload.items'],
      ['publishTemplate', S, { ...templatePayload(), items: templatePayload().items.map((i, n) => (n === 0 ? { ...i, target: 5 } : i)) }, 'LIUYOU.ITEM_SHAPE payload.items.0.kind'],
      ['publishTemplate', A, templatePayload(), 'COMMON.FORBIDDEN'],
      ['startCheck', A, { communityId: 'cm01-gd1' }, 'TERRITORY.NODE_NOT_FOUND payload.communityId'],
      ['startCheck', A, { communityId: COMMUNITY, period: '2030-Q1' }, 'LIUYOU.PERIOD_FUTURE payload.period'],
      ['startCheck', A, { communityId: COMMUNITY, period: '2026-H1' }, 'LIUYOU.PERIOD_KIND payload.period'],
      ['startCheck', A, { communityId: 'cm02' }, 'COMMON.FORBIDDEN'],
      ['getCheck', PERSONAS.resident, { checkId }, 'LIUYOU.CHECK_NOT_FOUND'],
      ['getCheck', A, { checkId: 'lyc_nothere' }, 'LIUYOU.CHECK_NOT_FOUND'],
      ['listChecks', A, { nodeId: 'cm01-gd1' }, 'TERRITORY.NODE_NOT_FOUND payload.nodeId'],
      ['fill', A, { checkId, itemId: 'funds.nothing', answer: true }, 'LIUYOU.ITEM_NOT_FOUND payload.itemId'],
      ['fill', A, { checkId, itemId: RETURNED_ITEM, value: 3 }, 'LIUYOU.ITEM_KIND payload.value'],
      ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'photo' }, 'LIUYOU.EVIDENCE_INVALID payload.file'],
      [
        'addEvidence',
        A,
        { checkId, itemId: RETURNED_ITEM, kind: 'photo', file: { contentType: 'application/pdf', dataBase64: PDF } },
        'LIUYOU.EVIDENCE_INVALID payload.file.contentType',
      ],
      [
        'addEvidence',
        A,
        { checkId, itemId: RETURNED_ITEM, kind: 'photo', file: { contentType: 'image/png', dataBase64: JPEG } },
        'LIUYOU.EVIDENCE_INVALID payload.file.dataBase64',
      ],
      [
        'addEvidence',
        A,
        { checkId, itemId: RETURNED_ITEM, kind: 'file', file: { contentType: 'application/pdf', dataBase64: JPEG } },
        'LIUYOU.EVIDENCE_INVALID payload.file.dataBase64',
      ],
      ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'note', text: '  ' }, 'LIUYOU.EVIDENCE_INVALID payload.text'],
      ['addEvidence', A, { checkId, itemId: RETURNED_ITEM, kind: 'note', text: '说明', file: photo }, 'LIUYOU.EVIDENCE_INVALID payload.file'],
      ['addEvidence', A, { checkId, itemId: 'funds.partyFees', kind: 'photo', file: photo }, 'LIUYOU.ITEM_LOCKED payload.itemId'],
      ['removeEvidence', A, { checkId, itemId: RETURNED_ITEM, evidenceId: 'lyv_nothere' }, 'LIUYOU.EVIDENCE_NOT_FOUND payload.evidenceId'],
      ['refresh', A, { checkId }, 'LIUYOU.NOT_ALLOWED_NOW'],
      ['submit', A, { checkId }, 'LIUYOU.NOT_ALLOWED_NOW'],
      ['submit', L, { checkId }, 'COMMON.FORBIDDEN'],
      ['review', S, { checkId, itemId: RETURNED_ITEM, verdict: 'approved' }, 'LIUYOU.NOT_ALLOWED_NOW'],
      ['finishReview', S, { checkId }, 'LIUYOU.NOT_ALLOWED_NOW'],
      ['resubmit', A, { checkId }, `LIUYOU.RETURNED_UNCHANGED items.${RETURNED_ITEM}`],
      ['createTask', S, { checkId, itemId: 'funds.partyFees', ownerId: leaderId, dueDate: '2026-12-01' }, 'LIUYOU.TASK_ITEM payload.itemId'],
      ['createTask', S, { checkId, itemId: RETURNED_ITEM, ownerId: 'usr_nobody', dueDate: '2026-12-01' }, 'LIUYOU.OWNER_INVALID payload.ownerId'],
      ['finishTask', PERSONAS.volunteer, { taskId, note: '已补充台账公示照片' }, 'LIUYOU.TASK_NOT_FOUND'],
      ['finishTask', L, { taskId: 'lyk_nothere', note: '已补充台账公示照片' }, 'LIUYOU.TASK_NOT_FOUND payload.taskId'],
      ['matrix', A, { streetId: STREET }, 'COMMON.FORBIDDEN'],
      ['exportCsv', S, { streetId: COMMUNITY, period: PERIOD }, 'TERRITORY.NODE_NOT_FOUND payload.streetId'],
      ['autoRecords', A, { checkId, itemId: 'funds.partyFees' }, 'LIUYOU.ITEM_MANUAL payload.itemId'],
    ];
    for (const [action, persona, payload, expected] of cases) {
      const before = await snapshot(gw);
      const res = await gw.call(persona, 'liuyou', action, payload);
      const got = res.body.ok ? 'ok' : `${res.body.error.code}${res.body.error.field ? ` ${res.body.error.field}` : ''}`;
      expect([action, got]).toEqual([action, expected]);
      expect(res.body.ok || /[\u4e00-\u9fa5]/.test(res.body.error.message)).toBe(true);
      expect(res.status).toBeLessThan(500);
      expect([action, await snapshot(gw)]).toEqual([action, before]);
    }
  });
});

describe('random payloads (property)', () => {
  it('never crash a liuyou action and never write anything refused', async () => {
    const actions = Object.keys(liuyouActions);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.oneof(
          fc.record(
            {
              checkId: fc.constantFrom(checkId, 'lyc_x', ''),
              taskId: fc.constantFrom(taskId, 'lyk_x'),
              itemId: fc.constantFrom(RETURNED_ITEM, 'place.dutyHours', 'x.y', ''),
              answer: fc.oneof(fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 })),
              value: fc.oneof(fc.integer(), fc.double()),
              kind: fc.constantFrom('photo', 'file', 'note', 'x'),
              text: fc.string({ maxLength: 5 }),
              streetId: fc.constantFrom(STREET, COMMUNITY),
              communityId: fc.constantFrom(COMMUNITY, STREET, 'ss01'),
              period: fc.constantFrom(PERIOD, '2026-H2', '2031-Q1', 'x'),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        fc.constantFrom(A, S, L, PERSONAS.resident, 'fuzz-liuyou'),
        async (action, payload, persona) => {
          const before = await snapshot(gw);
          const res = await gw.call(persona, 'liuyou', action, payload);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.ok).toBe('boolean');
          if (!res.body.ok) expect(await snapshot(gw)).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
