import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isErased } from '../../../cloudfunctions/privacy/erase';
import { ERASED_NAME } from '../../../cloudfunctions/privacy/personal-data';
import { RETENTION_JOBS, scheduledRetentionJobs, type RetentionJobName } from '../../../cloudfunctions/privacy/retention-jobs';
import { JOBS, runTick } from '../../../cloudfunctions/scheduler/scheduler.jobs';
import { beijingDate, fullDateTimeText } from '../../../shared/kernel/time';
import { RETENTION_DEFAULTS, retentionCutoffs, retentionPolicy, type RetentionPolicy } from '../../../shared/privacy/retention';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, post } from '../../helpers/orders';
import { RISKY_PNG, uploadPhoto } from '../../helpers/photos';

/**
 * The retention jobs on a store made through the real handlers: orders closed, cancelled and open,
 * photos on disk, replays, outbox rows and audit entries of two moments 98 days apart, people seen
 * on either day. Each job is run as of an instant where some of these are due and some are not.
 */

const DAY = 86_400_000;
const day = (n: number, from = MORNING) => new Date(Date.parse(from) + n * DAY).toISOString();
/** Day 98 after MORNING is a Monday morning again: volunteers are within their hours. */
const LATER = day(98);

type OrderDoc = {
  _id: string;
  version: number;
  state: string;
  posterId: string;
  photos: string[];
  hiddenPhotos?: string[];
  resolution: { photos: string[] } | null;
  contact: { name: string; phone: string | null };
  place: { room: string | null };
  closedAt: string | null;
  contactPurgedAt?: string;
  photosPurgedAt?: string;
};
type Row = { _id: string; [k: string]: unknown };

let gw: TestGateway;
const ids = { closed: '', cancelled: '', open: '', closedLater: '' };
const files = { posted: [] as string[], resolution: '', later: [] as string[] };

/** The scheduler's other jobs at `at` (orders, duty, councils…), without the retention jobs: the world moves, nothing is purged. */
async function moveTo(at: string) {
  gw.ports.clock.set(at);
  await runTick(gw.ports, at, { jobs: Object.fromEntries(Object.entries(JOBS).filter(([name]) => !name.startsWith('retention'))) });
}

/** Every table, audit included: what a dry run must leave exactly as it was. */
function everything(): string {
  const db = gw.store.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT _id, doc FROM "${t}" ORDER BY _id`).all()]));
}
const rows = <T = Row>(collection: string): T[] =>
  (gw.store.db.prepare(`SELECT doc FROM "${collection}" ORDER BY _id`).all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
const rollups = () => JSON.stringify(gw.store.db.prepare('SELECT _id, doc FROM rollups ORDER BY _id').all());
const order = (id: string) => gw.store.get<OrderDoc & Row>('orders', id) as Promise<OrderDoc & Row>;
const onDisk = (fileId: string) => existsSync(join(gw.dataDir, 'files', fileId.slice('local://'.length)));

const run = (job: RetentionJobName, at: string, dryRun: boolean, policy: RetentionPolicy = RETENTION_DEFAULTS) => RETENTION_JOBS[job](gw.ports, at, { policy, dryRun });

/**
 * The contract every job keeps: the dry run writes nothing and reports N; the run changes N; the
 * same run again (dry or not) finds nothing and changes nothing. Answers N.
 */
async function dryThenRun(job: RetentionJobName, at: string, policy: RetentionPolicy = RETENTION_DEFAULTS): Promise<number> {
  const before = everything();
  const n = await run(job, at, true, policy);
  expect(everything()).toBe(before);
  expect(await run(job, at, false, policy)).toBe(n);
  const after = everything();
  expect(await run(job, at, true, policy)).toBe(0);
  expect(await run(job, at, false, policy)).toBe(0);
  expect(everything()).toBe(after);
  return n;
}

/** Post → accept → resolve with a photo → rate 5★, as `poster`; answers the order id and the photos. */
async function closedOrder(poster: string, postPhotos: string[]) {
  const posted = await post(gw, poster, { photos: postPhotos });
  const volunteer = await offereeOf(gw, posted.id);
  await act(gw, volunteer, 'accept', { orderId: posted.id });
  const photo = await uploadPhoto(gw, volunteer);
  gw.ports.clock.set(later(gw.ports.clock.now(), 90));
  await act(gw, volunteer, 'resolve', { orderId: posted.id, note: '更换了阀芯，已不再滴水', photos: [photo] });
  const rated = await act(gw, poster, 'rate', { orderId: posted.id, stars: 5, tags: ['上门及时'], comment: '谢谢' });
  expect(rated.state).toBe('closed');
  return { id: posted.id as string, resolutionPhoto: photo };
}

beforeAll(async () => {
  gw = await startTestGateway();
  await moveTo(MORNING);
  // Day 0: one order closed (a photo hidden by the content check among its photos), one cancelled, one left open.
  files.posted = [await uploadPhoto(gw, PERSONAS.resident), await uploadPhoto(gw, PERSONAS.resident, RISKY_PNG)];
  const closed = await closedOrder(PERSONAS.resident, files.posted);
  ids.closed = closed.id;
  files.resolution = closed.resolutionPhoto;
  const cancelled = await post(gw, PERSONAS.residentYoung);
  await act(gw, PERSONAS.residentYoung, 'cancel', { orderId: cancelled.id, reason: '已经自己修好了' });
  ids.cancelled = cancelled.id;
  const open = await post(gw, PERSONAS.residentYoung, { description: '楼道灯不亮，晚上看不清台阶' });
  ids.open = open.id;
  // A write sent with a requestId keeps its answer for replay.
  const comment = await gw.call(PERSONAS.residentYoung, 'orders', 'comment', { orderId: open.id, text: '晚上七点后家里有人' }, `req-${clientKey()}`);
  expect(comment.body.ok).toBe(true);
  // Someone who opens 红邻 on day 0 and never again.
  expect((await gw.call(PERSONAS.police, 'accounts', 'me', {})).body.ok).toBe(true);

  // Day 98: another order closed, with its own photos; a replay of that day.
  await moveTo(LATER);
  files.later = [await uploadPhoto(gw, PERSONAS.residentYoung)];
  const closedLater = await closedOrder(PERSONAS.residentYoung, files.later);
  ids.closedLater = closedLater.id;
  files.later.push(closedLater.resolutionPhoto);
  const again = await gw.call(PERSONAS.residentYoung, 'orders', 'comment', { orderId: ids.open, text: '灯还是不亮' }, `req-${clientKey()}`);
  expect(again.body.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await gw.stop();
});

describe('contacts: an order closed or cancelled 180 days ago loses its contact’s name, phone and room', () => {
  it('removes them from the two orders that ended on day 0, not from the one closed on day 98 nor the open one, and leaves the measures as they were', async () => {
    const at = day(190);
    const measures = rollups();
    const untouched = [await order(ids.open), await order(ids.closedLater)];
    expect((await order(ids.closed)).contact.phone).toMatch(/^1[3-9]\d{9}$/);

    expect(await dryThenRun('contacts', at)).toBe(2);

    for (const id of [ids.closed, ids.cancelled]) {
      const o = await order(id);
      expect([id, o.contact, o.place.room, o.contactPurgedAt]).toEqual([id, { name: '', phone: null }, null, at]);
    }
    expect([await order(ids.open), await order(ids.closedLater)]).toEqual(untouched);
    expect(rollups()).toBe(measures);
    // Each change is audited by the platform, with ids only.
    const audited = rows<{ subjectId: string; actorId: string | null; detail: unknown; at: string }>('audit').filter((a) => a.at === at);
    expect(audited.map((a) => [a.subjectId, a.actorId, a.detail]).sort()).toEqual(
      [
        [ids.cancelled, null, { job: 'contacts' }],
        [ids.closed, null, { job: 'contacts' }],
      ].sort(),
    );
  });

  it('takes the period from the environment: 30 days makes the order closed on day 98 due on day 130, the default does not', async () => {
    const at = day(130);
    expect(await run('contacts', at, true)).toBe(0);
    const short = retentionPolicy({ HONGLIN_RETAIN_CONTACT_DAYS: '30' });
    expect(await dryThenRun('contacts', at, short)).toBe(1);
    expect((await order(ids.closedLater)).contact).toEqual({ name: '', phone: null });
  });
});

describe('photos: an order closed or cancelled 365 days ago has its photos deleted from storage', () => {
  it('deletes every photo of the order closed on day 0 (its own, the hidden one, the resolution’s) and marks the cancelled one, not the later order', async () => {
    const at = day(370);
    const measures = rollups();
    const before = await order(ids.closed);
    expect(before.hiddenPhotos).toEqual([files.posted[1]]);
    for (const f of [...files.posted, files.resolution, ...files.later]) expect([f, onDisk(f)]).toEqual([f, true]);
    const later = await order(ids.closedLater);

    expect(await dryThenRun('photos', at)).toBe(2);

    const after = await order(ids.closed);
    expect([after.photos, after.resolution?.photos, after.hiddenPhotos, after.photosPurgedAt]).toEqual([[], [], undefined, at]);
    expect((await order(ids.cancelled)).photosPurgedAt).toBe(at);
    for (const f of [...files.posted, files.resolution]) expect([f, onDisk(f)]).toEqual([f, false]);
    for (const f of files.later) expect([f, onDisk(f)]).toEqual([f, true]);
    expect(await order(ids.closedLater)).toEqual(later);
    expect(rollups()).toBe(measures);
  });

  it('keeps an order’s photo ids while storage cannot delete a file, tries again next run, and marks it once every file is gone', async () => {
    const at = day(98 + 370);
    const stuck = files.later[0]!;
    const path = join(gw.dataDir, 'files', stuck.slice('local://'.length));
    // A folder in the file's place: storage fails to delete it (a real failure of the local adapter).
    rmSync(path);
    mkdirSync(join(path, 'x'), { recursive: true });
    const before = await order(ids.closedLater);

    expect(await run('photos', at, true)).toBe(1);
    expect(await run('photos', at, false)).toBe(0);
    expect(await run('photos', at, false)).toBe(0);
    expect(await order(ids.closedLater)).toEqual(before);

    rmSync(path, { recursive: true });
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(await dryThenRun('photos', at)).toBe(1);
    const after = await order(ids.closedLater);
    expect([after.photos, after.resolution?.photos, after.photosPurgedAt]).toEqual([[], [], at]);
    for (const f of files.later) expect([f, onDisk(f)]).toEqual([f, false]);
  });
});

describe('replays: an answer kept for replay is removed 24 hours after it expired', () => {
  it('removes the replays of day 0, keeps the one of day 98, and never removes a claim whose call still holds its lease', async () => {
    const at = day(99);
    const cutoff = retentionCutoffs(RETENTION_DEFAULTS, at).replaysExpiredBy;
    // A claim expired long ago whose call is (impossibly, but it is the rule) still running.
    await gw.store.insert('idempotency', { _id: 'held-claim', version: 1, status: 'pending', leaseUntil: day(200), expiresAt: MORNING, createdAt: MORNING });
    const all = rows<{ _id: string; status: string; expiresAt: string }>('idempotency');
    const due = all.filter((r) => r.expiresAt <= cutoff && r._id !== 'held-claim');
    expect(due.length).toBeGreaterThan(0);
    expect(all.some((r) => r.expiresAt > cutoff)).toBe(true);

    expect(await dryThenRun('replays', at)).toBe(due.length);

    expect(rows<{ _id: string }>('idempotency').map((r) => r._id)).toEqual(all.filter((r) => !due.includes(r)).map((r) => r._id));
  });
});

describe('outbox: a message delivered or given up 30 days ago is removed', () => {
  it('removes the messages delivered on day 0 and one given up then, keeps those of day 98', async () => {
    const at = day(99);
    const cutoff = retentionCutoffs(RETENTION_DEFAULTS, at).outboxDoneBy;
    const recipient = (await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.resident }))[0]!._id;
    const row = { recipientId: recipient, template: 'order.comment', title: '事项有新留言', body: '…', page: null, createdAt: MORNING, version: 2, attempts: 5, reason: 'gave up' };
    await gw.store.insert('outbox', { _id: 'msg-given-up-early', ...row, status: 'failed', dueAt: MORNING });
    await gw.store.insert('outbox', { _id: 'msg-given-up-late', ...row, status: 'failed', dueAt: LATER });
    const all = rows<{ _id: string; status: string; sentAt?: string; dueAt: string }>('outbox');
    const due = all.filter((r) => (r.status === 'sent' && r.sentAt! <= cutoff) || (r.status === 'failed' && r.dueAt <= cutoff));
    expect(due.map((r) => r._id)).toContain('msg-given-up-early');
    expect(all.filter((r) => r.status === 'sent' && r.sentAt! > cutoff).length).toBeGreaterThan(0);

    expect(await dryThenRun('outbox', at)).toBe(due.length);

    expect(rows<{ _id: string }>('outbox').map((r) => r._id)).toEqual(all.filter((r) => !due.includes(r)).map((r) => r._id));
  });
});

describe('audit: an entry older than 3 years keeps its ids only', () => {
  it('empties the detail of the entries of day 0 (a reveal keeps whose, where, which order), not of later ones', async () => {
    const at = day(2, '2029-11-23T02:00:00.000Z');
    const cutoff = retentionCutoffs(RETENTION_DEFAULTS, at).auditBy;
    type Audit = { _id: string; at: string; actorId: string | null; subjectId: string; requestId: string; detail: Record<string, unknown>; reveal?: Record<string, unknown> };
    const all = rows<Audit>('audit');
    const due = all.filter((a) => a.at <= cutoff);
    expect(due.some((a) => Object.keys(a.detail).length > 0)).toBe(true);
    expect(due.some((a) => a.reveal)).toBe(true);
    expect(all.some((a) => a.at > cutoff && Object.keys(a.detail).length > 0)).toBe(true);

    expect(await dryThenRun('audit', at)).toBe(due.length);

    const now = new Map(rows<Audit & { detailPurgedAt?: string }>('audit').map((a) => [a._id, a]));
    for (const a of due) {
      const r = a.reveal;
      const kept = r ? { reveal: { personId: r.personId, streetId: r.streetId, orderId: r.orderId, kind: r.kind, as: r.as } } : {};
      expect(now.get(a._id)).toEqual({ ...a, detail: {}, ...kept, detailPurgedAt: at });
    }
    for (const a of all.filter((x) => x.at > cutoff)) expect(now.get(a._id)).toEqual(a);
  });
});

describe('inactive accounts: told after 2 years unused, anonymised 30 days later unless they came back', () => {
  const toldAt = day(1, '2028-11-23T02:00:00.000Z');
  const settleAt = day(30, toldAt);
  type UserDoc = { _id: string; openid: string; name: string; seenOn?: string; inactiveNoticeAt?: string };
  let told: UserDoc[] = [];

  it('tells everyone last seen on day 0, and not those seen on day 98 or never seen, naming the day of the anonymisation', async () => {
    const seenBy = beijingDate(retentionCutoffs(RETENTION_DEFAULTS, toldAt).inactiveSeenBy);
    const users = rows<UserDoc>('users');
    told = users.filter((u) => u.seenOn !== undefined && u.seenOn <= seenBy);
    expect(told.map((u) => u.openid)).toContain(PERSONAS.resident);
    // The resident and the police officer, at least: one of them comes back, the other does not.
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.map((u) => u.openid)).not.toContain(PERSONAS.residentYoung);
    expect(users.some((u) => u.seenOn === undefined)).toBe(true);

    expect(await dryThenRun('inactive', toldAt)).toBe(told.length);

    for (const u of told) expect((await gw.store.get<UserDoc>('users', u._id))!.inactiveNoticeAt).toBe(toldAt);
    const notices = rows<{ recipientId: string; template: string; title: string; body: string; createdAt: string; wx: { data: Record<string, { value: string }> } | null }>(
      'outbox',
    ).filter((m) => m.template === 'account.inactive');
    expect(notices.map((m) => m.recipientId).sort()).toEqual(told.map((u) => u._id).sort());
    for (const m of notices) {
      expect(m.title).toBe('账号即将注销，打开红邻即可保留');
      expect(m.body).toContain(fullDateTimeText(settleAt));
      expect(m.wx?.data.time2?.value).toBe(fullDateTimeText(settleAt));
    }
  });

  it('anonymises, 30 days on, the ones who did not come back, and keeps (and no longer warns) the one who opened 红邻', async () => {
    gw.ports.clock.set(day(5, toldAt));
    const me = await gw.call(PERSONAS.resident, 'accounts', 'me', {});
    expect(me.body.ok).toBe(true);
    const cameBack = told.find((u) => u.openid === PERSONAS.resident)!;

    expect(await run('inactive', day(-1, settleAt), true)).toBe(0);
    expect(await dryThenRun('inactive', settleAt)).toBe(told.length);

    const kept = (await gw.store.get<UserDoc>('users', cameBack._id))!;
    expect([kept.openid, kept.name, kept.inactiveNoticeAt]).toEqual([PERSONAS.resident, cameBack.name, undefined]);
    for (const u of told.filter((x) => x !== cameBack)) {
      const gone = (await gw.store.get<UserDoc>('users', u._id))!;
      expect([u._id, isErased(gone), gone.name, gone.seenOn ?? null, gone.inactiveNoticeAt ?? null]).toEqual([u._id, true, ERASED_NAME, null, null]);
    }
  });
});

describe('the retention jobs in the scheduler tick', () => {
  it('runs each job on every tick with the periods of the environment, and a tick settles: a second tick at the instant changes nothing', async () => {
    const names = ['retentionContacts', 'retentionPhotos', 'retentionReplays', 'retentionOutbox', 'retentionAudit', 'retentionInactive'];
    for (const name of names) expect(Object.keys(JOBS)).toContain(name);
    const at = day(0, '2030-12-01T02:00:00.000Z');
    const first = await gw.tick(at);
    if (!first.body.ok) throw new Error(first.body.error.code);
    // The replays and messages of the inactive step, and the residents seen on day 98 (told now), are due.
    expect(first.body.data.jobs.retentionReplays).toBeGreaterThan(0);
    expect(first.body.data.jobs.retentionOutbox).toBeGreaterThan(0);
    expect(first.body.data.jobs.retentionAudit).toBeGreaterThan(0);
    expect(first.body.data.jobs.retentionInactive).toBeGreaterThan(0);
    const settled = everything();
    const second = await gw.tick(at);
    expect(second.body).toEqual({ ok: true, data: { at, jobs: Object.fromEntries(Object.keys(JOBS).map((name) => [name, 0])) } });
    expect(everything()).toBe(settled);
  });

  it('refuses to run with a period below its minimum, naming the variable', async () => {
    const jobs = scheduledRetentionJobs({ HONGLIN_RETAIN_AUDIT_YEARS: '1' });
    await expect(runTick(gw.ports, day(1, '2030-12-01T02:00:00.000Z'), { jobs })).rejects.toThrow(/^HONGLIN_RETAIN_AUDIT_YEARS must be a whole number of at least 3/);
  });
});

describe('npm run retention', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('scripts', 'retention.ts'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, HONGLIN_DATA_DIR: gw.dataDir, ...env },
      timeout: 60_000,
    });
  const counts = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^(contacts|photos|replays|outbox|audit|inactive) +(\d+)$/gm)].map((m) => [m[1], Number(m[2])]));

  it('prints the periods in force and, per job, what a run as of --at would change, writing nothing; --only runs one job', async () => {
    const at = '2035-01-01T00:00:00.000Z';
    const policy = retentionPolicy({ HONGLIN_RETAIN_OUTBOX_DAYS: '7' });
    const expected = Object.fromEntries(await Promise.all((Object.keys(RETENTION_JOBS) as RetentionJobName[]).map(async (job) => [job, await run(job, at, true, policy)])));
    expect(expected.outbox).toBeGreaterThan(0);
    const before = everything();

    const dry = cli(['--dry-run', '--at', at], { HONGLIN_RETAIN_OUTBOX_DAYS: '7' });
    expect([dry.status, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toMatch(/^HONGLIN_RETAIN_OUTBOX_DAYS +7 \(set\) +30 /m);
    expect(dry.stdout).toMatch(/^HONGLIN_RETAIN_CONTACT_DAYS +180 +180 /m);
    expect(counts(dry.stdout)).toEqual(expected);
    expect(everything()).toBe(before);

    const one = cli(['--only', 'outbox', '--at', at], { HONGLIN_RETAIN_OUTBOX_DAYS: '7' });
    expect([one.status, counts(one.stdout)]).toEqual([0, { outbox: expected.outbox }]);
    expect(await run('outbox', at, true, policy)).toBe(0);
  });

  it('refuses a period below its minimum and an unknown job, naming what is wrong', () => {
    const bad = cli(['--dry-run'], { HONGLIN_RETAIN_CONTACT_DAYS: '7' });
    expect([bad.status, bad.stderr.trim()]).toEqual([1, 'HONGLIN_RETAIN_CONTACT_DAYS must be a whole number of at least 30 (got "7")']);
    const unknown = cli(['--only', 'everything']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^--only takes one of contacts, photos, replays, outbox, audit, inactive/);
  });
});
