import { runCall } from '../../../cloudfunctions/_core/pipeline';
import type { Ports } from '../../../cloudfunctions/_core/ports';
import { councilsFunction } from '../../../cloudfunctions/councils/councils.function';
import { mediaCheckMain } from '../../../cloudfunctions/mediacheck/mediacheck.function';
import { PHOTO_HIDDEN_LINE } from '../../../shared/orders/photos';
import { RISKY_PNG, uploadPhoto } from '../../helpers/photos';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { GRID } from '../../helpers/councils';
import { clientKey, MORNING } from '../../helpers/orders';

/**
 * Photos of council topics follow the orders' rules: a topic takes only its author's own photos,
 * and a photo the image check finds risky is hidden from the topic for everyone who reads it.
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

const propose = (persona: string, photos: string[]) =>
  gw.call(persona, 'councils', 'propose', { clientKey: clientKey(), title: '楼道堆物太多', description: '三楼楼道堆满了纸箱，老人上下楼不方便', photos });

describe('photos of council topics', () => {
  it("refuses a neighbour's photo, naming which one, and changes nothing", async () => {
    const mine = await upload(PERSONAS.resident);
    const theirs = await upload(PERSONAS.residentYoung);
    const before = await snapshot(gw);
    const res = await propose(PERSONAS.resident, [mine, theirs]);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'TOPIC.PHOTO_NOT_YOURS', field: 'payload.photos.1', message: '只能使用您自己上传的照片，请重新上传' } });
    expect(await snapshot(gw)).toBe(before);
    const raised = await gw.call(PERSONAS.gridLeader, 'councils', 'raise', {
      clientKey: clientKey(),
      gridId: GRID,
      title: '楼道堆物清理',
      description: '请各楼栋配合清理楼道堆物',
      photos: [theirs],
    });
    expect(raised.body).toMatchObject({ ok: false, error: { code: 'TOPIC.PHOTO_NOT_YOURS', field: 'payload.photos.0' } });
  });

  it('checks every photo and hides a risky one from the topic, for its author and its readers, with a timeline line', async () => {
    const clean = await upload(PERSONAS.resident);
    const risky = await upload(PERSONAS.resident, RISKY_PNG);
    const res = await propose(PERSONAS.resident, [clean, risky]);
    expect(res.body.ok).toBe(true);
    const topic = (res.body as { ok: true; data: { topic: { id: string; photos: { fileId: string }[]; timeline: { text: string }[] } } }).data.topic;
    expect(topic.photos.map((p) => p.fileId)).toEqual([clean]);
    expect(topic.timeline.map((l) => l.text)).toContain(PHOTO_HIDDEN_LINE);
    const read = await gw.call(PERSONAS.residentYoung, 'councils', 'getTopic', { topicId: topic.id });
    expect(read.body.ok && (read.body.data as { topic: { photos: { fileId: string }[] } }).topic.photos.map((p) => p.fileId)).toEqual([clean]);
    const checks = await gw.store.find<{ _id: string; fileId: string; status: string; collection: string }>('media_checks', { subjectId: topic.id });
    expect(checks.map((c) => [c.fileId, c.status, c.collection]).sort()).toEqual(
      [
        [clean, 'pass', 'topics'],
        [risky, 'risky', 'topics'],
      ].sort(),
    );
  });

  it('hides a photo when the verdict arrives later as WeChat’s event, once however often it is delivered', async () => {
    // WeChat's asynchronous check (the outside service): it takes the photo and answers later.
    let traces = 0;
    const later: Ports = { ...gw.ports, contentCheck: { ...gw.ports.contentCheck, checkImage: async () => ({ traceId: `trace-topic-${++traces}` }) } };
    const photo = await upload(PERSONAS.resident);
    const res = await runCall(
      councilsFunction,
      later,
      { action: 'propose', payload: { clientKey: clientKey(), title: '楼道堆物太多', description: '三楼楼道堆满了纸箱，老人上下楼不方便', photos: [photo] } },
      { persona: PERSONAS.resident },
    );
    if (!res.ok) throw new Error(res.error.code);
    const topicId = (res.data as { topic: { id: string; photos: unknown[] } }).topic.id;
    // Shown while the check runs.
    expect((res.data as { topic: { photos: unknown[] } }).topic.photos).toHaveLength(1);
    const [check] = await gw.store.find<{ _id: string; traceId: string; status: string }>('media_checks', { subjectId: topicId });
    expect(check).toMatchObject({ traceId: 'trace-topic-1', status: 'pending' });
    const event = { Event: 'wxa_media_check', trace_id: check!.traceId, result: { suggest: 'risky', label: 20002 } };
    expect(await mediaCheckMain(gw.ports, event)).toEqual({ ok: true, data: { outcome: 'risky', hidden: true } });
    expect(await mediaCheckMain(gw.ports, event)).toEqual({ ok: true, data: { outcome: 'repeat' } });
    const read = await gw.call(PERSONAS.residentYoung, 'councils', 'getTopic', { topicId });
    const topic = (read.body as { ok: true; data: { topic: { photos: unknown[]; timeline: { text: string }[] } } }).data.topic;
    expect(topic.photos).toEqual([]);
    expect(topic.timeline.filter((l) => l.text === PHOTO_HIDDEN_LINE)).toHaveLength(1);
  });
});
