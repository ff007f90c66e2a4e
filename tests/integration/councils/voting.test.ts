import { CHOICES } from '../../../shared/councils/agenda';
import { stableHash } from '../../../shared/kernel/hash';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { call, clientKey, councils, inSession, MORNING, newResident, refusal, screenScene, userIdOf, type Json } from './meeting-helpers';

/**
 * Voting (表决): only signed-in participants, once each, exact under fifty votes at once; and an
 * anonymous ballot (民主评议会, 民意听证会) that no document in the whole store links to its voter.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const leader = PERSONAS.gridLeader;

/** `n` new residents of the grid, each invited by name to a meeting of `type` in session, signed in by the screen's code. */
async function signedIn(n: number, type = '微网格议事会'): Promise<{ m: Json; voters: string[]; ids: string[] }> {
  const voters = await Promise.all(Array.from({ length: n }, (_, i) => newResident(gw, `参会居民${'甲乙丙丁戊己庚辛壬癸'[i % 10]}`)));
  const ids = await Promise.all(voters.map((v) => userIdOf(gw, v)));
  const m = await inSession(gw, { type, inviteeIds: ids, inviteRoles: [] });
  const scene = await screenScene(gw, m.id);
  const signIns = await Promise.all(voters.map((v) => call(gw, v, 'signIn', { meetingId: m.id, scene })));
  expect(signIns.map(refusal)).toEqual(voters.map(() => 'ok'));
  const opened = (await councils(gw, leader, 'openVote', { meetingId: m.id, itemId: m.agenda[0].id })).meeting;
  return { m: opened, voters, ids };
}

describe('who votes, and how often', () => {
  it('takes a vote only from someone signed in, only while the item is open, once each', async () => {
    const { m, voters } = await signedIn(2);
    const vote = (persona: string, choice = 'agree', itemId = m.agenda[0].id) => call(gw, persona, 'vote', { meetingId: m.id, itemId, choice });
    // An invitee who did not sign in, a resident of the grid who did not, an unknown item.
    expect(refusal(await vote(PERSONAS.resident))).toBe('MEETING.NOT_SIGNED_IN payload.meetingId');
    expect(refusal(await vote(PERSONAS.residentYoung))).toBe('MEETING.NOT_SIGNED_IN payload.meetingId');
    expect(refusal(await vote(voters[0]!, 'agree', 'i9'))).toBe('MEETING.ITEM_NOT_FOUND payload.itemId');
    expect(refusal(await vote(voters[0]!))).toBe('ok');
    const second = await vote(voters[0]!, 'oppose');
    expect([second.status, refusal(second)]).toEqual([409, 'MEETING.ALREADY_VOTED payload.itemId']);
    // The same person tapping three times at once: one ballot.
    const taps = await Promise.all([1, 2, 3].map(() => vote(voters[1]!, 'abstain')));
    expect(taps.map(refusal).sort()).toEqual(['MEETING.ALREADY_VOTED payload.itemId', 'MEETING.ALREADY_VOTED payload.itemId', 'ok']);
    expect(await gw.store.count('council_ballots', { meetingId: m.id })).toBe(2);
    // Decided, the item takes no more votes.
    await councils(gw, leader, 'decide', { meetingId: m.id, itemId: m.agenda[0].id, outcome: 'adopted' });
    expect(refusal(await vote(voters[1]!))).toBe('MEETING.VOTE_NOT_OPEN payload.itemId');
  }, 30_000);

  it('lets someone who came without an invitation (列席) sign in and be counted present, but not vote', async () => {
    const { m } = await signedIn(2);
    const guest = await newResident(gw, '列席居民');
    const scene = await screenScene(gw, m.id);
    expect(refusal(await call(gw, guest, 'signIn', { meetingId: m.id, scene }))).toBe('ok');
    const seen = (await councils(gw, guest, 'getMeeting', { meetingId: m.id })).meeting;
    expect(seen.signedIn).toBe(true);
    expect(seen.allowedActions).not.toContain('vote');
    expect(refusal(await call(gw, guest, 'vote', { meetingId: m.id, itemId: m.agenda[0].id, choice: 'agree' }))).toBe('MEETING.NOT_A_PARTICIPANT payload.meetingId');
    expect(await gw.store.count('council_ballots', { meetingId: m.id })).toBe(0);
    // The convener, signed in, votes without an invitation of their own.
    expect(refusal(await call(gw, leader, 'signIn', { meetingId: m.id, scene }))).toBe('ok');
    expect(refusal(await call(gw, leader, 'vote', { meetingId: m.id, itemId: m.agenda[0].id, choice: 'agree' }))).toBe('ok');
  });

  it('counts fifty votes cast at once exactly once each, without touching the meeting', async () => {
    const { m, voters, ids } = await signedIn(50);
    const versionBefore = (await gw.store.get<Json>('meetings', m.id))!.version;
    const choices = voters.map((_, i) => CHOICES[i % 3]!);
    const answers = await Promise.all(voters.map((v, i) => call(gw, v, 'vote', { meetingId: m.id, itemId: 'i1', choice: choices[i] }, `vote-${i}-${clientKey()}`.slice(0, 60))));
    expect(answers.map((a) => a.status)).toEqual(voters.map(() => 200));
    const expected = {
      agree: choices.filter((c) => c === 'agree').length,
      oppose: choices.filter((c) => c === 'oppose').length,
      abstain: choices.filter((c) => c === 'abstain').length,
      total: 50,
    };
    const ballots = await gw.store.find<Json>('council_ballots', { meetingId: m.id }, { limit: 1000 });
    expect(ballots.map((b) => b.voterId).sort()).toEqual([...ids].sort());
    expect((await gw.store.get<Json>('meetings', m.id))!.version).toBe(versionBefore);
    const seen = (await councils(gw, leader, 'getMeeting', { meetingId: m.id })).meeting;
    expect(seen.agenda[0].tally).toEqual(expected);
    expect(seen.quorum).toEqual(expect.objectContaining({ invited: 51, present: 50, reached: true }));
    // And the decision records the same count.
    const decided = (await councils(gw, leader, 'decide', { meetingId: m.id, itemId: 'i1', outcome: 'adopted' })).meeting;
    expect(decided.agenda[0].tally).toEqual(expected);
  }, 60_000);
});

/** Every value in a document, nested. */
function valuesOf(x: unknown, out: Set<string> = new Set()): Set<string> {
  if (x === null || x === undefined) return out;
  if (typeof x === 'object') {
    for (const v of Object.values(x as Record<string, unknown>)) valuesOf(v, out);
    return out;
  }
  out.add(String(x));
  return out;
}

describe('an anonymous ballot', () => {
  it.each(['民意听证会', '民主评议会'])(
    'of a %s stores no voter anywhere in the store',
    async (type) => {
      const { m, voters, ids } = await signedIn(6, type);
      expect(m.anonymous).toBe(true);
      if (type === '民主评议会') expect(m.agenda[0].kind).toBe('decide');
      const choices = ['agree', 'agree', 'oppose', 'abstain', 'agree', 'oppose'];
      const requestIds = voters.map((_, i) => `anon-${i}-${clientKey()}`.slice(0, 60));
      const answers = await Promise.all(voters.map((v, i) => call(gw, v, 'vote', { meetingId: m.id, itemId: 'i1', choice: choices[i] }, requestIds[i])));
      expect(answers.map(refusal)).toEqual(voters.map(() => 'ok'));
      expect(refusal(await call(gw, voters[0]!, 'vote', { meetingId: m.id, itemId: 'i1', choice: 'oppose' }))).toBe('MEETING.ALREADY_VOTED payload.itemId');

      // The ballots: a choice and the item, nothing else; the roll: who voted, not how.
      const ballots = await gw.store.find<Json>('council_ballots', { meetingId: m.id }, { limit: 1000 });
      expect(ballots).toHaveLength(6);
      for (const b of ballots) {
        expect(Object.keys(b).sort()).toEqual(['_id', 'choice', 'itemId', 'meetingId']);
        expect(ids.some((id) => b._id.includes(id))).toBe(false);
      }
      const rolls = await gw.store.find<Json>('council_rolls', { meetingId: m.id }, { limit: 1000 });
      expect(rolls.map((r) => r.userId).sort()).toEqual([...ids].sort());
      for (const r of rolls) expect(Object.keys(r).sort()).toEqual(['_id', 'at', 'itemId', 'meetingId', 'userId']);

      // No document of any collection (the audit, the replay records, the timelines included) holds a voter and a choice.
      const db = gw.store.db;
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      let scanned = 0;
      for (const table of tables) {
        const rows = db.prepare(`SELECT _id, doc FROM "${table}"`).all() as { _id: string; doc: string }[];
        for (const row of rows) {
          const values = valuesOf(JSON.parse(row.doc));
          values.add(row._id);
          const text = [...values].join('\n');
          const voter = ids.find((id) => text.includes(id));
          const choice = CHOICES.find((c) => values.has(c));
          if (voter && choice) throw new Error(`${table}/${row._id} links ${voter} to ${choice}: ${row.doc.slice(0, 300)}`);
          scanned++;
        }
      }
      expect(scanned).toBeGreaterThan(1000);
      // The audit says a vote was cast, never what.
      const audits = await gw.store.find<Json>('audit', { subjectId: m.id }, { limit: 1000 });
      const votes = audits.filter((a) => a.action === 'vote');
      expect(votes).toHaveLength(6);
      for (const a of votes) expect(a.detail).toEqual({ event: 'meeting.vote', itemId: 'i1', anonymous: true });

      // The replay record of each vote is keyed by the voter and the request, but hashed without the
      // choice: trying each of the three choices against the key finds none of them.
      for (const [i, voter] of voters.entries()) {
        const prefix = `${stableHash(voter)}:councils.vote:${requestIds[i]}:`;
        const replays = await gw.store.find<Json>('idempotency', { _id: { $gte: prefix, $lt: `${prefix}~` } }, { limit: 10 });
        expect(replays).toHaveLength(1);
        for (const choice of CHOICES) expect(replays[0]._id).not.toBe(`${prefix}${stableHash(JSON.stringify({ meetingId: m.id, itemId: 'i1', choice }))}`);
        expect(replays[0]._id).toBe(`${prefix}${stableHash(JSON.stringify({ meetingId: m.id, itemId: 'i1' }))}`);
      }

      // What the voter sees: that they voted, and the count, never their choice.
      const mine = (await councils(gw, voters[2]!, 'getMeeting', { meetingId: m.id })).meeting.agenda[0];
      expect(mine).toEqual(expect.objectContaining({ voted: true, myChoice: null, tally: { agree: 3, oppose: 2, abstain: 1, total: 6 } }));
    },
    60_000,
  );
});
