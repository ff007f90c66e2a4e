import { api, writeActions, type ActionSpec } from '../../shared/api/contract';
import { runCall } from '../../cloudfunctions/_core/pipeline';
import type { ContentCheckPort } from '../../cloudfunctions/_core/ports';
import { ordersFunction } from '../../cloudfunctions/orders/orders.function';
import { untilAnswered } from '../../miniprogram/services/retry';
import { PERSONAS, snapshot, startTestGateway, type CallResult, type TestGateway } from '../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, post } from '../helpers/orders';
import { meetingScenarios } from './councils/meeting.scenarios';
import { topicScenarios } from './councils/topic.scenarios';
import { liuyouScenarios } from '../helpers/liuyou';
import { DEFAULT_RESPONSIBILITIES } from '../../shared/compounds/responsibility';

/**
 * Every write of the contract replays its first answer for a repeated requestId and writes nothing
 * more. The list of writes comes from the contract itself (`kind: 'write'`), so an action added
 * tomorrow fails here until it has a scenario below, and can never be left out of the replay.
 */

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterEach(async () => {
  await gw.stop();
});

/** The call a scenario repeats. */
interface Repeat {
  persona: string;
  payload: unknown;
}

const ok = <T = any>(res: CallResult<T>, what: string): T => {
  if (!res.body.ok) throw new Error(`${what}: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
};

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]).toString('base64');
const station = {
  communityId: 'cm01',
  name: '新服务站',
  address: '幸福路1号',
  openingHours: '周一至周三',
  hours: { days: [1, 2, 3], open: 510, close: 1050 },
  servesGridIds: ['cm01-gd1'],
};

const screenCode = async () => ok(await gw.call(PERSONAS.gridLeader, 'stations', 'screenCode', { stationId: 'cm01-sta1' }), 'screenCode').scene as string;

/** An order offered to a volunteer (`errand` needs no photo to resolve). */
const offered = async () => {
  const order = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买降压药' });
  return { id: order.id as string, volunteer: await offereeOf(gw, order.id) };
};
/** 三方共治: a broken lift in the 1+3 幸福花园, with its property desk. */
const atDesk = async () => post(gw, 'seed-resident-cp1-001', { category: '公共设施', description: '3栋电梯停在5楼不动了', buildingId: 'cm01-gd2-mg1-bd1' });
const accepted = async () => {
  const o = await offered();
  await act(gw, o.volunteer, 'accept', { orderId: o.id });
  return o;
};
const resolved = async () => {
  const o = await accepted();
  await act(gw, o.volunteer, 'resolve', { orderId: o.id, note: '已送到门口' });
  return o;
};
/** A dispute goes straight to the grid leader. */
const withLeader = async () => (await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天夜里拖椅子' })).id as string;
const submitted = async () =>
  ok(await gw.call(PERSONAS.inService, 'service', 'submitHours', { date: '2026-11-20', hours: 3, description: '社区垃圾分类宣传' }), 'submitHours').entry.id as string;

/** A PC's login code, as the PC asks for it (no persona). */
const webLoginTicket = async () =>
  ok(await gw.post('/api/accounts', { action: 'startWebLogin', payload: {} }), 'startWebLogin') as { ticketId: string; secret: string; scene: string };

/** For each write: build the state it needs through the handlers, then the call to repeat. */
const SCENARIOS: Record<string, () => Promise<Repeat>> = {
  ...topicScenarios(() => gw),
  ...meetingScenarios(() => gw),
  ...liuyouScenarios(() => gw),
  'accounts.updateProfile': async () => ({ persona: PERSONAS.residentYoung, payload: { name: '刘子涵', largeText: true } }),
  // 扫码登录: the PC's calls need no login (the persona is ignored); their replay key is the whole input, secrets included.
  'accounts.startWebLogin': async () => ({ persona: PERSONAS.gridLeader, payload: { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0' } }),
  'accounts.confirmWebLogin': async () => ({ persona: PERSONAS.gridLeader, payload: { scene: (await webLoginTicket()).scene } }),
  'accounts.pollWebLogin': async () => {
    const t = await webLoginTicket();
    ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'confirmWebLogin', { scene: t.scene }), 'confirmWebLogin');
    return { persona: PERSONAS.gridLeader, payload: { ticketId: t.ticketId, secret: t.secret } };
  },
  'accounts.revokeWebSession': async () => {
    const t = await webLoginTicket();
    ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'confirmWebLogin', { scene: t.scene }), 'confirmWebLogin');
    const polled = ok(await gw.post('/api/accounts', { action: 'pollWebLogin', payload: { ticketId: t.ticketId, secret: t.secret } }), 'pollWebLogin');
    return { persona: PERSONAS.gridLeader, payload: { sessionId: polled.session.id } };
  },
  'accounts.createInvite': async () => ({ persona: PERSONAS.gridLeader, payload: { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 24 } }),
  'accounts.redeemInvite': async () => {
    const made = ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'createInvite', { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 24 }), 'createInvite');
    ok(await gw.call('idem-invitee', 'accounts', 'me', {}), 'me');
    return { persona: 'idem-invitee', payload: { code: made.invite.code } };
  },
  'orders.post': async () => ({ persona: PERSONAS.resident, payload: { category: '水电维修', description: '厨房水龙头一直滴水，关不紧', clientKey: clientKey() } }),
  'orders.uploadPhoto': async () => ({ persona: PERSONAS.volunteer, payload: { contentType: 'image/jpeg', dataBase64: JPEG } }),
  'orders.accept': async () => {
    const o = await offered();
    return { persona: o.volunteer, payload: { orderId: o.id } };
  },
  'orders.decline': async () => {
    const o = await offered();
    return { persona: o.volunteer, payload: { orderId: o.id, reason: '不在家' } };
  },
  'orders.deskAccept': async () => ({ persona: PERSONAS.property, payload: { orderId: (await atDesk()).id } }),
  'orders.refuse': async () => ({ persona: PERSONAS.property, payload: { orderId: (await atDesk()).id, reason: '不在物业服务合同范围内' } }),
  'compounds.saveResponsibilities': async () => ({
    persona: PERSONAS.communityAdmin,
    payload: { communityId: 'cm01', baseVersion: 0, rules: DEFAULT_RESPONSIBILITIES.map((r) => (r.category === '其他' && r.model === '1+1' ? { ...r, hours: 12 } : r)) },
  }),
  'compounds.answerSurvey': async () => ({
    persona: 'seed-resident-cp1-001',
    payload: { compoundId: 'cm01-gd2-cp1', scores: { overall: 4, repair: 3, clean: 5, safety: 4, fees: 2 }, comment: '电梯修得快' },
  }),
  'orders.handBack': async () => {
    const o = await accepted();
    return { persona: o.volunteer, payload: { orderId: o.id, reason: '临时有事去不了' } };
  },
  'orders.resolve': async () => {
    const o = await accepted();
    return { persona: o.volunteer, payload: { orderId: o.id, note: '已送到门口' } };
  },
  'orders.rate': async () => {
    const o = await resolved();
    return { persona: PERSONAS.resident, payload: { orderId: o.id, stars: 5, tags: ['上门及时'] } };
  },
  'orders.comment': async () => {
    const o = await offered();
    return { persona: PERSONAS.resident, payload: { orderId: o.id, text: '下午三点以后家里有人' } };
  },
  'orders.cancel': async () => {
    const o = await offered();
    return { persona: PERSONAS.resident, payload: { orderId: o.id, reason: '自己修好了' } };
  },
  'orders.dispatchByHand': async () => {
    const id = await withLeader();
    const { candidates } = ok(await gw.call(PERSONAS.gridLeader, 'orders', 'candidates', { orderId: id }), 'candidates');
    return { persona: PERSONAS.gridLeader, payload: { orderId: id, volunteerId: candidates[0].userId } };
  },
  'orders.openPool': async () => ({ persona: PERSONAS.gridLeader, payload: { orderId: await withLeader() } }),
  'orders.escalate': async () => ({ persona: PERSONAS.gridLeader, payload: { orderId: await withLeader(), reason: '需要社区出面协调' } }),
  'orders.sendBack': async () => {
    const id = await withLeader();
    await act(gw, PERSONAS.gridLeader, 'escalate', { orderId: id, reason: '需要社区出面协调' });
    return { persona: PERSONAS.communityAdmin, payload: { orderId: id, reason: '请网格先约双方谈一谈' } };
  },
  'orders.closeAfterReview': async () => {
    const o = await resolved();
    await act(gw, PERSONAS.resident, 'rate', { orderId: o.id, stars: 1, tags: ['没有解决'] });
    return { persona: PERSONAS.gridLeader, payload: { orderId: o.id, reason: '已上门回访，居民认可' } };
  },
  'orders.toCouncil': async () => ({ persona: PERSONAS.gridLeader, payload: { orderId: await withLeader(), title: '楼上夜间噪音' } }),
  // 我也遇到了: a neighbour of the same micro-grid joins the resident's order.
  'orders.metoo': async () => ({ persona: PERSONAS.residentYoung, payload: { orderId: (await offered()).id } }),
  'stations.save': async () => ({ persona: PERSONAS.communityAdmin, payload: station }),
  'stations.checkIn': async () => ({ persona: PERSONAS.volunteer, payload: { scene: await screenCode() } }),
  'stations.checkOut': async () => {
    ok(await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene: await screenCode() }), 'checkIn');
    await gw.tick(later(MORNING, 120));
    return { persona: PERSONAS.volunteer, payload: { scene: await screenCode() } };
  },
  'stations.confirmDuty': async () => {
    // A check-in outside the roster, never checked out: closed by the clock, waiting for a leader.
    const checkedIn = ok(await gw.call(PERSONAS.gridLeader, 'stations', 'checkIn', { scene: await screenCode() }), 'checkIn');
    await gw.tick(later(MORNING, 24 * 60));
    return { persona: PERSONAS.communityAdmin, payload: { dutyId: checkedIn.duty.id, minutes: 60, note: '网格长说明了值班情况' } };
  },
  'stations.issueDevice': async () => ({ persona: PERSONAS.communityAdmin, payload: { stationId: 'cm01-sta1', label: '一楼大厅电视' } }),
  'stations.revokeDevice': async () => {
    const issued = ok(await gw.call(PERSONAS.communityAdmin, 'stations', 'issueDevice', { stationId: 'cm01-sta1', label: '二楼电视' }), 'issueDevice');
    return { persona: PERSONAS.communityAdmin, payload: { deviceId: issued.device.id } };
  },
  'service.updateVolunteerProfile': async () => ({
    persona: PERSONAS.volunteer,
    payload: { partyMember: true, inService: false, skills: ['水电维修', '家居小修'], availability: [{ days: [1, 3, 5], from: 480, to: 720 }] },
  }),
  'service.submitHours': async () => ({ persona: PERSONAS.inService, payload: { date: '2026-11-20', hours: 3, description: '社区垃圾分类宣传' } }),
  'service.reviewHours': async () => ({ persona: PERSONAS.communityAdmin, payload: { entryId: await submitted(), approve: true } }),
  'open311.issueKey': async () => ({ persona: PERSONAS.streetAdmin, payload: { streetId: 'st01', name: '区城运中心' } }),
  'open311.revokeKey': async () => {
    const issued = ok(await gw.call(PERSONAS.streetAdmin, 'open311', 'issueKey', { streetId: 'st01', name: '12345 热线' }), 'issueKey');
    return { persona: PERSONAS.streetAdmin, payload: { keyId: issued.key.id } };
  },
  // 注销账号 with an open order handed on: the repeat replays the answer and erases nothing more.
  'privacy.deleteAccount': async () => {
    await post(gw, PERSONAS.residentYoung, { category: '代买代办', description: '帮忙取一个快递包裹' });
    return { persona: PERSONAS.residentYoung, payload: { confirm: '注销', openOrders: 'handToLeader' } };
  },
};

const WRITES = writeActions().map(({ fn, action }) => `${fn}.${action}`);

describe('every write replays a repeated requestId', () => {
  it('has a scenario for every write of the contract, and only for writes', () => {
    const served = WRITES.filter((w) => !w.startsWith('scheduler.'));
    expect(Object.keys(SCENARIOS).sort()).toEqual(served.sort());
  });

  it.each(WRITES.filter((w) => !w.startsWith('scheduler.')))('%s: the repeat answers the first answer and writes nothing', async (name) => {
    const [fn, action] = name.split('.') as [string, string];
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`no scenario for the write ${name}: add one above`);
    const { persona, payload } = await scenario();
    const requestId = `idem-${action}-0001`;

    const first = await gw.call(persona, fn, action, payload, requestId);
    ok(first, `${name} (first call)`);
    const before = await snapshot(gw);
    const audits = await gw.store.count('audit', {});

    const again = await gw.call(persona, fn, action, payload, requestId);
    // What is shown once (an API key) is never kept for a replay: the repeat answers null for it.
    const shownOnce = (api as unknown as Record<string, Record<string, ActionSpec>>)[fn]![action]!.shownOnce ?? [];
    const data = (first.body as { data: Record<string, unknown> }).data;
    const kept = shownOnce.length ? { ...first, body: { ...first.body, data: { ...data, ...Object.fromEntries(shownOnce.map((f) => [f, null])) } } } : first;
    expect(again).toEqual(kept);
    expect(await snapshot(gw)).toBe(before);
    expect(await gw.store.count('audit', {})).toBe(audits);
    for (const field of shownOnce) expect(before).not.toContain(String(data[field]));
  });

  it('scheduler.tick takes no requestId: a second tick at the same instant changes nothing', async () => {
    expect(WRITES).toContain('scheduler.tick');
    await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买降压药' });
    const at = later(MORNING, 3 * 24 * 60);
    ok(await gw.tick(at), 'tick');
    const before = await snapshot(gw);
    const audits = await gw.store.count('audit', {});
    const again = ok(await gw.tick(at), 'tick');
    expect(Object.values(again.jobs).every((n) => n === 0)).toBe(true);
    expect(await snapshot(gw)).toBe(before);
    expect(await gw.store.count('audit', {})).toBe(audits);
  });
});

describe('retried writes, as a phone on a bad network sends them', () => {
  const comments = async (orderId: string) =>
    (await gw.store.find<{ _id: string; kind: string; text: string }>('order_events', { orderId }, { limit: 1000 })).filter((e) => e.kind === 'comment');

  it('lands a comment sent twice with one requestId once on the timeline, sent one after the other or at once', async () => {
    const o = await offered();
    const payload = { orderId: o.id, text: '下午三点以后家里有人' };
    const first = await gw.call(PERSONAS.resident, 'orders', 'comment', payload, 'comment-tap-0001');
    const second = await gw.call(PERSONAS.resident, 'orders', 'comment', payload, 'comment-tap-0001');
    expect(second).toEqual(first);
    const together = await Promise.all(Array.from({ length: 8 }, () => gw.call(PERSONAS.resident, 'orders', 'comment', payload, 'comment-tap-0002')));
    expect(together.every((r) => r.body.ok)).toBe(true);
    expect(new Set(together.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await comments(o.id)).map((c) => c.text)).toEqual([payload.text, payload.text]);
    // The volunteer heard of each tap once.
    expect(await gw.store.count('outbox', { template: 'order.comment' })).toBe(2);
  });

  it('answers the volunteer who won an accept the same success when the accept is retried, not 409', async () => {
    const o = await offered();
    const won = await gw.call(o.volunteer, 'orders', 'accept', { orderId: o.id }, 'accept-tap-0001');
    expect(won.status).toBe(200);
    const retried = await gw.call(o.volunteer, 'orders', 'accept', { orderId: o.id }, 'accept-tap-0001');
    expect(retried).toEqual(won);
    // A new tap (a new requestId) is a new request: the order is already theirs.
    const newTap = await gw.call(o.volunteer, 'orders', 'accept', { orderId: o.id }, 'accept-tap-0002');
    expect(newTap.status).toBe(409);

    const o2 = await offered();
    const both = await Promise.all([1, 2, 3].map(() => gw.call(o2.volunteer, 'orders', 'accept', { orderId: o2.id }, 'accept-tap-0003')));
    expect(both.map((r) => r.status)).toEqual([200, 200, 200]);
    const volunteer = await gw.store.find<{ _id: string; openid: string }>('users', { openid: o2.volunteer });
    const load = await gw.store.get<{ _id: string; openLoad: number }>('volunteers', volunteer[0]!._id);
    const loadBefore = (await gw.store.find<{ _id: string }>('orders', { assigneeId: volunteer[0]!._id, state: 'accepted' })).length;
    expect(load!.openLoad).toBe(loadBefore);
  });

  it('runs a failed write again when it is retried, instead of replaying the failure', async () => {
    const scene = await screenCode();
    const early = await gw.call(PERSONAS.volunteer, 'stations', 'checkOut', { scene }, 'checkout-tap-0001');
    expect(early.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'DUTY.NOT_ON_DUTY' }) });
    ok(await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene }), 'checkIn');
    const retried = await gw.call(PERSONAS.volunteer, 'stations', 'checkOut', { scene }, 'checkout-tap-0001');
    expect(retried.body).toEqual({ ok: true, data: expect.objectContaining({ duty: expect.objectContaining({ status: 'closed' }) }) });
  });

  it('treats the same requestId with another payload, or from another person, as another request', async () => {
    const o = await offered();
    await gw.call(PERSONAS.resident, 'orders', 'comment', { orderId: o.id, text: '下午在家' }, 'reused-tap-0001');
    await gw.call(PERSONAS.resident, 'orders', 'comment', { orderId: o.id, text: '晚上也在家' }, 'reused-tap-0001');
    const leader = await gw.call(PERSONAS.gridLeader, 'orders', 'comment', { orderId: o.id, text: '已知悉' }, 'reused-tap-0001');
    expect(leader.body.ok).toBe(true);
    expect((await comments(o.id)).map((c) => c.text)).toEqual(['下午在家', '晚上也在家', '已知悉']);
  });

  it('lets the client retry a call whose answer was lost with the same requestId: the server wrote once and the retry gets its answer', async () => {
    const o = await offered();
    const body = { action: 'comment', payload: { orderId: o.id, text: '门铃坏了请敲门' }, requestId: 'lost-answer-0001' };
    let attempts = 0;
    // The first answer is lost on the way back (the request did reach the server and wrote).
    const answer = await untilAnswered(
      async () => {
        attempts++;
        const res = await gw.post('/api/orders', body, { 'x-honglin-persona': PERSONAS.resident });
        if (attempts === 1) throw new Error('request:fail timeout');
        return res.body;
      },
      2,
      [1],
    );
    expect(attempts).toBe(2);
    expect(answer).toEqual({ ok: true, data: expect.objectContaining({ order: expect.objectContaining({ id: o.id }) }) });
    expect((await comments(o.id)).map((c) => c.text)).toEqual(['门铃坏了请敲门']);
  });

  it('never writes twice when a first call hangs: a repeat waits for it, and after its lease takes over and fences the late commit out', async () => {
    const o = await offered();
    // The content check (msgSecCheck in production) hangs for the first call until released.
    let release: () => void = () => undefined;
    const hung = new Promise<void>((done) => (release = done));
    let checks = 0;
    const slowCheck: ContentCheckPort = {
      async checkText(text, openid) {
        if (checks++ === 0) await hung;
        return gw.ports.contentCheck.checkText(text, openid);
      },
      checkImage: (file, openid) => gw.ports.contentCheck.checkImage(file, openid),
    };
    const ports = { ...gw.ports, contentCheck: slowCheck };
    const event = { action: 'comment', payload: { orderId: o.id, text: '请先打电话再上门' }, requestId: 'hung-call-0001' };
    const context = { persona: PERSONAS.resident };

    const first = runCall(ordersFunction, ports, event, context);
    // Within the claim's lease a repeat waits for the first answer, then says it is still being handled.
    const waiting = await runCall(ordersFunction, ports, event, context);
    expect(waiting).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.IN_PROGRESS' }) });

    // Two minutes on, the first call is presumed dead: a repeat takes the claim over and does the write.
    gw.ports.clock.set(later(MORNING, 2));
    const takeover = await runCall(ordersFunction, ports, event, context);
    expect(takeover).toEqual({ ok: true, data: expect.objectContaining({ order: expect.objectContaining({ id: o.id }) }) });

    // The first call wakes up: its commit carries the old claim version and writes nothing.
    release();
    expect((await first).ok).toBe(false);
    expect((await comments(o.id)).map((c) => c.text)).toEqual(['请先打电话再上门']);
    // And the answer stored is the one that wrote.
    expect(await runCall(ordersFunction, ports, event, context)).toEqual(takeover);
  }, 20_000);
});
