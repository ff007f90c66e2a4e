import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, post } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

describe('网上接单 → 平台派单 → 党员接单 → 居民评单', () => {
  it('runs the whole loop: post, automatic offer with its reason, accept, resolve with a photo, rate 5★, service record', async () => {
    const posted = await post(gw, PERSONAS.resident);
    expect(posted.state).toBe('offered');
    expect(posted.level).toBe('grid');
    expect(posted.allowedActions).toEqual(expect.arrayContaining(['comment', 'cancel']));
    expect(posted.dispatchReason).toBeNull(); // residents do not see the scoring

    const leaderView = await act(gw, PERSONAS.gridLeader, 'get', { orderId: posted.id });
    expect(leaderView.dispatchReason).toMatch(/从 \d+ 位志愿者中选中/);
    expect(leaderView.timeline.map((e: { kind: string }) => e.kind)).toEqual(['posted', 'offered', 'dispatchReason']);

    const volunteer = await offereeOf(gw, posted.id);
    const offered = await act(gw, volunteer, 'get', { orderId: posted.id });
    expect(offered.offer.mine).toBe(true);
    expect(offered.allowedActions).toEqual(['accept', 'decline']);
    expect(offered.contactRevealed).toBe(false);
    expect(offered.contactPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(offered.room).toBeNull();

    const accepted = await act(gw, volunteer, 'accept', { orderId: posted.id });
    expect(accepted.state).toBe('accepted');
    expect(accepted.contactRevealed).toBe(true);
    expect(accepted.contactPhone).toMatch(/^1[3-9]\d{9}$/);
    expect(accepted.room).not.toBeNull();
    // Every read of the full contact by someone other than the resident is on the record, without the number itself.
    const reveals = await gw.store.find<{ _id: string; actorId: string; detail: Record<string, string> }>('audit', { subjectId: posted.id, 'detail.reveal': 'contact' });
    expect(reveals.map((a) => a.detail.as)).toContain('assignee');
    expect(JSON.stringify(reveals)).not.toContain(accepted.contactPhone);
    expect(accepted.allowedActions).toEqual(expect.arrayContaining(['resolve', 'handBack', 'comment']));

    const noPhoto = await gw.call(volunteer, 'orders', 'resolve', { orderId: posted.id, note: '更换了阀芯' });
    expect(noPhoto.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.PHOTO_REQUIRED', field: 'payload.photos' }) });

    const photo = await gw.call(volunteer, 'orders', 'uploadPhoto', {
      contentType: 'image/png',
      dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0]).toString('base64'),
    });
    if (!photo.body.ok) throw new Error(photo.body.error.code);
    await gw.tick(later(MORNING, 90));
    const resolved = await act(gw, volunteer, 'resolve', { orderId: posted.id, note: '更换了阀芯，已不再滴水', photos: [photo.body.data.fileId] });
    expect(resolved.state).toBe('resolved');

    const mine = await act(gw, PERSONAS.resident, 'get', { orderId: posted.id });
    expect(mine.allowedActions).toEqual(expect.arrayContaining(['rate', 'comment']));
    const rated = await act(gw, PERSONAS.resident, 'rate', { orderId: posted.id, stars: 5, tags: ['上门及时'], comment: '谢谢小王' });
    expect(rated.state).toBe('closed');
    expect(rated.closedAs).toBe('rated');
    expect(rated.allowedActions).toEqual(['comment']);

    const entry = await gw.store.get<{ _id: string; hours: number; points: number; verified: boolean }>('service_records', `order.${posted.id}`);
    expect(entry).toEqual(expect.objectContaining({ verified: true, hours: 1.5, points: 20 }));

    // Everyone who should have heard did.
    const templates = (
      await gw.store.find<{ _id: string; template: string }>('outbox', { template: { $in: ['order.offered', 'order.accepted', 'order.resolved'] } }, { limit: 1000 })
    ).map((n) => n.template);
    expect(new Set(templates)).toEqual(new Set(['order.offered', 'order.accepted', 'order.resolved']));
    // The resident reads them on her 消息 page, newest first.
    const inbox = await gw.call(PERSONAS.resident, 'accounts', 'inbox', {});
    if (!inbox.body.ok) throw new Error(inbox.body.error.code);
    expect(inbox.body.data.messages.slice(0, 2).map((m: { title: string }) => m.title)).toEqual(['您的事项已办结，请评价', '您的事项有人接单了']);
    // A phone number standing on its own; the hex digits inside an id (ord_9314035197041f3b) are not one.
    expect(JSON.stringify(inbox.body.data)).not.toMatch(/(?<![0-9a-z])1[3-9]\d{9}(?![0-9a-z])/i);
  });

  it('makes one order of a double tap: the same client key within a day returns the same order', async () => {
    const key = clientKey();
    const [a, b] = await Promise.all([post(gw, PERSONAS.residentYoung, { clientKey: key }), post(gw, PERSONAS.residentYoung, { clientKey: key })]);
    const c = await post(gw, PERSONAS.residentYoung, { clientKey: key });
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await gw.store.count('orders', { clientKey: key })).toBe(1);
  });

  it('shows 119/120/110 instead of a form for emergencies: the categories have none', async () => {
    const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '火灾', description: '楼下着火了快来人', clientKey: clientKey() });
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.category' }) });
  });

  it('sends a dispute straight to the grid leader, privately, and lets the leader make it a council topic', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天深夜有很大的噪音' });
    expect(posted.state).toBe('waiting');
    expect(posted.private).toBe(true);
    const outsider = await gw.call(PERSONAS.volunteer, 'orders', 'get', { orderId: posted.id });
    expect(outsider.status).toBe(404);
    const topic = await gw.call(PERSONAS.gridLeader, 'orders', 'toCouncil', { orderId: posted.id, title: '3栋夜间噪音协调' });
    if (!topic.body.ok) throw new Error(topic.body.error.code);
    expect(await gw.store.get('topics', topic.body.data.topicId)).toEqual(expect.objectContaining({ meetingType: '民事协调会', private: true, sourceOrderId: posted.id }));
    expect(topic.body.data.order.allowedActions).not.toContain('toCouncil');
  });

  it('moves a declined offer to the next volunteer, never back to the one who declined', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '家居小修', description: '卧室门锁坏了打不开' });
    const first = await offereeOf(gw, posted.id);
    const declined = await gw.call(first, 'orders', 'decline', { orderId: posted.id, reason: '今天在外地' });
    if (!declined.body.ok) throw new Error(declined.body.error.code);
    const order = await gw.store.get<{ _id: string; state: string; excluded: string[]; offer: { volunteerId: string } | null }>('orders', posted.id);
    expect(order!.excluded).toHaveLength(1);
    if (order!.state === 'offered') expect(await offereeOf(gw, posted.id)).not.toBe(first);
    else expect(order!.state).toBe('waiting');
  });

  it('lets the resident comment, and the comment reaches the assignee', async () => {
    const posted = await post(gw, PERSONAS.resident);
    const volunteer = await offereeOf(gw, posted.id);
    await act(gw, volunteer, 'accept', { orderId: posted.id });
    await act(gw, PERSONAS.resident, 'comment', { orderId: posted.id, text: '下午三点后家里有人' });
    const volunteerUser = await gw.store.find<{ _id: string }>('users', { openid: volunteer });
    const note = await gw.store.find<{ _id: string; body: string }>('outbox', { recipientId: volunteerUser[0]!._id, template: 'order.comment' });
    expect(note.map((n) => n.body)).toContain('下午三点后家里有人');
  });

  it('lets the poster cancel before anyone accepts, and not after', async () => {
    const posted = await post(gw, PERSONAS.resident);
    const cancelled = await act(gw, PERSONAS.resident, 'cancel', { orderId: posted.id, reason: '已经自己修好了' });
    expect(cancelled.state).toBe('cancelled');
    const again = await gw.call(PERSONAS.resident, 'orders', 'cancel', { orderId: posted.id, reason: '再撤一次' });
    expect(again.status).toBe(409);
  });

  it('lets a grid leader post on behalf of a resident of the grid (代办), and not of another grid', async () => {
    const resident = await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.resident });
    const forHer = await post(gw, PERSONAS.gridLeader, { onBehalfOf: resident[0]!._id, description: '代张阿姨报修：卫生间灯不亮' });
    expect(forHer.onBehalf).toBe(true);
    expect(forHer.contactName).toBe('张桂英');
    const herView = await act(gw, PERSONAS.resident, 'get', { orderId: forHer.id });
    expect(herView.allowedActions).toContain('cancel');

    const elsewhere = await gw.store.find<{ _id: string }>('users', { 'home.path.gridId': 'cm02-gd1' }, { limit: 1 });
    const res = await gw.call(PERSONAS.gridLeader, 'orders', 'post', {
      category: '水电维修',
      description: '代别的网格报修试试',
      clientKey: clientKey(),
      onBehalfOf: elsewhere[0]!._id,
    });
    expect(res.status).toBe(403);
    expect(res.body.ok || res.body.error.code).toBe('ORDER.NOT_A_RESIDENT_OF_PLACE');
  });

  it('refuses a resident who tries to post on behalf of someone else', async () => {
    const res = await gw.call(PERSONAS.residentYoung, 'orders', 'post', {
      category: '水电维修',
      description: '帮邻居报修试试',
      clientKey: clientKey(),
      buildingId: 'cm01-gd1-mg1-bd2',
      room: '101',
      contactName: '邻居',
      contactPhone: '13800001111',
    });
    expect(res.status).toBe(403);
  });
});
