import { msgSecCheck, type MsgSecCheckApi } from '../../../cloudfunctions/_core/adapters/content-check';
import { runCall } from '../../../cloudfunctions/_core/pipeline';
import type { Ports } from '../../../cloudfunctions/_core/ports';
import { mediaCheckMain } from '../../../cloudfunctions/mediacheck/mediacheck.function';
import { ordersFunction } from '../../../cloudfunctions/orders/orders.function';
import { PHOTO_HIDDEN_LINE } from '../../../shared/orders/photos';
import { RISKY_PNG, uploadPhoto } from '../../helpers/photos';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, post } from '../../helpers/orders';

/**
 * Photos of orders: each person's photos live in their own folder, an order takes only its
 * caller's own, and a photo that fails the content check is hidden from the order for everyone.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const upload = (persona: string, bytes?: number[]) => uploadPhoto(gw, persona, bytes);

async function userIdOf(persona: string): Promise<string> {
  const [user] = await gw.store.find<{ _id: string }>('users', { openid: persona }, { limit: 1 });
  if (!user) throw new Error(`no user for ${persona}`);
  return user._id;
}

async function view(persona: string, orderId: string) {
  const res = await gw.call(persona, 'orders', 'get', { orderId });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.order as { photos: { fileId: string; url: string }[]; resolution: { photos: { fileId: string }[] } | null; timeline: { text: string }[] };
}

/** An order of the resident's, accepted by the volunteer it was offered to. */
async function accepted(): Promise<{ id: string; volunteer: string }> {
  const order = await post(gw, PERSONAS.resident);
  const volunteer = await offereeOf(gw, order.id);
  await act(gw, volunteer, 'accept', { orderId: order.id });
  return { id: order.id, volunteer };
}

describe('where photos are stored', () => {
  it('puts an uploaded photo in the uploader’s own folder, named by their user id (not their openid)', async () => {
    const fileId = await upload(PERSONAS.resident);
    expect(fileId).toMatch(new RegExp(`^local://photos/${await userIdOf(PERSONAS.resident)}/img_[0-9a-z]+\\.png$`));
    expect(fileId).not.toContain(PERSONAS.resident);
  });
});

describe('an order takes only the caller’s own photos', () => {
  it('post: refuses a file id from another user’s folder, naming it, and changes nothing', async () => {
    const mine = await upload(PERSONAS.resident);
    const theirs = await upload(PERSONAS.volunteer);
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '水电维修', description: '厨房水龙头一直滴水', clientKey: clientKey(), photos: [mine, theirs] });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ ok: false, error: { code: 'ORDER.PHOTO_NOT_YOURS', message: '只能使用您自己上传的照片，请重新上传', field: 'payload.photos.1' } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('post: the same refusal for ids that only look like the caller’s (other folders, extra segments, dot segments)', async () => {
    const me = await userIdOf(PERSONAS.resident);
    const other = await userIdOf(PERSONAS.volunteer);
    const lookalikes = [
      `local://photos/${other}/img_1.png`,
      `local://photos/${me}/../${other}/img_1.png`,
      `local://photos/${me}/sub/img_1.png`,
      `local://photos/${me}`,
      `local://photos/${me}/..`,
      `local://evidence/${me}/img_1.png`,
      `local://${me}/img_1.png`,
      `cloud://env-1.bucket-1/photos/${other}/img_1.png`,
      `cloud://env-1.bucket-1/evidence/${me}/img_1.png`,
      // The caller's folder, but not a file this storage holds (a CloudBase id on the local store).
      `cloud://env-1.bucket-1/photos/${me}/img_1.png`,
    ];
    for (const photo of lookalikes) {
      const before = await snapshot(gw);
      const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '水电维修', description: '厨房水龙头一直滴水', clientKey: clientKey(), photos: [photo] });
      expect([photo, res.status, res.body]).toEqual([photo, 403, { ok: false, error: expect.objectContaining({ code: 'ORDER.PHOTO_NOT_YOURS', field: 'payload.photos.0' }) }]);
      expect(await snapshot(gw)).toBe(before);
    }
  });

  it('a grid leader posting for a resident (代办) attaches photos from the leader’s own folder', async () => {
    const leaders = await upload(PERSONAS.gridLeader);
    const residents = await upload(PERSONAS.resident);
    const onBehalfOf = await userIdOf(PERSONAS.resident);
    const refused = await gw.call(PERSONAS.gridLeader, 'orders', 'post', {
      category: '水电维修',
      description: '帮老人报：厨房水龙头滴水',
      clientKey: clientKey(),
      onBehalfOf,
      photos: [residents],
    });
    expect(refused.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.PHOTO_NOT_YOURS', field: 'payload.photos.0' }) });
    const posted = await gw.call(PERSONAS.gridLeader, 'orders', 'post', {
      category: '水电维修',
      description: '帮老人报：厨房水龙头滴水',
      clientKey: clientKey(),
      onBehalfOf,
      photos: [leaders],
    });
    if (!posted.body.ok) throw new Error(posted.body.error.code);
    expect(posted.body.data.order.photos.map((p: { fileId: string }) => p.fileId)).toEqual([leaders]);
  });

  it('resolve: refuses the resident’s photo as the volunteer’s result, and changes nothing', async () => {
    const { id, volunteer } = await accepted();
    const residents = await upload(PERSONAS.resident);
    const before = await snapshot(gw);
    const res = await gw.call(volunteer, 'orders', 'resolve', { orderId: id, note: '已更换阀芯', photos: [residents] });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.PHOTO_NOT_YOURS', field: 'payload.photos.0' }) });
    expect(await snapshot(gw)).toBe(before);
    // With their own photo it goes through.
    const resolved = await act(gw, volunteer, 'resolve', { orderId: id, note: '已更换阀芯', photos: [await upload(volunteer)] });
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolution.photos).toHaveLength(1);
  });
});

describe('a photo that fails the content check is hidden from the order', () => {
  it('post: the risky photo is gone from the resident’s and the volunteer’s views, with a timeline line and an audit entry', async () => {
    const clean = await upload(PERSONAS.resident);
    const risky = await upload(PERSONAS.resident, RISKY_PNG);
    const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '水电维修', description: '卫生间水管漏水', clientKey: clientKey(), photos: [risky, clean] });
    if (!res.body.ok) throw new Error(res.body.error.code);
    const posted = res.body.data.order;
    // The poster's own answer already leaves it out.
    expect(posted.photos.map((p: { fileId: string }) => p.fileId)).toEqual([clean]);
    expect(posted.timeline.map((l: { text: string }) => l.text)).toContain(PHOTO_HIDDEN_LINE);

    const volunteer = await offereeOf(gw, posted.id);
    await act(gw, volunteer, 'accept', { orderId: posted.id });
    for (const persona of [PERSONAS.resident, volunteer, PERSONAS.gridLeader]) {
      const seen = await view(persona, posted.id);
      expect([persona, seen.photos.map((p) => p.fileId)]).toEqual([persona, [clean]]);
      // Neither its id nor a URL for it reaches anyone.
      expect(JSON.stringify(seen)).not.toContain(risky.slice('local://'.length));
      expect(seen.timeline.filter((l) => l.text === PHOTO_HIDDEN_LINE)).toHaveLength(1);
    }
    const stored = await gw.store.get<{ _id: string; photos: string[]; hiddenPhotos?: string[] }>('orders', posted.id);
    expect(stored).toEqual(expect.objectContaining({ photos: [risky, clean], hiddenPhotos: [risky] }));
    const audit = await gw.store.find<{ _id: string; function: string; detail: Record<string, string> }>('audit', { subjectId: posted.id, function: 'mediacheck' });
    expect(audit).toEqual([expect.objectContaining({ detail: { event: 'mediaCheck>risky', label: 'marker' } })]);
  });

  it('resolve: a risky result photo is hidden from the resident’s view of the resolution', async () => {
    const { id, volunteer } = await accepted();
    const risky = await upload(volunteer, RISKY_PNG);
    await gw.tick(later(MORNING, 60));
    const resolved = await act(gw, volunteer, 'resolve', { orderId: id, note: '已更换阀芯', photos: [risky] });
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolution.photos).toEqual([]);
    for (const persona of [PERSONAS.resident, volunteer]) {
      const seen = await view(persona, id);
      expect(seen.resolution?.photos).toEqual([]);
      expect(seen.timeline.map((l) => l.text)).toContain(PHOTO_HIDDEN_LINE);
    }
  });

  it('the neighbours’ 重复提醒 card shows the first photo that was not hidden, never the hidden one', async () => {
    const risky = await upload(PERSONAS.resident, RISKY_PNG);
    const clean = await upload(PERSONAS.resident);
    const text = '地下室水泵房一直在漏水，地面全是积水';
    const order = await post(gw, PERSONAS.resident, { description: text, photos: [risky, clean] });
    // seed-resident-0092 lives in the resident's building.
    const res = await gw.call('seed-resident-0092', 'orders', 'similar', { category: '水电维修', text });
    if (!res.body.ok) throw new Error(res.body.error.code);
    const card = res.body.data.orders.find((c: { id: string }) => c.id === order.id);
    expect(card).toEqual(expect.objectContaining({ photoUrl: `/files/${clean.slice('local://'.length)}` }));
    expect(JSON.stringify(res.body.data)).not.toContain(risky.slice('local://'.length));
  });

  it('a clean photo stays, and its check is recorded as passed', async () => {
    const clean = await upload(PERSONAS.resident);
    const order = await post(gw, PERSONAS.resident, { photos: [clean] });
    expect(order.photos.map((p: { fileId: string }) => p.fileId)).toEqual([clean]);
    const checks = await gw.store.find<{ _id: string; status: string; subjectId: string }>('media_checks', { traceId: { $exists: true }, fileId: clean });
    expect(checks).toEqual([expect.objectContaining({ status: 'pass', collection: 'orders', subjectId: order.id })]);
  });
});

describe('the verdict comes later in production (wxa_media_check to the mediacheck function)', () => {
  /** WeChat's mediaCheckAsync, faked: each call gets a trace id; the verdict is delivered by the test. */
  function fakeWeChat() {
    const calls: { mediaUrl: string; openid: string }[] = [];
    const openapi: MsgSecCheckApi = {
      security: {
        msgSecCheck: async () => ({ result: { suggest: 'pass', label: 100 } }),
        mediaCheckAsync: async (params) => {
          calls.push({ mediaUrl: params.mediaUrl, openid: params.openid });
          return { traceId: `trace-${calls.length}-${Math.random().toString(36).slice(2, 10)}`, errCode: 0 };
        },
      },
    };
    return { calls, ports: { ...gw.ports, contentCheck: msgSecCheck(openapi) } as Ports };
  }

  const event = (traceId: string, suggest: string) => ({
    ToUserName: 'gh_app',
    FromUserName: 'oWeChat',
    CreateTime: 1764900000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx0000000000',
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label: 20002, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label: 20002 },
  });

  it('hides the photo once when the risky verdict is delivered twice, and leaves a passed one shown', async () => {
    const wechat = fakeWeChat();
    const risky = await upload(PERSONAS.resident);
    const fine = await upload(PERSONAS.resident);
    const answer = await runCall(
      ordersFunction,
      wechat.ports,
      { action: 'post', payload: { category: '水电维修', description: '阳台水管漏水', clientKey: clientKey(), photos: [risky, fine] } },
      { persona: PERSONAS.resident },
    );
    if (!answer.ok) throw new Error(answer.error.code);
    const orderId = (answer.data as { order: { id: string; photos: unknown[] } }).order.id;
    // Shown while the check runs; WeChat was asked with each photo's URL and the caller's openid.
    expect((answer.data as { order: { photos: unknown[] } }).order.photos).toHaveLength(2);
    expect(wechat.calls).toEqual([
      { mediaUrl: `/files/${risky.slice('local://'.length)}`, openid: PERSONAS.resident },
      { mediaUrl: `/files/${fine.slice('local://'.length)}`, openid: PERSONAS.resident },
    ]);
    const checks = await gw.store.find<{ _id: string; traceId: string; fileId: string; status: string }>('media_checks', { subjectId: orderId });
    const traceOf = (fileId: string) => checks.find((c) => c.fileId === fileId)!.traceId;
    expect(checks.map((c) => c.status)).toEqual(['pending', 'pending']);

    const first = await mediaCheckMain(gw.ports, event(traceOf(risky), 'risky'));
    expect(first).toEqual({ ok: true, data: { outcome: 'risky', hidden: true } });
    const afterFirst = await snapshot(gw);
    const again = await mediaCheckMain(gw.ports, event(traceOf(risky), 'risky'));
    expect(again).toEqual({ ok: true, data: { outcome: 'repeat' } });
    expect(await snapshot(gw)).toBe(afterFirst);
    expect(await mediaCheckMain(gw.ports, event(traceOf(fine), 'pass'))).toEqual({ ok: true, data: { outcome: 'pass' } });

    const seen = await view(PERSONAS.resident, orderId);
    expect(seen.photos.map((p) => p.fileId)).toEqual([fine]);
    expect(seen.timeline.filter((l) => l.text === PHOTO_HIDDEN_LINE)).toHaveLength(1);
    const audit = await gw.store.find<{ _id: string }>('audit', { subjectId: orderId, function: 'mediacheck' });
    // The hiding is on the record; a photo left as it was is not a change to the order.
    expect(audit).toEqual([expect.objectContaining({ detail: { event: 'mediaCheck>risky', label: '20002' } })]);
  });

  it('changes nothing for an unknown trace id, another event, or a person calling the function', async () => {
    const before = await snapshot(gw);
    expect(await mediaCheckMain(gw.ports, event('trace-never-issued', 'risky'))).toEqual({ ok: true, data: { outcome: 'unknown' } });
    const refused = [
      { action: 'verdict', payload: { trace_id: 'x', suggest: 'risky' } },
      { ...event('t1', 'risky'), Event: 'subscribe_msg_popup_event' },
      { ...event('t1', 'hide-it'), result: { suggest: 'hide-it' } },
      { ...event('t1', 'risky'), trace_id: { $ne: null } },
      { ...event('t1', 'risky'), trace_id: '../../orders' },
      { ...event('t1', 'risky'), result: null },
      null,
      'wxa_media_check',
    ];
    for (const e of refused) expect([e, await mediaCheckMain(gw.ports, e)]).toEqual([e, { ok: false, error: expect.objectContaining({ code: 'COMMON.FORBIDDEN' }) }]);
    expect(await snapshot(gw)).toBe(before);
  });

  it('answers an error, and stores nothing, when WeChat cannot start the check (no photo is shown unchecked)', async () => {
    const busy: MsgSecCheckApi = {
      security: {
        msgSecCheck: async () => ({ result: { suggest: 'pass', label: 100 } }),
        mediaCheckAsync: async () => {
          throw Object.assign(new Error('system busy'), { errCode: -1 });
        },
      },
    };
    const photo = await upload(PERSONAS.resident);
    const before = await snapshot(gw);
    const answer = await runCall(
      ordersFunction,
      { ...gw.ports, contentCheck: msgSecCheck(busy) },
      { action: 'post', payload: { category: '水电维修', description: '阳台水管漏水', clientKey: clientKey(), photos: [photo] } },
      { persona: PERSONAS.resident },
    );
    expect(answer.ok).toBe(false);
    const ordersNow = JSON.parse(await snapshot(gw)).find(([t]: [string]) => t === 'orders');
    expect(ordersNow).toEqual(JSON.parse(before).find(([t]: [string]) => t === 'orders'));
  });
});
