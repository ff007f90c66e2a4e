import { countAuto } from '../../../cloudfunctions/liuyou/autofill';
import { scoreCheck } from '../../../shared/liuyou/score';
import { DEFAULT_THRESHOLDS } from '../../../shared/liuyou/template';
import { encodePayload, minuteOf } from '../../../shared/stations/codes';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { later, MORNING } from '../../helpers/orders';
import { COMMUNITY, data, fillAll, JPEG, liuyou, OTHER_COMMUNITY, PERIOD, refused, RETURNED_ITEM, STREET, templatePayload, userIdOf, type CheckOut } from '../../helpers/liuyou';

/**
 * The 六有 loop through the gateway, as the community, its grid leader and the street live it:
 * start → fill (a photo, a grid leader's item, automatic figures untouchable) → submit (figures
 * frozen) → the street returns one item → 整改任务, reminded once when overdue → fixed, resubmitted →
 * approved → scored, and the street's matrix shows it. A template published meanwhile changes nothing.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const A = PERSONAS.communityAdmin;
const L = PERSONAS.gridLeader;
const S = PERSONAS.streetAdmin;
const itemOf = (out: CheckOut, id: string) => out.check.items.find((i) => i.id === id)!;
const place = { streetId: STREET, communityId: COMMUNITY };

/**
 * Two hours on duty at the community's station, checked in and out through the stations function
 * with the station's screen code (signed as `screenCode` signs it, without drawing its image).
 */
async function dutyTwoHours(at: string): Promise<void> {
  const scene = (now: string) => gw.ports.qr.sign(encodePayload({ kind: 'checkin', stationId: 'cm01-sta1', minute: minuteOf(now) }));
  gw.ports.clock.set(at);
  data(await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene: scene(at) }), 'checkIn');
  gw.ports.clock.set(later(at, 120));
  data(await gw.call(PERSONAS.volunteer, 'stations', 'checkOut', { scene: scene(later(at, 120)) }), 'checkOut');
}

describe('a 六有 check from the first item to the street’s score', () => {
  let checkId = '';
  let frozenDuty = 0;
  let taskId = '';

  it('is started by the community admin from the street’s current template, its automatic figures counted from the records', async () => {
    const out = await liuyou<CheckOut>(gw, A, 'startCheck', { communityId: COMMUNITY });
    checkId = out.check.id;
    expect(out.check).toMatchObject({ id: `lyc_${COMMUNITY}_${PERIOD}`, state: 'draft', period: PERIOD, templateVersion: 1, kindLabel: '社区' });
    const figures = await countAuto(gw.store, place, PERIOD, ['gridLeaderShare', 'dutyHours'], gw.ports.clock.now());
    expect(itemOf(out, 'manage.gridLeaders').value).toBe(figures.gridLeaderShare);
    expect(itemOf(out, 'place.dutyHours').value).toBe(figures.dutyHours);
    expect(out.timeline.map((l) => l.kind)).toEqual(['start']);
    // Starting it again opens the same check.
    expect((await liuyou<CheckOut>(gw, A, 'startCheck', { communityId: COMMUNITY, period: PERIOD })).check.id).toBe(checkId);
    expect(await refused(gw, A, 'startCheck', { communityId: COMMUNITY, period: '2027-Q1' })).toBe('LIUYOU.PERIOD_FUTURE payload.period');
    // A 集中居住区 is checked like a community, by its own admin.
    const settlement = await liuyou<CheckOut>(gw, PERSONAS.settlementAdmin, 'startCheck', { communityId: 'ss01', period: '2026-Q3' });
    expect(settlement.check).toMatchObject({ id: 'lyc_ss01_2026-Q3', kindLabel: '集中居住区', state: 'draft' });
  });

  it('keeps the items it copied when the street publishes a new template version meanwhile', async () => {
    const published = await liuyou(gw, S, 'publishTemplate', templatePayload());
    expect(published.current).toMatchObject({ version: 2, thresholds: { green: 90, amber: 70 } });
    const out = await liuyou<CheckOut>(gw, A, 'getCheck', { checkId });
    expect(out.check).toMatchObject({ templateVersion: 1, thresholds: DEFAULT_THRESHOLDS });
    expect(itemOf(out, 'manage.plan').title).toBe('年度共建工作计划');
    // A check started after it takes the new version.
    const other = await liuyou<CheckOut>(gw, S, 'startCheck', { communityId: OTHER_COMMUNITY });
    expect(other.check).toMatchObject({ templateVersion: 2, thresholds: { green: 90, amber: 70 } });
    expect(itemOf(other, 'manage.plan').title).toBe('年度共建工作计划（含任务分解）');
  });

  it('is filled item by item: a photo from the camera, the grid leader’s count, automatic items untouchable', async () => {
    const photo = await liuyou<CheckOut>(gw, A, 'addEvidence', {
      checkId,
      itemId: 'place.station',
      kind: 'photo',
      text: '服务站挂牌',
      file: { contentType: 'image/jpeg', dataBase64: JPEG },
    });
    const evidence = itemOf(photo, 'place.station').evidence;
    expect(evidence).toEqual([expect.objectContaining({ kind: 'photo', text: '服务站挂牌', url: expect.stringContaining(`liuyou/${checkId}/place.station/`) })]);
    expect(photo.check.state).toBe('filling');
    await liuyou(gw, A, 'fill', { checkId, itemId: 'place.station', answer: true });

    // The grid leader fills an item of another mechanism, with its record.
    const byLeader = await liuyou<CheckOut>(gw, L, 'fill', { checkId, itemId: 'grid.inspections', value: 12 });
    await liuyou(gw, L, 'addEvidence', { checkId, itemId: 'grid.inspections', kind: 'note', text: '本季度巡查记录 12 次，存档于网格' });
    expect(itemOf(byLeader, 'grid.inspections')).toMatchObject({ value: 12, changedByName: '李建国' });
    expect(byLeader.check.allowedActions).not.toContain('submit');

    // Nobody overwrites an automatic figure; evidence beside it is welcome.
    expect(await refused(gw, L, 'fill', { checkId, itemId: 'manage.gridLeaders', value: 100 })).toBe('LIUYOU.ITEM_AUTOMATIC payload.itemId');
    expect(await refused(gw, A, 'fill', { checkId, itemId: 'place.dutyHours', value: 999 })).toBe('LIUYOU.ITEM_AUTOMATIC payload.itemId');
    await liuyou(gw, L, 'addEvidence', { checkId, itemId: 'manage.gridLeaders', kind: 'note', text: '网格长名单已公示' });
    // The street reviews; it does not fill.
    expect(await refused(gw, S, 'fill', { checkId, itemId: 'funds.partyFees', answer: true })).toBe('COMMON.FORBIDDEN');

    const out = await fillAll(gw, checkId, ['place.station', 'grid.inspections']);
    expect(out.check.answered).toBeGreaterThanOrEqual(out.check.total - 7);
    expect(out.check.allowedActions).toContain('submit');
  });

  it('freezes the automatic figures on submission: a record added afterwards does not change them', async () => {
    const out = await liuyou<CheckOut>(gw, A, 'submit', { checkId });
    expect(out.check).toMatchObject({ state: 'submitted', frozenAt: gw.ports.clock.now() });
    frozenDuty = itemOf(out, 'place.dutyHours').value;
    expect(out.timeline.at(-1)).toMatchObject({ kind: 'submit' });
    // The street is told.
    expect(await gw.store.count('outbox', { template: 'liuyou.submitted' })).toBe(1);

    await dutyTwoHours(later(MORNING, 3 * 60));
    const now = await countAuto(gw.store, place, PERIOD, ['dutyHours'], gw.ports.clock.now());
    expect(now.dutyHours).toBe(frozenDuty + 2);
    expect(await refused(gw, A, 'refresh', { checkId })).toBe('LIUYOU.NOT_ALLOWED_NOW');
    expect(await refused(gw, A, 'fill', { checkId, itemId: 'funds.partyFees', answer: false })).toBe('LIUYOU.NOT_ALLOWED_NOW');
    const read = await liuyou<CheckOut>(gw, S, 'getCheck', { checkId });
    expect(itemOf(read, 'place.dutyHours').value).toBe(frozenDuty);
  });

  it('is reviewed by the street item by item and returned with one item and its comment', async () => {
    expect(await refused(gw, A, 'review', { checkId, itemId: RETURNED_ITEM, verdict: 'approved' })).toBe('COMMON.FORBIDDEN');
    expect(await refused(gw, S, 'review', { checkId, itemId: RETURNED_ITEM, verdict: 'returned' })).toBe('LIUYOU.COMMENT_REQUIRED payload.comment');
    const first = await liuyou<CheckOut>(gw, S, 'getCheck', { checkId });
    for (const item of first.check.items) {
      const back = item.id === RETURNED_ITEM;
      await liuyou(gw, S, 'review', { checkId, itemId: item.id, verdict: back ? 'returned' : 'approved', comment: back ? '台账未公示，请补充公示照片' : '' });
    }
    const out = await liuyou<CheckOut>(gw, S, 'finishReview', { checkId });
    expect(out.check).toMatchObject({ state: 'returned', rounds: 1 });
    expect(out.check.gaps[0]).toBe(RETURNED_ITEM);
    expect(itemOf(out, RETURNED_ITEM)).toMatchObject({ review: 'returned', reviewComment: '台账未公示，请补充公示照片' });
    // Only the returned item can be changed now.
    expect(await refused(gw, A, 'fill', { checkId, itemId: 'funds.partyFees', answer: false })).toBe('LIUYOU.ITEM_LOCKED payload.itemId');
    expect(out.check.allowedActions).toContain('createTask');
    expect(out.owners.map((o: { name: string; roleLabel: string }) => [o.roleLabel, o.name])).toEqual(
      expect.arrayContaining([
        ['社区书记', '陈丽华'],
        ['网格长', '李建国'],
      ]),
    );
  });

  it('gives the returned item a 整改任务, reminded once after its due date', async () => {
    const ownerId = await userIdOf(gw, L);
    expect(await refused(gw, S, 'createTask', { checkId, itemId: RETURNED_ITEM, ownerId: await userIdOf(gw, PERSONAS.volunteer), dueDate: '2026-11-30' })).toBe(
      'LIUYOU.OWNER_INVALID payload.ownerId',
    );
    expect(await refused(gw, S, 'createTask', { checkId, itemId: RETURNED_ITEM, ownerId, dueDate: '2026-11-01' })).toBe('LIUYOU.DUE_IN_PAST payload.dueDate');
    const out = await liuyou<CheckOut>(gw, S, 'createTask', { checkId, itemId: RETURNED_ITEM, ownerId, dueDate: '2026-11-30', note: '补充资金台账公示照片' });
    expect(out.tasks).toEqual([expect.objectContaining({ itemId: RETURNED_ITEM, ownerName: '李建国', dueDate: '2026-11-30', state: 'open', overdue: false })]);
    taskId = out.tasks[0].id;
    expect(itemOf(out, RETURNED_ITEM).taskId).toBe(taskId);
    expect(await refused(gw, S, 'createTask', { checkId, itemId: RETURNED_ITEM, ownerId, dueDate: '2026-11-30' })).toBe('LIUYOU.TASK_EXISTS payload.itemId');

    // On its due date nothing; the day after, one reminder, and a second tick at that instant adds none.
    const onDue = await gw.tick('2026-11-30T12:00:00+08:00');
    expect(onDue.body.ok && onDue.body.data.jobs.remindLiuyouTasks).toBe(0);
    const after = await gw.tick('2026-12-01T09:00:00+08:00');
    expect(after.body.ok && after.body.data.jobs.remindLiuyouTasks).toBe(1);
    const again = await gw.tick('2026-12-01T09:00:00+08:00');
    expect(again.body.ok && again.body.data.jobs.remindLiuyouTasks).toBe(0);
    expect(await gw.store.count('outbox', { template: 'liuyou.taskOverdue' })).toBe(1);

    const mine = await liuyou(gw, L, 'myTasks', {});
    expect(mine.tasks).toEqual([expect.objectContaining({ id: taskId, overdue: true, allowedActions: ['finishTask'] })]);
    const matrix = await liuyou(gw, S, 'matrix', { streetId: STREET, period: PERIOD });
    expect(matrix.tasks).toEqual({ open: 1, overdue: 1 });
  });

  it('is fixed by the community, the task finished, resubmitted, approved and scored', async () => {
    const fixed = await liuyou<CheckOut>(gw, A, 'addEvidence', {
      checkId,
      itemId: RETURNED_ITEM,
      kind: 'photo',
      text: '台账公示栏',
      file: { contentType: 'image/jpeg', dataBase64: JPEG },
    });
    expect(itemOf(fixed, RETURNED_ITEM).evidence).toHaveLength(2);
    const done = await liuyou(gw, L, 'finishTask', { taskId, note: '已补充台账公示照片' });
    expect(done.task).toMatchObject({ state: 'done', doneNote: '已补充台账公示照片', allowedActions: [] });
    expect(await refused(gw, L, 'finishTask', { taskId, note: '再次完成' })).toBe('LIUYOU.TASK_NOT_ALLOWED_NOW');

    const again = await liuyou<CheckOut>(gw, A, 'resubmit', { checkId });
    expect(again.check.state).toBe('resubmitted');
    expect(itemOf(again, RETURNED_ITEM).review).toBe('pending');
    // The figures stay frozen through the second round.
    expect(itemOf(again, 'place.dutyHours').value).toBe(frozenDuty);

    await liuyou(gw, S, 'review', { checkId, itemId: RETURNED_ITEM, verdict: 'approved' });
    const scored = await liuyou<CheckOut>(gw, S, 'finishReview', { checkId });
    const expected = scoreCheck(scored.check.items as never, DEFAULT_THRESHOLDS);
    expect(scored.check).toMatchObject({ state: 'scored', rounds: 2, overall: { score: expected.overall, rating: expected.rating } });
    expect(scored.check.allowedActions).toEqual([]);
    expect(scored.timeline.map((l) => l.kind)).toEqual(expect.arrayContaining(['start', 'submit', 'return', 'task', 'taskDone', 'resubmit', 'score']));
    expect(await gw.store.count('outbox', { template: 'liuyou.scored' })).toBeGreaterThan(0);

    // The matrix shows the scored check, its six mechanisms, and no open task.
    const matrix = await liuyou(gw, S, 'matrix', { streetId: STREET });
    expect(matrix.period).toBe(PERIOD);
    expect(matrix.rows.map((r: { communityId: string }) => r.communityId)).toEqual(['cm01', 'cm02', 'ss01']);
    const row = matrix.rows[0];
    expect(row).toMatchObject({ checkId, state: 'scored', stateLabel: '已评定', overall: { score: expected.overall }, previous: null });
    expect(row.cells.map((c: { key: string; score: number }) => [c.key, c.score])).toEqual(Object.entries(expected.mechanisms).map(([k, m]) => [k, m.score]));
    expect(matrix.trend.at(-1)).toMatchObject({ period: PERIOD, average: expected.overall });
    expect(matrix.trend).toHaveLength(8);
    expect(matrix.tasks).toEqual({ open: 0, overdue: 0 });
    expect(matrix.rows[2]).toMatchObject({ communityId: 'ss01', kindLabel: '集中居住区', checkId: null, stateLabel: '未发起' });
    expect(matrix.trend.at(-2).scores).toEqual([
      { communityId: 'cm01', score: null },
      { communityId: 'cm02', score: null },
      { communityId: 'ss01', score: null },
    ]);

    // The CSV of the period: one line per community × item, no personal data.
    const csv = await liuyou(gw, S, 'exportCsv', { streetId: STREET, period: PERIOD });
    expect(csv.csv.startsWith('\ufeff社区,')).toBe(true);
    expect(csv.rows).toBe(scored.check.items.length * 2);
    expect(csv.csv).not.toMatch(/陈丽华|李建国|1[3-9]\d{9}/);
  });

  it('shows the records behind an automatic figure, frozen with the check', async () => {
    const rows = await liuyou(gw, A, 'autoRecords', { checkId, itemId: 'place.dutyHours' });
    expect(rows).toMatchObject({ itemId: 'place.dutyHours', value: frozenDuty, frozen: true, unit: '小时' });
    expect(await refused(gw, A, 'autoRecords', { checkId, itemId: 'funds.partyFees' })).toBe('LIUYOU.ITEM_MANUAL payload.itemId');
  });
});
