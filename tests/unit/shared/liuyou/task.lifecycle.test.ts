import fc from 'fast-check';
import { allowedPairs, NOT_ALLOWED_NOW, runLifecycle } from '../../../../shared/kernel/lifecycle';
import { newCheck, newTask, taskIdOf } from '../../../../shared/liuyou/check.factory';
import type { Check } from '../../../../shared/liuyou/check.lifecycle';
import { nextTaskState, REMIND_EVERY_DAYS, TASK_STATES, taskLifecycle, taskPage, type Task, type TaskContext, type TaskEvent } from '../../../../shared/liuyou/task.lifecycle';
import { DEFAULT_TEMPLATE } from '../../../../shared/liuyou/template';

/**
 * The 整改任务 of a returned or failed item: open until its owner (or the community admin) says
 * what was done; once its due date has ended, the owner is reminded every REMIND_EVERY_DAYS days.
 */

const NOW = '2026-11-23T02:00:00.000Z';
const DAY = 86_400_000;
const PATH = { streetId: 'S', communityId: 'C1' };
const OWNER = { id: 'L', name: '李建国' };
const ADMIN = { id: 'A', name: '陈丽华' };
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const ctx = (now = NOW, by: TaskContext['by'] = OWNER): TaskContext => ({ now, by });

const check = (): Check => {
  const c = newCheck({
    template: DEFAULT_TEMPLATE,
    community: { _id: 'C1', name: '幸福里社区', kind: 'community', path: PATH },
    period: '2026-Q4',
    figures: {},
    by: { id: 'A' },
    now: NOW,
  });
  return { ...c, state: 'returned', items: c.items.map((i) => (i.id === 'manage.partyOrg' ? { ...i, review: 'returned', reviewComment: '请上传支部成立批复' } : i)) };
};
const task = (over: Partial<Task> = {}, note = ''): Task => {
  const c = check();
  return { ...newTask({ check: c, item: c.items.find((i) => i.id === 'manage.partyOrg')!, owner: OWNER, dueDate: '2026-12-10', note, by: ADMIN, now: NOW }), ...over };
};
/** 2026-12-10 ends at Beijing midnight, 16:00 UTC. */
const DUE_AT = '2026-12-10T16:00:00.000Z';

const run = (t: Task, events: TaskEvent[], x: TaskContext = ctx()) => runLifecycle(taskLifecycle, t, events, x);

describe('newTask', () => {
  it('is open, due at the end of its Beijing due date, first reminded then, one per item', () => {
    const t = task();
    expect(t).toMatchObject({
      _id: taskIdOf('lyc_C1_2026-Q4', 'manage.partyOrg'),
      state: 'open',
      checkId: 'lyc_C1_2026-Q4',
      itemId: 'manage.partyOrg',
      mechanism: 'manage',
      communityId: 'C1',
      path: PATH,
      period: '2026-Q4',
      ownerId: OWNER.id,
      ownerName: OWNER.name,
      dueDate: '2026-12-10',
      dueAt: DUE_AT,
      remindAt: DUE_AT,
      reminders: 0,
      doneAt: null,
      createdBy: ADMIN.id,
    });
    expect(taskIdOf('lyc_C1_2026-Q4', 'manage.partyOrg')).toBe(taskIdOf('lyc_C1_2026-Q4', 'manage.partyOrg'));
    expect(taskIdOf('lyc_C1_2026-Q4', 'manage.partyOrg')).not.toBe(taskIdOf('lyc_C1_2026-Q4', 'manage.plan'));
    expect(taskPage(t)).toBe('/packages/liuyou/check/index?id=lyc_C1_2026-Q4');
  });

  it("takes the creator's words, or else the street's comment on the item", () => {
    expect(task().note).toBe('请上传支部成立批复');
    expect(task({}, '  先补名单 ').note).toBe('先补名单');
  });
});

describe('task lifecycle table', () => {
  const SAMPLES: TaskEvent[] = [{ type: 'remind' }, { type: 'finish', note: '已完成' }];

  it('allows exactly these (state, event, next state) triples', () => {
    expect(allowedPairs(taskLifecycle, SAMPLES)).toEqual([
      ['open', 'remind', 'open'],
      ['open', 'finish', 'done'],
    ]);
  });

  it('keeps a done task done: nothing moves it, nobody is reminded', () => {
    for (const e of SAMPLES) expect(nextTaskState('done', e)).toBeNull();
    const done = task({ state: 'done', remindAt: null });
    expect(run(done, [{ type: 'remind' }], ctx(plus(DUE_AT, 10 * DAY)))).toEqual({ ok: false, refusal: { code: NOT_ALLOWED_NOW }, event: 'remind' });
    expect(run(done, [{ type: 'finish', note: '又做了一次' }])).toEqual({ ok: false, refusal: { code: NOT_ALLOWED_NOW }, event: 'finish' });
    expect(TASK_STATES).toEqual(['open', 'done']);
  });
});

describe('remind', () => {
  it('refuses before the reminder is due, and when there is none', () => {
    expect(run(task(), [{ type: 'remind' }], ctx(plus(DUE_AT, -1)))).toMatchObject({ ok: false, refusal: { code: 'LIUYOU.NOTHING_DUE' } });
    expect(run(task({ remindAt: null }), [{ type: 'remind' }], ctx(plus(DUE_AT, 5 * DAY)))).toMatchObject({ ok: false, refusal: { code: 'LIUYOU.NOTHING_DUE' } });
  });

  it('reminds the owner once due, counts it, and sets the next reminder REMIND_EVERY_DAYS days on', () => {
    const r = run(task(), [{ type: 'remind' }], ctx(DUE_AT, null));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.change.after).toMatchObject({ state: 'open', reminders: 1, remindAt: plus(DUE_AT, REMIND_EVERY_DAYS * DAY) });
    expect(r.change.notify).toEqual([
      {
        to: { userId: OWNER.id },
        template: 'liuyou.taskOverdue',
        title: '整改任务已逾期',
        body: '「居民区（集中居住区）党支部已成立」已超过完成期限 1 天，请尽快整改',
        page: taskPage(task()),
        facts: { subject: '居民区（集中居住区）党支部已成立' },
      },
    ]);
    expect(r.change.audit).toMatchObject({ event: 'liuyou.taskRemind', overdueDays: 1 });
  });

  it('counts the days overdue, and moves the next reminder past now', () => {
    const now = plus(DUE_AT, 2.5 * DAY);
    const r = run(task({ reminders: 2 }), [{ type: 'remind' }], ctx(now, null));
    if (!r.ok) throw new Error(r.refusal.code);
    expect(r.change.notify[0]!.body).toContain('3 天');
    expect(r.change.after.reminders).toBe(3);
    expect(r.change.after.remindAt).toBe(plus(now, REMIND_EVERY_DAYS * DAY));
  });

  it('never reminds twice at the same moment (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * DAY }), (late) => {
        const now = plus(DUE_AT, late);
        const r = run(task(), [{ type: 'remind' }], ctx(now, null));
        if (!r.ok) throw new Error(r.refusal.code);
        expect(r.change.after.remindAt! > now).toBe(true);
        expect(run(r.change.after, [{ type: 'remind' }], ctx(now, null))).toMatchObject({ ok: false, refusal: { code: 'LIUYOU.NOTHING_DUE' } });
      }),
    );
  });
});

describe('finish', () => {
  it('needs a note of what was done', () => {
    for (const note of ['', '   '])
      expect(run(task(), [{ type: 'finish', note }])).toEqual({ ok: false, refusal: { code: 'LIUYOU.NOTE_REQUIRED', field: 'payload.note' }, event: 'finish' });
  });

  it('closes the task with the trimmed note, who and when, and stops the reminders', () => {
    const at = plus(NOW, DAY);
    const r = run(task(), [{ type: 'finish', note: ' 已上传支部名单 ' }], ctx(at, ADMIN));
    if (!r.ok) throw new Error(r.refusal.code);
    expect(r.change.after).toMatchObject({ state: 'done', doneAt: at, doneNote: '已上传支部名单', doneBy: ADMIN.id, remindAt: null });
    expect(r.change.audit).toMatchObject({ event: 'liuyou.taskFinish' });
  });
});
