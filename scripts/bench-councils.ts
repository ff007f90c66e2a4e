import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../cloudfunctions/_core/collections';
import { runCall } from '../cloudfunctions/_core/pipeline';
import type { Ports } from '../cloudfunctions/_core/ports';
import type { Doc, Filter, FindOptions, Store } from '../cloudfunctions/_core/ports/store';
import { councilsFunction } from '../cloudfunctions/councils/councils.function';
import { remindMeetings, remindMinutes } from '../cloudfunctions/councils/meeting-jobs';
import { followCouncilOrders } from '../cloudfunctions/councils/topic-jobs';
import { TOPIC_FILTERS } from '../shared/councils/councils.schema';
import { demoInserts, PERSONAS } from './demo-data';
import { countingStore } from './bench-store';
import { playDemoStory } from './demo-story';
import { p95 } from './bench-stats';

/**
 * The councils' figures (`npm run bench -- councils`), on the demo with its stories (ten days of
 * the request loop, three months of councils):
 *
 * - `council_vote_p95_ms`: one vote through the pipeline while 50 participants cast theirs at once
 *   on one item. Each round launches 50 votes together (`Promise.all`) on a freshly opened item;
 *   the figure is the round's wall time shared by its 50 votes, p95 over 40 rounds. The local
 *   store is one thread, so a vote's own latency in a round also holds the others' turns
 *   (`council_vote_queued_p95_ms`, for the record); in production each call runs on its own.
 *   Every round checks that each vote was counted once and the tally is exact.
 * - `council_list_index_backed`: the share of the councils' list and due-work queries (every
 *   `find` and `count` the list actions and the jobs send) whose SQLite plan uses an index.
 * - `council_<action>_store_calls` / `_total`: round trips (calls that set out while none was
 *   under way) and all calls, of sign-in, vote and the meeting view, as `homeStoreCalls` counts them.
 */

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
type Record_ = (name: string, value: number, unit: Unit) => void;
type Json = any;

const NOW = '2026-11-23T02:00:00.000Z'; // Monday 10:00 in Beijing
const GRID = 'cm01-gd1';
const PARTICIPANTS = 50;
const ITEMS = 20;

const COUNCIL_COLLECTIONS = new Set([
  'topics',
  'topic_events',
  'topic_supports',
  'topic_ratings',
  'meetings',
  'meeting_events',
  'meeting_invitations',
  'council_attendance',
  'council_ballots',
  'council_rolls',
  'council_settings',
]);

export async function benchCouncils(record: Record_): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-councils-'));
  const store = new SqliteStore(join(dir, 'councils.sqlite'), COLLECTIONS);
  await store.transact(demoInserts());
  const ports = localPorts({ store, dataDir: dir });
  await playDemoStory(ports, Date.parse(NOW));
  ports.clock.set(NOW);

  const call = async (p: Ports, openid: string, action: string, payload: unknown, requestId?: string): Promise<Json> => {
    const res = await runCall(councilsFunction, p, { action, payload, ...(requestId ? { requestId } : {}) }, { persona: openid });
    if (!res.ok) throw new Error(`bench: councils.${action} by ${openid}: ${res.error.code} ${res.error.field ?? ''}`);
    return res.data;
  };
  const leader = PERSONAS.gridLeader;

  // Fifty residents of the grid, invited by name to two meetings of twenty items each.
  const building = (await store.get<Doc & { path: Record<string, string> }>('nodes', 'cm01-gd1-mg1-bd1'))!;
  const people = Array.from({ length: PARTICIPANTS }, (_, i) => `bench-council-${String(i + 1).padStart(2, '0')}`);
  const loaded = await store.transact(
    people.map((id, i) => ({
      op: 'insert' as const,
      collection: 'users',
      doc: {
        _id: id,
        openid: id,
        name: `居民代表${i + 1}`,
        largeText: false,
        createdAt: NOW,
        updatedAt: NOW,
        version: 1,
        home: { buildingId: building._id, room: `${i + 1}01`, path: building.path },
      },
    })),
  );
  if (!loaded.ok) throw new Error('bench: could not add the participants');

  let keys = 0;
  const meetingOf = async (title: string): Promise<Json> => {
    let m = (
      await call(ports, leader, 'createMeeting', {
        clientKey: `bench-meeting-${++keys}-xx`,
        type: '微网格议事会',
        title,
        nodeId: GRID,
        stationId: 'cm01-sta1',
        placeText: '幸福里党群服务站',
        startAt: '2026-11-24T06:30:00.000Z',
        lengthMinutes: 480,
        inviteRoles: [],
        inviteeIds: people,
      })
    ).meeting;
    for (let i = 0; i < ITEMS; i++) {
      const topic = (
        await call(ports, leader, 'raise', { clientKey: `bench-topic-${keys}-${i}-xx`, title: `基准议题${keys}-${i}`, description: '基准测试用的议题，逐项表决', gridId: GRID })
      ).topic;
      m = (await call(ports, leader, 'addItem', { meetingId: m.id, topicId: topic.id, presenterName: '李建国', minutes: 20 })).meeting;
    }
    await call(ports, leader, 'publish', { meetingId: m.id });
    return (await call(ports, leader, 'open', { meetingId: m.id })).meeting;
  };
  const scene = async (meetingId: string) => (await call(ports, leader, 'screenCode', { meetingId })).scene as string;

  // ---- one vote while fifty are cast -----------------------------------------------------------------

  const shared: number[] = [];
  const queued: number[] = [];
  let rounds = 0;
  for (const title of ['基准议事会甲', '基准议事会乙']) {
    const m = await meetingOf(title);
    const s = await scene(m.id);
    for (const p of people) await call(ports, p, 'signIn', { meetingId: m.id, scene: s });
    for (const [n, item] of (m.agenda as { id: string }[]).entries()) {
      await call(ports, leader, 'openVote', { meetingId: m.id, itemId: item.id });
      const choices = ['agree', 'oppose', 'abstain'] as const;
      const started = process.hrtime.bigint();
      const each = await Promise.all(
        people.map(async (p, i) => {
          const t = process.hrtime.bigint();
          const res = await runCall(
            councilsFunction,
            ports,
            { action: 'vote', payload: { meetingId: m.id, itemId: item.id, choice: choices[(i + n) % 3] }, requestId: `bench-vote-${m.id}-${item.id}-${i}` },
            { persona: p },
          );
          if (!res.ok) throw new Error(`bench: vote: ${res.error.code}`);
          return Number(process.hrtime.bigint() - t) / 1e6;
        }),
      );
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      // Every vote counted once, the tally exact.
      const ballots = await store.find<Doc & { choice: string }>('council_ballots', { meetingId: m.id, itemId: item.id }, { limit: 1000 });
      const expected = { agree: 0, oppose: 0, abstain: 0 };
      people.forEach((_, i) => expected[choices[(i + n) % 3]!]++);
      const got = { agree: 0, oppose: 0, abstain: 0 };
      for (const b of ballots) got[b.choice as keyof typeof got]++;
      if (ballots.length !== PARTICIPANTS || JSON.stringify(got) !== JSON.stringify(expected))
        throw new Error(`bench: a round of ${PARTICIPANTS} votes stored ${ballots.length} ballots ${JSON.stringify(got)}`);
      // The first round of each meeting warms the statements up.
      if (n === 0) continue;
      rounds++;
      shared.push(wall / PARTICIPANTS);
      queued.push(...each);
      await call(ports, leader, 'decide', { meetingId: m.id, itemId: item.id, outcome: 'adopted', notes: '' });
    }
  }
  record('council_vote_p95_ms', p95(shared), 'ms');
  record('council_vote_queued_p95_ms', p95(queued), 'ms');
  record('council_vote_rounds', rounds, 'count');

  // ---- round trips of sign-in, vote and the meeting view ---------------------------------------------

  /** Every find and count sent to a council collection (and the jobs' reads), for their query plans. */
  const queries = new Map<string, { collection: string; filter: Filter; options?: FindOptions; name: string }>();
  let naming = '';
  let capture = false;
  const counter = countingStore(store as Store, (method, args) => {
    if (!capture || (method !== 'find' && method !== 'count')) return;
    const [collection, filter, options] = args as [string, Filter, FindOptions | undefined];
    if (!COUNCIL_COLLECTIONS.has(collection) && !naming.startsWith('job:')) return;
    const k = JSON.stringify([collection, filter, method === 'find' ? (options?.sort ?? null) : 'count']);
    if (!queries.has(k))
      queries.set(k, { collection, filter, ...(method === 'find' && options ? { options } : {}), name: `${naming} ${collection}${method === 'count' ? ' (count)' : ''}` });
  });
  const counted: Ports = { ...ports, store: counter.store };
  const measure = async (name: string, fn: () => Promise<unknown>) => {
    counter.reset();
    await fn();
    record(`council_${name}_store_calls`, counter.counts.rounds, 'count');
    record(`council_${name}_store_calls_total`, counter.counts.calls, 'count');
  };

  const m = await meetingOf('基准议事会丙');
  const s = await scene(m.id);
  for (const p of people.slice(1)) await call(ports, p, 'signIn', { meetingId: m.id, scene: s });
  await call(ports, leader, 'openVote', { meetingId: m.id, itemId: m.agenda[0].id });
  // Warm: the same actions once each on another participant and item.
  await call(counted, people[1]!, 'vote', { meetingId: m.id, itemId: m.agenda[0].id, choice: 'agree' }, 'bench-warm-vote-0001');
  await measure('signin', () => call(counted, people[0]!, 'signIn', { meetingId: m.id, scene: s }, 'bench-signin-0001'));
  await measure('vote', () => call(counted, people[0]!, 'vote', { meetingId: m.id, itemId: m.agenda[0].id, choice: 'agree' }, 'bench-vote-0001'));
  await measure('getmeeting', () => call(counted, leader, 'getMeeting', { meetingId: m.id }));
  await measure('getmeeting_participant', () => call(counted, people[0]!, 'getMeeting', { meetingId: m.id }));

  // ---- the list queries and the jobs' due queries, and their plans ------------------------------------

  capture = true;
  const lists: [string, string, Json][] = [];
  for (const filter of TOPIC_FILTERS) {
    lists.push([`listTopics:${filter}:leader`, leader, { gridId: GRID, filter }]);
    lists.push([`listTopics:${filter}:resident`, PERSONAS.resident, { filter }]);
    lists.push([`listTopics:${filter}:mine`, PERSONAS.resident, { filter, mine: true }]);
  }
  for (const [name, who, payload] of lists) {
    naming = name;
    await call(counted, who, 'listTopics', payload);
  }
  for (const [name, who, payload] of [
    ['listMeetings:mine:leader', leader, { view: 'mine' }],
    ['listMeetings:mine:invitee', people[0]!, { view: 'mine' }],
    ['listMeetings:place:grid', PERSONAS.resident, { view: 'place', nodeId: GRID }],
    ['listMeetings:place:community', PERSONAS.communityAdmin, { view: 'place', nodeId: 'cm01' }],
    ['decisions:grid', PERSONAS.resident, {}],
    ['decisions:grid:leader', leader, { gridId: GRID }],
  ] as const) {
    naming = name;
    await call(counted, who, name.split(':')[0]!, payload);
  }
  const later = new Date(Date.parse(NOW) + 100 * 86_400_000).toISOString();
  for (const [name, job] of [
    ['job:remindMeetings', remindMeetings],
    ['job:remindMinutes', remindMinutes],
    ['job:followCouncilOrders', followCouncilOrders],
  ] as const) {
    naming = name;
    await job(counted, later);
  }
  capture = false;

  const misses: string[] = [];
  let backed = 0;
  for (const q of queries.values()) {
    const plan = store.plan(q.collection, q.filter, q.options);
    const ok = plan.some((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(d)) && !plan.some((d) => new RegExp(`^SCAN ${q.collection}\\b`).test(d.replace(/"/g, '')));
    if (ok) backed++;
    else misses.push(`${q.name}: ${JSON.stringify(q.filter)} → ${plan.join(' | ')}`);
  }
  record('council_list_index_backed', queries.size ? backed / queries.size : 0, 'ratio');
  record('council_list_queries_checked', queries.size, 'count');
  // HONGLIN_BENCH_PLANS=1 prints every query checked with its plan.
  if (process.env.HONGLIN_BENCH_PLANS)
    for (const q of queries.values()) console.log(`${q.name}: ${JSON.stringify(q.filter)} → ${store.plan(q.collection, q.filter, q.options).join(' | ')}`);
  if (misses.length) console.warn(`council queries without an index:\n  ${misses.join('\n  ')}`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
