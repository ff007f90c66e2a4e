import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';

/**
 * The day a person was last here (`users.seenOn`, a Beijing day), which the inactive-account
 * retention job reads: the first call of a day sets it, beside the call and without a version bump,
 * so a write of the same call that holds the user's version still goes through.
 */

type UserRow = { _id: string; seenOn?: string; version: number; name: string };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const userOf = async (openid: string) => (await gw.store.find<UserRow & { _id: string }>('users', { openid }))[0]!;

describe('the day a person was last seen', () => {
  it('is the Beijing day of their first call that day, set once, without touching the version', async () => {
    await gw.tick('2026-12-06T17:30:00.000Z'); // 01:30 on 7 December in Beijing
    const before = await userOf(PERSONAS.resident);
    expect(before.seenOn).not.toBe('2026-12-07');
    expect((await gw.call(PERSONAS.resident, 'accounts', 'me', {})).body.ok).toBe(true);
    const after = await userOf(PERSONAS.resident);
    expect(after.seenOn).toBe('2026-12-07');
    expect(after.version).toBe(before.version);
  });

  it('lets the first call of a day that writes the user (a profile change) succeed beside it', async () => {
    await gw.tick('2026-12-08T02:00:00.000Z');
    const before = await userOf(PERSONAS.residentYoung);
    const res = await gw.call(PERSONAS.residentYoung, 'accounts', 'updateProfile', { largeText: true });
    expect(res.body.ok).toBe(true);
    const after = await userOf(PERSONAS.residentYoung);
    expect(after.seenOn).toBe('2026-12-08');
    expect(after.version).toBe(before.version + 1);
  });

  it('is set on registration, and a later call the same day writes nothing more', async () => {
    await gw.tick('2026-12-09T03:00:00.000Z');
    expect((await gw.call('o-seen-on-newcomer', 'accounts', 'me', {})).body.ok).toBe(true);
    const made = await userOf('o-seen-on-newcomer');
    expect(made.seenOn).toBe('2026-12-09');
    const raw = () => gw.store.db.prepare(`SELECT doc FROM "users" WHERE _id = ?`).get(made._id) as { doc: string };
    const first = raw().doc;
    expect((await gw.call('o-seen-on-newcomer', 'accounts', 'me', {})).body.ok).toBe(true);
    expect(raw().doc).toBe(first);
  });
});
