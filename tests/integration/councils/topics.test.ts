import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, post } from '../../helpers/orders';
import { acting, ACTION, adopted, BUILDING, councils, decide, decided, GRID, newResident, OTHER_GRID_BUILDING, proposed, raised, userIdOf } from './topic.scenarios';

/**
 * 民事民议 through the real gateway over SQLite: residents propose and support topics, the grid
 * leader adopts, declines or merges them, decisions become work orders in the request loop whose
 * progress the topics follow, and the residents who raised a topic rate the result (效果共评).
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

type Row = { _id: string; recipientId: string; template: string; title: string; body: string };
const outboxOf = (recipientId: string, template: string) => gw.store.find<Row>('outbox', { recipientId, template }, { limit: 100 });
const call = (persona: string, action: string, payload: unknown) => gw.call(persona, 'councils', action, payload);
const topicOf = async (persona: string, topicId: string) => (await councils(gw, persona, 'getTopic', { topicId })).topic;

describe('topics: propose, support, adopt', () => {
  it('gathers support once per resident, refuses the proposer, and sends the topic to the grid leader at the threshold', async () => {
    const t = await proposed(gw);
    expect(t).toEqual(expect.objectContaining({ state: 'proposed', threshold: 5, supportCount: 0, mine: true, proposerName: '张桂英', gridId: GRID }));
    expect(t.placeLabel).toBe('幸福里社区 › 幸福里第一网格');
    expect(t.timeline.map((l: { kind: string; actor: string }) => [l.kind, l.actor])).toEqual([['proposed', '居民 张桂英']]);
    expect(t.way.filter((w: { reached: boolean }) => w.reached).map((w: { stage: string }) => w.stage)).toEqual(['proposed']);

    const own = await call(PERSONAS.resident, 'support', { topicId: t.id });
    expect(own.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.OWN_TOPIC', field: 'payload.topicId' }) });

    // A neighbour sees the proposer's name masked, and a 附议 button.
    const seen = await topicOf(PERSONAS.residentYoung, t.id);
    expect(seen.proposerName).toBe('张**');
    expect(seen.allowedActions).toEqual(['support']);
    expect(seen.timeline[0].actor).toBe('居民');

    const first = await councils(gw, PERSONAS.residentYoung, 'support', { topicId: t.id });
    expect(first.topic).toEqual(expect.objectContaining({ supportCount: 1, supportedByMe: true, state: 'proposed', allowedActions: [] }));
    const twice = await call(PERSONAS.residentYoung, 'support', { topicId: t.id });
    expect(twice.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.ALREADY_SUPPORTED', field: 'payload.topicId' }) });

    // Someone of another grid does not even see it.
    const outsider = await newResident(gw, OTHER_GRID_BUILDING);
    expect((await call(outsider, 'support', { topicId: t.id })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NOT_FOUND' }) });

    // Four more at once: each counted once, and exactly one of them reaches the threshold.
    const four = await Promise.all([1, 2, 3, 4].map(() => newResident(gw)));
    const answers = await Promise.all(four.map((p) => call(p, 'support', { topicId: t.id })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const stored = await gw.store.get<{ _id: string; state: string; supportCount: number; supporters: string[] }>('topics', t.id);
    expect(stored).toEqual(expect.objectContaining({ state: 'supported', supportCount: 5 }));
    expect(new Set(stored!.supporters).size).toBe(5);
    expect(await gw.store.count('topic_supports', { topicId: t.id })).toBe(5);

    const leaderId = await userIdOf(gw, PERSONAS.gridLeader);
    const reached = await outboxOf(leaderId, 'topic.supported');
    expect(reached).toHaveLength(1);
    expect(reached[0]!.body).toContain('小区路灯不亮了');
    // Only the grid's leader: not the community above it.
    expect(await outboxOf(await userIdOf(gw, PERSONAS.communityAdmin), 'topic.supported')).toHaveLength(0);

    const leaderView = await topicOf(PERSONAS.gridLeader, t.id);
    // The grid leader lives in the grid too: he may support it as well as adopt it.
    expect(leaderView.allowedActions).toEqual(['support', 'adopt', 'decline', 'merge']);
    expect(leaderView.timeline.map((l: { kind: string }) => l.kind)).toEqual(['proposed', 'support', 'support', 'support', 'support', 'support', 'reach']);

    gw.ports.clock.advance(60_000);
    const adoptedTopic = (await councils(gw, PERSONAS.gridLeader, 'adopt', { topicId: t.id })).topic;
    expect(adoptedTopic.state).toBe('adopted');
    expect(adoptedTopic.timeline.at(-1).actor).toBe('网格长 李建国');
    // The proposer and every supporter heard it was adopted.
    const raisers = [PERSONAS.resident, PERSONAS.residentYoung, ...four];
    for (const p of raisers) expect(await outboxOf(await userIdOf(gw, p), 'topic.adopted')).toHaveLength(1);
    expect((await call(PERSONAS.gridLeader, 'adopt', { topicId: t.id })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NOT_ALLOWED_NOW' }) });
  });

  it('counts every one of many supports sent at once, once each, and reaches the threshold once', async () => {
    const t = await proposed(gw);
    const many = await Promise.all(Array.from({ length: 16 }, () => newResident(gw)));
    const answers = await Promise.all(many.map((p) => call(p, 'support', { topicId: t.id })));
    expect(answers.map((a) => a.status)).toEqual(many.map(() => 200));
    const stored = await gw.store.get<{ _id: string; state: string; supportCount: number; supporters: string[] }>('topics', t.id);
    expect(stored).toEqual(expect.objectContaining({ state: 'supported', supportCount: 16 }));
    expect(new Set(stored!.supporters).size).toBe(16);
    expect(await gw.store.count('topic_events', { topicId: t.id, kind: 'reach' })).toBe(1);
  });

  it('lets the grid leader adopt a topic before it reaches the threshold, and no resident', async () => {
    const t = await proposed(gw);
    expect((await call(PERSONAS.residentYoung, 'adopt', { topicId: t.id })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.FORBIDDEN' }) });
    expect((await call(PERSONAS.volunteer, 'adopt', { topicId: t.id })).status).toBe(403);
    expect((await councils(gw, PERSONAS.gridLeader, 'adopt', { topicId: t.id })).topic.state).toBe('adopted');
  });

  it('makes one topic of a proposal sent twice with one client key', async () => {
    const key = clientKey();
    const payload = { clientKey: key, title: '垃圾桶不够用', description: '五号楼下的垃圾桶太少，每天都满出来' };
    const [a, b] = await Promise.all([call(PERSONAS.residentYoung, 'propose', payload), call(PERSONAS.residentYoung, 'propose', payload)]);
    expect(a.body.ok && b.body.ok).toBe(true);
    const ids = [a, b].map((r) => (r.body.ok ? r.body.data.topic.id : null));
    expect(ids[0]).toBe(ids[1]);
    expect(await gw.store.count('topics', { _id: ids[0]! })).toBe(1);
    expect(await gw.store.count('topic_events', { topicId: ids[0]! })).toBe(1);
  });

  it('takes proposals from residents and role holders of the grid only, in their home grid unless they name one', async () => {
    const outsider = await newResident(gw, OTHER_GRID_BUILDING);
    const there = await call(outsider, 'propose', { clientKey: clientKey(), title: '小区路灯不亮了', description: '三号楼到五号楼之间的路灯坏了一个多月', gridId: GRID });
    expect(there.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.FORBIDDEN' }) });
    const home = await proposed(gw, outsider);
    expect(home.gridId).toBe('cm01-gd2');
    const notAGrid = await call(PERSONAS.resident, 'propose', {
      clientKey: clientKey(),
      title: '小区路灯不亮了',
      description: '三号楼到五号楼之间的路灯坏了一个多月',
      gridId: 'cm01',
    });
    expect(notAGrid.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TERRITORY.NODE_NOT_FOUND', field: 'payload.gridId' }) });
    const homeless = 'council-homeless';
    await gw.call(homeless, 'accounts', 'me', {});
    const none = await call(homeless, 'propose', { clientKey: clientKey(), title: '小区路灯不亮了', description: '三号楼到五号楼之间的路灯坏了一个多月' });
    expect(none.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NO_HOME_GRID', field: 'payload.gridId' }) });
  });

  it('lets a grid leader raise a topic, adopted at once, and nobody else', async () => {
    const t = await raised(gw);
    expect(t).toEqual(expect.objectContaining({ state: 'adopted', source: 'leader', proposerName: null }));
    expect(t.timeline[0]).toEqual(expect.objectContaining({ kind: 'proposed', text: '网格长提出议题', actor: '网格长 李建国' }));
    const byResident = await call(PERSONAS.resident, 'raise', { clientKey: clientKey(), title: '楼道堆物清理', description: '多个楼道堆放杂物，存在消防隐患', gridId: GRID });
    expect(byResident.status).toBe(403);
  });
});

describe('topics: answers and merges', () => {
  it('turns a topic down with a written answer the proposer and the supporters read', async () => {
    const t = await proposed(gw);
    await councils(gw, PERSONAS.residentYoung, 'support', { topicId: t.id });
    const answer = '路灯属于市政管理，已报市政部门，两周内维修';
    const declined = (await councils(gw, PERSONAS.gridLeader, 'decline', { topicId: t.id, answer })).topic;
    expect(declined).toEqual(expect.objectContaining({ state: 'declined', stateLabel: '未采纳', answer, allowedActions: [] }));
    for (const p of [PERSONAS.resident, PERSONAS.residentYoung]) {
      expect((await topicOf(p, t.id)).answer).toBe(answer);
      const inbox = data(await gw.call(p, 'accounts', 'inbox', {}));
      expect(inbox.messages.find((m: { title: string }) => m.title === '您提出的议题有了答复').body).toContain(answer);
    }
    const short = await call(PERSONAS.gridLeader, 'decline', { topicId: (await proposed(gw)).id, answer: '不' });
    expect(short.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.answer' }) });
  });

  it('merges a duplicate: its proposer and supporters become the target’s supporters, once each', async () => {
    const target = await proposed(gw, PERSONAS.residentYoung);
    const dup = await proposed(gw);
    const shared = await newResident(gw);
    await councils(gw, shared, 'support', { topicId: target.id });
    await councils(gw, shared, 'support', { topicId: dup.id });
    await councils(gw, PERSONAS.volunteer, 'support', { topicId: dup.id });
    // The target's own proposer supported the duplicate: not carried over as a supporter of their own topic.
    await councils(gw, PERSONAS.residentYoung, 'support', { topicId: dup.id });

    expect((await call(PERSONAS.gridLeader, 'merge', { topicId: dup.id, intoId: dup.id })).body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'TOPIC.MERGE_INTO_ITSELF', field: 'payload.intoId' }),
    });
    const elsewhere = await proposed(gw, await newResident(gw, OTHER_GRID_BUILDING));
    expect((await call(PERSONAS.gridLeader, 'merge', { topicId: dup.id, intoId: elsewhere.id })).body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'TOPIC.MERGE_TARGET', field: 'payload.intoId' }),
    });

    const merged = (await councils(gw, PERSONAS.gridLeader, 'merge', { topicId: dup.id, intoId: target.id })).topic;
    expect(merged).toEqual(expect.objectContaining({ state: 'merged', mergedInto: target.id }));
    const after = await topicOf(PERSONAS.gridLeader, target.id);
    const ids = await Promise.all([PERSONAS.resident, shared, PERSONAS.volunteer].map((p) => userIdOf(gw, p)));
    const stored = await gw.store.get<{ _id: string; supporters: string[]; supportCount: number }>('topics', target.id);
    expect(new Set(stored!.supporters)).toEqual(new Set(ids));
    expect(stored!.supportCount).toBe(3);
    expect(after.timeline.at(-1)).toEqual(expect.objectContaining({ kind: 'merged' }));
    // The dup's proposer now finds the target among the topics they supported.
    const mine = await councils(gw, PERSONAS.resident, 'listTopics', { mine: true, filter: 'open' });
    expect(mine.topics.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([target.id]));
    // Nor can a merged topic be merged again.
    expect((await call(PERSONAS.gridLeader, 'merge', { topicId: (await proposed(gw)).id, intoId: dup.id })).body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'TOPIC.MERGE_TARGET' }),
    });
  });

  it('keeps a dispute turned into a topic private: its poster and the leaders see it, a neighbour gets TOPIC.NOT_FOUND', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天深夜有很大的噪音' });
    const leaderView = await act(gw, PERSONAS.gridLeader, 'get', { orderId: order.id });
    expect(leaderView.allowedActions).toContain('toCouncil');
    const turned = data(await gw.call(PERSONAS.gridLeader, 'orders', 'toCouncil', { orderId: order.id, title: '3栋夜间噪音协调' }));
    const topicId = turned.topicId as string;
    const poster = await topicOf(PERSONAS.resident, topicId);
    expect(poster).toEqual(expect.objectContaining({ private: true, state: 'adopted', source: 'order', sourceOrderId: order.id, mine: true }));
    expect(poster.timeline.map((l: { text: string }) => l.text)).toEqual(['由居民诉求转为议题']);
    expect((await topicOf(PERSONAS.gridLeader, topicId)).allowedActions).toEqual(['decline', 'merge']);
    for (const p of [PERSONAS.residentYoung, PERSONAS.volunteer]) {
      expect((await call(p, 'getTopic', { topicId })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NOT_FOUND' }) });
      expect((await call(p, 'support', { topicId })).status).toBe(404);
      // A hidden topic answers exactly as one that does not exist: the answer never tells that it does.
      const missing = await call(p, 'getTopic', { topicId: 'top_0000000000000000' });
      expect(await call(p, 'getTopic', { topicId })).toEqual(missing);
    }
    const neighbours = await councils(gw, PERSONAS.residentYoung, 'listTopics', { filter: 'all', limit: 50 });
    expect(neighbours.topics.map((x: { id: string }) => x.id)).not.toContain(topicId);
    const leaders = await councils(gw, PERSONAS.gridLeader, 'listTopics', { gridId: GRID, filter: 'adopted', limit: 50 });
    expect(leaders.topics.map((x: { id: string }) => x.id)).toContain(topicId);
  });
});

describe('decisions become work in the request loop', () => {
  it('spawns exactly one work order per action item, pressed twice or at once; the topic follows it to done, and the raisers rate', async () => {
    const t = await decided(gw);
    await councils(gw, PERSONAS.residentYoung, 'support', { topicId: (await proposed(gw)).id }); // unrelated noise
    const withAction = (await councils(gw, PERSONAS.gridLeader, 'addAction', { topicId: t.id, action: ACTION })).topic;
    expect(withAction.state).toBe('acting');
    expect(withAction.actions).toEqual([expect.objectContaining({ id: 'a1', text: ACTION.text, orderId: null, orderStateLabel: null, done: false, overdue: false })]);
    expect(withAction.allowedActions).toEqual(expect.arrayContaining(['spawnOrder', 'completeAction', 'addAction']));

    const noBuilding = await call(PERSONAS.gridLeader, 'spawnOrder', { topicId: t.id, actionId: 'a1' });
    expect(noBuilding.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NEED_BUILDING', field: 'payload.buildingId' }) });
    const wrongGrid = await call(PERSONAS.gridLeader, 'spawnOrder', { topicId: t.id, actionId: 'a1', buildingId: OTHER_GRID_BUILDING });
    expect(wrongGrid.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ACCOUNT.BUILDING_NOT_FOUND', field: 'payload.buildingId' }) });
    expect((await call(PERSONAS.resident, 'spawnOrder', { topicId: t.id, actionId: 'a1', buildingId: BUILDING })).status).toBe(403);

    const ordersBefore = await gw.store.count('orders', {});
    const together = await Promise.all([1, 2, 3].map(() => call(PERSONAS.gridLeader, 'spawnOrder', { topicId: t.id, actionId: 'a1', buildingId: BUILDING })));
    expect(together.filter((r) => r.body.ok)).toHaveLength(1);
    for (const r of together.filter((x) => !x.body.ok)) expect(r.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.ORDER_ALREADY_SPAWNED' }) });
    const again = await call(PERSONAS.gridLeader, 'spawnOrder', { topicId: t.id, actionId: 'a1', buildingId: BUILDING });
    expect(again.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.ORDER_ALREADY_SPAWNED', field: 'payload.actionId' }) });
    expect(await gw.store.count('orders', {})).toBe(ordersBefore + 1);

    const view = await topicOf(PERSONAS.resident, t.id);
    const orderId = view.actions[0].orderId as string;
    expect(orderId).toMatch(/^ord_/);
    const order = await gw.store.get<{ _id: string; state: string; posterId: string; description: string; place: { path: { gridId: string }; buildingId: string } }>(
      'orders',
      orderId,
    );
    expect(order).toEqual(expect.objectContaining({ posterId: await userIdOf(gw, PERSONAS.gridLeader), description: `【议事会决议】小区路灯不亮了：${ACTION.text}` }));
    expect(order!.place).toEqual(expect.objectContaining({ buildingId: BUILDING, path: expect.objectContaining({ gridId: GRID }) }));
    expect(['offered', 'waiting']).toContain(order!.state);
    expect(view.actions[0].orderStateLabel).toBe(order!.state === 'offered' ? '待接单' : '待网格长处理');
    expect(view.allowedActions).not.toContain('spawnOrder');

    // It is in the grid's queue, dispatched like any other order.
    const queue = data(await gw.call(PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: GRID, limit: 50 }));
    expect(queue.orders.map((o: { id: string }) => o.id)).toContain(orderId);
    const timeline = (await act(gw, PERSONAS.gridLeader, 'get', { orderId })).timeline;
    expect(timeline[0]).toEqual(expect.objectContaining({ kind: 'posted', actor: '网格长 李建国' }));

    // Driven through the request loop: a volunteer accepts and resolves, the leader (its poster) rates.
    if (order!.state === 'waiting') {
      const { candidates } = data(await gw.call(PERSONAS.gridLeader, 'orders', 'candidates', { orderId }));
      await act(gw, PERSONAS.gridLeader, 'dispatchByHand', { orderId, volunteerId: candidates[0].userId });
    }
    const volunteer = await offereeOf(gw, orderId);
    await act(gw, volunteer, 'accept', { orderId });
    expect((await topicOf(PERSONAS.resident, t.id)).actions[0].orderStateLabel).toBe('处理中');
    await act(gw, volunteer, 'resolve', { orderId, note: '已更换灯泡' });
    await act(gw, PERSONAS.gridLeader, 'rate', { orderId, stars: 5, tags: ['上门及时'] });

    // The scheduler tick completes the action and finishes the topic; a second tick moves nothing.
    const tick = data(await gw.tick(later(MORNING, 60)));
    expect(tick.jobs.followCouncilOrders).toBe(1);
    expect(data(await gw.tick(later(MORNING, 60))).jobs.followCouncilOrders).toBe(0);
    const finished = await topicOf(PERSONAS.resident, t.id);
    expect(finished).toEqual(expect.objectContaining({ state: 'done', allowedActions: ['rate'] }));
    expect(finished.actions[0]).toEqual(expect.objectContaining({ done: true, orderStateLabel: '已办结' }));
    expect(await outboxOf(await userIdOf(gw, PERSONAS.resident), 'topic.rate')).toEqual([expect.objectContaining({ title: '请评价议题落实效果' })]);

    const rated = (await councils(gw, PERSONAS.resident, 'rate', { topicId: t.id, score: 4, comment: '路灯亮了' })).topic;
    expect(rated).toEqual(expect.objectContaining({ rating: { count: 1, average: 4 }, myRating: 4, allowedActions: [] }));
    expect(rated.way.every((w: { reached: boolean }) => w.reached)).toBe(true);
    expect((await call(PERSONAS.resident, 'rate', { topicId: t.id, score: 5 })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.ALREADY_RATED' }) });
    expect((await call(PERSONAS.residentYoung, 'rate', { topicId: t.id, score: 5 })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NOT_A_RAISER' }) });
    expect((await call(PERSONAS.gridLeader, 'rate', { topicId: t.id, score: 5 })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NOT_A_RAISER' }) });
    expect(await gw.store.get('topic_ratings', `${t.id}.${await userIdOf(gw, PERSONAS.resident)}`)).toEqual(expect.objectContaining({ score: 4, topicId: t.id }));
  });

  it('flags an action item overdue after its deadline day, and finishes a topic whose last action is completed by hand', async () => {
    const t = await acting(gw, PERSONAS.resident, { ...ACTION, deadline: '2026-11-20' });
    expect(t.actions[0]!.overdue).toBe(true);
    const second = (await councils(gw, PERSONAS.gridLeader, 'addAction', { topicId: t.id, action: { ...ACTION, text: '在路灯旁加装反光标识' } })).topic;
    expect(second.actions.map((a: { id: string }) => a.id)).toEqual(['a1', 'a2']);
    expect((await call(PERSONAS.gridLeader, 'finish', { topicId: t.id })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.ACTIONS_OPEN' }) });
    const one = (await councils(gw, PERSONAS.gridLeader, 'completeAction', { topicId: t.id, actionId: 'a1', note: '已更换' })).topic;
    expect(one.state).toBe('acting');
    expect(one.actions[0]).toEqual(expect.objectContaining({ done: true, overdue: false }));
    expect((await call(PERSONAS.gridLeader, 'completeAction', { topicId: t.id, actionId: 'a1' })).body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'TOPIC.ACTION_ALREADY_DONE', field: 'payload.actionId' }),
    });
    expect((await call(PERSONAS.gridLeader, 'completeAction', { topicId: t.id, actionId: 'a9' })).body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'TOPIC.ACTION_NOT_FOUND', field: 'payload.actionId' }),
    });
    const last = (await councils(gw, PERSONAS.gridLeader, 'completeAction', { topicId: t.id, actionId: 'a2' })).topic;
    expect(last.state).toBe('done');
  });

  it('finishes a decided topic with nothing to do', async () => {
    const t = await decided(gw);
    expect(t.allowedActions).toEqual([]);
    expect((await topicOf(PERSONAS.gridLeader, t.id)).allowedActions).toEqual(['addAction', 'finish']);
    expect((await councils(gw, PERSONAS.gridLeader, 'finish', { topicId: t.id })).topic.state).toBe('done');
  });
});

describe('thresholds and lists', () => {
  it('lets the community set a grid’s threshold for new proposals, and nobody below it', async () => {
    const before = await proposed(gw);
    expect((await call(PERSONAS.gridLeader, 'setThreshold', { gridId: GRID, threshold: 2 })).status).toBe(403);
    expect((await call(PERSONAS.communityAdmin, 'setThreshold', { gridId: 'cm02-gd1', threshold: 2 })).status).toBe(403);
    expect(await councils(gw, PERSONAS.communityAdmin, 'setThreshold', { gridId: GRID, threshold: 2 })).toEqual({ gridId: GRID, threshold: 2 });
    const after = await proposed(gw);
    expect(after.threshold).toBe(2);
    expect((await topicOf(PERSONAS.resident, before.id)).threshold).toBe(5);
    expect(await councils(gw, PERSONAS.streetAdmin, 'setThreshold', { gridId: GRID, threshold: 3 })).toEqual({ gridId: GRID, threshold: 3 });
    expect((await councils(gw, PERSONAS.resident, 'listTopics', {})).threshold).toBe(3);
    const audits = await gw.store.find<{ _id: string; detail: Record<string, unknown> }>('audit', { subjectId: GRID, action: 'setThreshold' }, { limit: 10 });
    expect(audits.map((a) => a.detail.to)).toEqual(expect.arrayContaining([2, 3]));
    await councils(gw, PERSONAS.communityAdmin, 'setThreshold', { gridId: GRID, threshold: 5 });
  });

  it('lists a grid’s topics by filter with totals, and the topics a resident raised or supported', async () => {
    const me = await newResident(gw);
    const other = await newResident(gw);
    // A minute between the topics, so "newest first" has an order to keep.
    const tick = () => gw.ports.clock.advance(60_000);
    tick();
    const mineProposed = await proposed(gw, me);
    tick();
    const supported = await proposed(gw, other);
    tick();
    await councils(gw, me, 'support', { topicId: supported.id });
    const adoptedOne = await adopted(gw, other);
    tick();
    const declined = await proposed(gw, other);
    await councils(gw, PERSONAS.gridLeader, 'decline', { topicId: declined.id, answer: '不属于本网格的事务' });

    const mine = await councils(gw, me, 'listTopics', { mine: true });
    expect(mine.topics.map((x: { id: string }) => x.id)).toEqual([supported.id, mineProposed.id]);
    expect(mine.total).toBe(2);

    const open = await councils(gw, me, 'listTopics', { filter: 'open', limit: 50 });
    expect(open.topics.every((x: { state: string }) => ['proposed', 'supported'].includes(x.state))).toBe(true);
    expect(open.topics.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([mineProposed.id, supported.id]));
    expect(open.total).toBe(await gw.store.count('topics', { 'path.gridId': GRID, state: { $in: ['proposed', 'supported'] }, private: false }));
    const closed = await councils(gw, me, 'listTopics', { filter: 'closed', limit: 50 });
    expect(closed.topics.map((x: { id: string }) => x.id)).toContain(declined.id);
    expect(closed.topics.every((x: { state: string }) => ['declined', 'rejected', 'merged'].includes(x.state))).toBe(true);
    const ad = await councils(gw, me, 'listTopics', { filter: 'adopted', limit: 50 });
    expect(ad.topics.map((x: { id: string }) => x.id)).toContain(adoptedOne.id);

    // Newest first, paged.
    const page1 = await councils(gw, me, 'listTopics', { filter: 'all', limit: 2 });
    const page2 = await councils(gw, me, 'listTopics', { filter: 'all', limit: 2, offset: 2 });
    expect(page1.topics.map((x: { id: string }) => x.id)).toEqual([declined.id, adoptedOne.id]);
    expect(page1.total).toBe(page2.total);
    expect(page2.topics[0].id).toBe(supported.id);
    const created = [...page1.topics, ...page2.topics].map((x: { createdAt: string }) => x.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    // Another grid's list is not theirs to read.
    expect((await call(me, 'listTopics', { gridId: 'cm02-gd1' })).status).toBe(403);
    expect((await councils(gw, PERSONAS.communityAdmin, 'listTopics', { gridId: 'cm01-gd2' })).total).toBeGreaterThanOrEqual(0);
  });
});

describe('measures and decisions', () => {
  it('counts meetings held, minutes on time, decisions adopted, actions done on time and ratings per grid and month', async () => {
    const gw2 = await startTestGateway();
    try {
      await gw2.tick(MORNING);
      // Two meetings of grid 3 in November (one with minutes on time, one late), one in October cancelled, one in December still a draft.
      const meeting = (id: string, month: string, state: string, closedAt: string | null, minutesAt: string | null, outcomes: string[]) => ({
        _id: id,
        version: 1,
        type: '微网格议事会',
        title: `会议${id}`,
        level: 'grid',
        nodeId: 'cm01-gd3',
        path: { streetId: 'st01', communityId: 'cm01', gridId: 'cm01-gd3' },
        startAt: `${month}-10T02:00:00.000Z`,
        month,
        state,
        closedAt,
        minutesAt,
        private: false,
        decisionsPublishedAt: null,
        agenda: outcomes.map((o, i) => ({ id: `i${i + 1}`, topicId: `t${i}`, title: 't', kind: 'decide', outcome: o, voting: 'closed', notes: '', tally: null })),
      });
      await gw2.store.transact([
        {
          op: 'insert',
          collection: 'meetings',
          doc: meeting('mtm1', '2026-11', 'archived', '2026-11-10T04:00:00.000Z', '2026-11-11T04:00:00.000Z', ['adopted', 'adopted', 'rejected']),
        },
        { op: 'insert', collection: 'meetings', doc: meeting('mtm2', '2026-11', 'closed', '2026-11-10T04:00:00.000Z', '2026-11-13T04:00:00.000Z', ['adopted']) },
        { op: 'insert', collection: 'meetings', doc: meeting('mtm3', '2026-10', 'cancelled', null, null, []) },
        { op: 'insert', collection: 'meetings', doc: meeting('mtm4', '2026-12', 'draft', null, null, []) },
      ]);
      // Through the gateway: two topics of grid 3 with actions due in November, one done on time, one late, one due in December.
      const leader3 = 'seed-gridleader-cm01-gd3';
      const t = (await councils(gw2, leader3, 'raise', { clientKey: clientKey(), title: '楼道灯更换', description: '楼道声控灯损坏多处需要更换', gridId: 'cm01-gd3' })).topic;
      await decide(gw2, t.id);
      await councils(gw2, leader3, 'addAction', { topicId: t.id, action: { ...ACTION, deadline: '2026-11-23' } });
      await councils(gw2, leader3, 'addAction', { topicId: t.id, action: { ...ACTION, deadline: '2026-11-22' } });
      await councils(gw2, leader3, 'addAction', { topicId: t.id, action: { ...ACTION, deadline: '2026-12-05' } });
      await councils(gw2, leader3, 'completeAction', { topicId: t.id, actionId: 'a1' }); // on its deadline day (23 Nov)
      await councils(gw2, leader3, 'completeAction', { topicId: t.id, actionId: 'a2' }); // a day late
      // A done topic raised by two residents of grid 3, rated 5 and 2 in November.
      const r1 = await newResident(gw2, 'cm01-gd3-mg1-bd1');
      const r2 = await newResident(gw2, 'cm01-gd3-mg1-bd2');
      const p = await proposed(gw2, r1);
      await councils(gw2, r2, 'support', { topicId: p.id });
      await councils(gw2, leader3, 'adopt', { topicId: p.id });
      await decide(gw2, p.id);
      await councils(gw2, leader3, 'finish', { topicId: p.id });
      await councils(gw2, r1, 'rate', { topicId: p.id, score: 5 });
      await councils(gw2, r2, 'rate', { topicId: p.id, score: 2 });

      const m = await councils(gw2, PERSONAS.communityAdmin, 'measures', { nodeId: 'cm01', from: '2026-10', to: '2026-12' });
      expect(m.rows).toHaveLength(9); // 3 grids × 3 months
      const row = (grid: string, month: string) => m.rows.find((r: { gridId: string; month: string }) => r.gridId === grid && r.month === month);
      expect(row('cm01-gd3', '2026-11')).toEqual({
        gridId: 'cm01-gd3',
        gridName: '幸福里第三网格',
        month: '2026-11',
        meetingsHeld: 2,
        minutesOnTime: 1,
        decisionsAdopted: 3,
        actionsDue: 2,
        actionsDoneOnTime: 1,
        ratingCount: 2,
        ratingSum: 7,
      });
      expect(row('cm01-gd3', '2026-12')).toEqual(expect.objectContaining({ meetingsHeld: 0, actionsDue: 1, actionsDoneOnTime: 0 }));
      expect(row('cm01-gd3', '2026-10')).toEqual(expect.objectContaining({ meetingsHeld: 0, decisionsAdopted: 0 }));
      expect(m.totals).toEqual({ meetingsHeld: 2, minutesOnTimeShare: 0.5, decisionsAdopted: 3, actionsDoneOnTimeShare: 0.333, ratingAverage: 3.5 });

      // A grid with nothing: no shares to divide.
      const empty = await councils(gw2, PERSONAS.gridLeader, 'measures', { nodeId: GRID, from: '2026-11', to: '2026-11' });
      expect(empty.totals).toEqual({ meetingsHeld: 0, minutesOnTimeShare: null, decisionsAdopted: 0, actionsDoneOnTimeShare: null, ratingAverage: null });
      // The street sees all seven grids (six of its two communities, one of its 集中居住区); a grid leader not another grid; a resident nothing.
      expect((await councils(gw2, PERSONAS.streetAdmin, 'measures', { nodeId: 'st01', from: '2026-11', to: '2026-11' })).rows).toHaveLength(7);
      expect((await gw2.call(PERSONAS.gridLeader, 'councils', 'measures', { nodeId: 'cm01-gd3', from: '2026-11', to: '2026-11' })).status).toBe(403);
      expect((await gw2.call(PERSONAS.resident, 'councils', 'measures', { nodeId: GRID, from: '2026-11', to: '2026-11' })).status).toBe(403);
    } finally {
      await gw2.stop();
    }
  });

  it('shows a grid’s published decisions with their action items’ progress to who lives there, newest first', async () => {
    const t = await acting(gw);
    const spawned = (await councils(gw, PERSONAS.gridLeader, 'spawnOrder', { topicId: t.id, actionId: 'a1', buildingId: BUILDING })).topic;
    const at = (h: number) => later(MORNING, h * 60);
    const base = {
      version: 1,
      type: '微网格议事会',
      level: 'grid',
      nodeId: GRID,
      path: { streetId: 'st01', communityId: 'cm01', gridId: GRID },
      month: '2026-11',
      state: 'archived',
      private: false,
    };
    const item = {
      id: 'i1',
      topicId: t.id,
      title: t.title,
      kind: 'decide',
      outcome: 'adopted',
      voting: 'closed',
      notes: '一致通过',
      tally: { agree: 5, oppose: 0, abstain: 0, total: 5 },
    };
    await gw.store.transact([
      {
        op: 'insert',
        collection: 'meetings',
        doc: { ...base, _id: 'mtd1', title: '十一月议事会', startAt: at(-48), openedAt: at(-48), decisionsPublishedAt: at(-24), agenda: [item] },
      },
      {
        op: 'insert',
        collection: 'meetings',
        doc: {
          ...base,
          _id: 'mtd2',
          title: '十月议事会',
          startAt: at(-500),
          openedAt: at(-500),
          decisionsPublishedAt: at(-400),
          agenda: [{ ...item, id: 'i2', outcome: 'rejected' }],
        },
      },
      { op: 'insert', collection: 'meetings', doc: { ...base, _id: 'mtd3', title: '未公示的会', startAt: at(-30), decisionsPublishedAt: null, agenda: [item] } },
      { op: 'insert', collection: 'meetings', doc: { ...base, _id: 'mtd4', title: '民事协调会', private: true, startAt: at(-30), decisionsPublishedAt: at(-20), agenda: [item] } },
    ]);
    const page = await councils(gw, PERSONAS.residentYoung, 'decisions', {});
    expect(page.placeLabel).toBe('幸福里社区 › 幸福里第一网格');
    expect(page.decisions.map((d: { meetingId: string }) => d.meetingId)).toEqual(['mtd1', 'mtd2']);
    expect(page.total).toBe(2);
    const first = page.decisions[0];
    expect(first.items).toEqual([
      expect.objectContaining({
        topicId: t.id,
        outcome: 'adopted',
        outcomeLabel: '通过',
        topicStateLabel: '落实中',
        actions: [expect.objectContaining({ orderId: spawned.actions[0].orderId, orderStateLabel: expect.any(String) })],
      }),
    ]);
    // The grid's leader sees the private meeting's too; someone of another grid nothing; someone homeless is asked for a grid.
    expect((await councils(gw, PERSONAS.gridLeader, 'decisions', { gridId: GRID })).decisions.map((d: { meetingId: string }) => d.meetingId)).toEqual(['mtd4', 'mtd1', 'mtd2']);
    expect((await call(await newResident(gw, OTHER_GRID_BUILDING), 'decisions', { gridId: GRID })).status).toBe(403);
    await gw.call('council-homeless-2', 'accounts', 'me', {});
    expect((await call('council-homeless-2', 'decisions', {})).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOPIC.NO_HOME_GRID' }) });
  });
});

function data(res: { body: { ok: true; data: any } | { ok: false; error: { code: string } } }): any {
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data;
}
