import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { GRID } from '../helpers/councils';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { act, later, MORNING, offereeOf } from '../helpers/orders';

type StoredTopic = { _id: string; state: string; supporters: string[]; actions: { id: string; orderId: string | null; doneAt: string | null }[]; ratingCount: number };
type StoredMeeting = { _id: string; state: string; minutes: string | null; decisionsPublishedAt: string | null };
type StoredOrder = { _id: string; state: string; offer: { volunteerId: string } | null; description: string };

/** A third resident of the grid, registered as a new WeChat user would be, with a name and a home. */
const NEIGHBOUR = 'journey-council-neighbour';

async function register(gw: TestGateway, openid: string, name: string): Promise<void> {
  const me = await gw.call(openid, 'accounts', 'me', {});
  if (!me.body.ok) throw new Error(me.body.error.code);
  const [building] = await gw.store.find<{ _id: string }>('nodes', { kind: 'building', 'path.gridId': GRID }, { limit: 1 });
  const res = await gw.call(openid, 'accounts', 'updateProfile', { name, buildingId: building!._id, room: '5-201' });
  if (!res.body.ok) throw new Error(`updateProfile: ${res.body.error.code} ${res.body.error.field ?? ''}`);
}

const idFrom = (url: string) => /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

/** Taro keeps earlier pages in the DOM: the text of the page on screen. */
const pageText = async (page: Page, root: string) => (await visible(page, root)).innerText();

const TITLE = '小区北门路灯坏了';
const ACTION = '更换北门路灯并加装一盏';

journey(
  'journey: 民事民议 — a resident proposes, neighbours support, the grid leader convenes, they sign in and vote, the decision becomes a work order, and the proposer rates the result',
  (j) => {
    let topicId = '';
    let meetingId = '';
    let scene = '';

    beforeAll(async () => {
      await register(j.gw, NEIGHBOUR, '王秀兰');
    });

    it('a resident proposes a topic for her grid', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/councils/topics/index');
      await (await visible(j.page, '.hl-page-council-topics .hl-btn-propose')).click();
      const root = '.hl-page-council-propose';
      await (await visible(j.page, `${root} .hl-input-title input`)).fill(TITLE);
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('北门的路灯坏了快一个月，晚上老人进出看不清台阶，已经有人摔倒了');
      await screenshot(j.page, 'council-01-propose');
      await (await visible(j.page, `${root} .hl-btn-submit-topic`)).click();
      await visible(j.page, '.hl-page-council-topic .hl-topic-way');
      topicId = idFrom(j.page.url());
      expect(topicId).toMatch(/^top_/);
      expect((await j.gw.store.get<StoredTopic>('topics', topicId))!.state).toBe('proposed');
      await screenshot(j.page, 'council-02-proposed');
    }, 60_000);

    it('two neighbours support it, once each', async () => {
      for (const [who, shot] of [
        [PERSONAS.residentYoung, 'council-03-support'],
        [NEIGHBOUR, 'council-04-supported'],
      ] as const) {
        await openAs(j.page, j.gw.url, who, `/packages/councils/topic/index?id=${topicId}`);
        await (await visible(j.page, '.hl-page-council-topic .hl-btn-support')).click();
        await visible(j.page, '.hl-page-council-topic .hl-supported-by-me');
        await screenshot(j.page, shot);
      }
      const stored = (await j.gw.store.get<StoredTopic>('topics', topicId))!;
      expect(stored.supporters).toHaveLength(2);
      expect(await j.page.locator('.hl-page-council-topic .hl-btn-support').count()).toBe(0);
    }, 60_000);

    it('the grid leader adopts it', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/councils/topic/index?id=${topicId}`);
      await (await visible(j.page, '.hl-page-council-topic .hl-btn-adopt')).click();
      expect(await eventually(async () => (await j.gw.store.get<StoredTopic>('topics', topicId))!.state, 'adopted')).toBe('adopted');
      await visible(j.page, '.hl-page-council-topic .hl-way-adopted.hl-way-reached');
      await screenshot(j.page, 'council-05-adopted');
    }, 60_000);

    it('he convenes a meeting at the station, inviting three residents by name, and builds the agenda', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/councils/meetings/index');
      await (await visible(j.page, '.hl-page-council-meetings .hl-btn-create-meeting')).click();
      const root = '.hl-page-council-meeting-edit';
      await (await visible(j.page, `${root} .hl-input-meeting-title input`)).fill('十一月微网格议事会');
      await (await visible(j.page, `${root} .hl-station-choice`)).click();
      // Invited by name only: the three residents (the proposer is invited anyway).
      for (const role of ['gridMember', 'liaison', 'volunteer']) await (await visible(j.page, `${root} .hl-role-${role}`)).click();
      const all = j.page.locator(`${root} .hl-btn-all-members`).filter({ visible: true });
      if (await all.count()) await all.first().click();
      for (const name of ['张桂英', '刘子涵', '王秀兰']) await j.page.locator(`${root} .hl-invitee-choice`, { hasText: name }).first().click();
      await screenshot(j.page, 'council-06-meeting-create');
      await (await visible(j.page, `${root} .hl-btn-save-meeting`)).click();

      const page = '.hl-page-council-meeting';
      await (await visible(j.page, `${page} .hl-btn-add-item`)).click();
      await j.page.locator(`${page} .hl-item-topic`, { hasText: TITLE }).first().click();
      await (await visible(j.page, `${page} .hl-input-item-minutes input`)).fill('90');
      // The running total is checked against the meeting's hour before anything is sent.
      expect(await pageText(j.page, `${page} .hl-form-add-item`)).toMatch(/超出会议时长 30 分钟/);
      await (await visible(j.page, `${page} .hl-input-item-minutes input`)).fill('20');
      await (await visible(j.page, `${page} .hl-btn-submit-add-item`)).click();
      await visible(j.page, `${page} .hl-agenda-item-0`);
      meetingId = idFrom(j.page.url());
      expect(await pageText(j.page, `${page} .hl-agenda-total`)).toMatch(/议程合计 20 分钟/);
      await screenshot(j.page, 'council-07-agenda');
    }, 60_000);

    it('he publishes and opens it; the station screen shows the rotating sign-in code and the quorum', async () => {
      const page = '.hl-page-council-meeting';
      await (await visible(j.page, `${page} .hl-btn-publish`)).click();
      await visible(j.page, `${page} .hl-btn-open`);
      await (await visible(j.page, `${page} .hl-btn-open`)).click();
      expect(await eventually(async () => (await j.gw.store.get<StoredMeeting>('meetings', meetingId))!.state, 'inSession')).toBe('inSession');
      await screenshot(j.page, 'council-08-open');

      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/councils/screen/index?id=${meetingId}`);
      scene = (await (await visible(j.page, '.hl-page-council-screen .hl-screen-scene')).innerText()).trim();
      expect(scene).toMatch(new RegExp(`^m:${meetingId}`));
      expect(await pageText(j.page, '.hl-page-council-screen .hl-screen-quorum')).toMatch(/已签到 0 人/);
      await screenshot(j.page, 'council-09-screen');
    }, 60_000);

    it('three participants sign in with the screen code', async () => {
      for (const who of [PERSONAS.resident, PERSONAS.residentYoung, NEIGHBOUR]) {
        await openAs(j.page, j.gw.url, who, `/packages/councils/meeting/index?id=${meetingId}`);
        const page = '.hl-page-council-meeting';
        await (await visible(j.page, `${page} .hl-input-sign-in-scene input`)).fill(scene);
        await (await visible(j.page, `${page} .hl-btn-sign-in`)).click();
        await visible(j.page, `${page} .hl-signed-in`);
      }
      await screenshot(j.page, 'council-10-signed-in');
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/councils/meeting/index?id=${meetingId}`);
      expect(await pageText(j.page, '.hl-page-council-meeting .hl-quorum')).toMatch(/实到 3 \/ 应到 3 人[\s\S]*已达到法定人数/);
    }, 60_000);

    it('the leader opens the vote and each participant votes once', async () => {
      const page = '.hl-page-council-meeting';
      await (await visible(j.page, `${page} .hl-btn-open-vote`)).click();
      await visible(j.page, `${page} .hl-agenda-voting-chip`);
      await screenshot(j.page, 'council-11-vote-open');
      for (const who of [PERSONAS.resident, PERSONAS.residentYoung, NEIGHBOUR]) {
        await openAs(j.page, j.gw.url, who, `/packages/councils/meeting/index?id=${meetingId}`);
        await (await visible(j.page, `${page} .hl-btn-vote-agree`)).click();
        await visible(j.page, `${page} .hl-voted`);
        expect(await j.page.locator(`${page} .hl-btn-vote-agree`).filter({ visible: true }).count()).toBe(0);
      }
      await screenshot(j.page, 'council-12-voted');
    }, 60_000);

    it('the leader records the outcome with an action item and closes the meeting', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/councils/meeting/index?id=${meetingId}`);
      const page = '.hl-page-council-meeting';
      expect(await pageText(j.page, `${page} .hl-agenda-tally`)).toMatch(/同意\s*3 票/);
      await (await visible(j.page, `${page} .hl-btn-decide`)).click();
      const form = `${page} .hl-form-decide`;
      // The tally's suggestion is preselected.
      await visible(j.page, `${form} .hl-outcome-adopted.hl-choice-on`);
      await (await visible(j.page, `${form} .hl-btn-add-decide-action`)).click();
      await (await visible(j.page, `${form} .hl-input-action-text input`)).fill(ACTION);
      await (await visible(j.page, `${form} .hl-input-action-owner input`)).fill('李建国');
      await (await visible(j.page, `${form} .hl-input-action-budget input`)).fill('800');
      await screenshot(j.page, 'council-13-decide');
      await (await visible(j.page, `${form} .hl-btn-submit-decide-action`)).click();
      await visible(j.page, `${form} .hl-decide-action`);
      await (await visible(j.page, `${form} .hl-btn-submit-decide`)).click();
      await visible(j.page, `${page} .hl-agenda-outcome`);
      await (await visible(j.page, `${page} .hl-btn-close`)).click();
      expect(await eventually(async () => (await j.gw.store.get<StoredMeeting>('meetings', meetingId))!.state, 'closed')).toBe('closed');
      expect((await j.gw.store.get<StoredTopic>('topics', topicId))!.state).toBe('acting');
    }, 60_000);

    it('he writes the minutes from the prefilled draft and publishes the decision', async () => {
      const page = '.hl-page-council-meeting';
      const box = await visible(j.page, `${page} .hl-input-minutes textarea`);
      const draft = await box.inputValue();
      expect(draft).toMatch(/应到 3 人，实到 3 人/);
      expect(draft).toMatch(new RegExp(TITLE));
      await box.fill(`${draft}\n居民一致认为北门照明关系到老人出行安全，同意尽快更换。`);
      await screenshot(j.page, 'council-14-minutes');
      await (await visible(j.page, `${page} .hl-btn-save-minutes`)).click();
      await (await visible(j.page, `${page} .hl-btn-publish-decisions`)).click();
      expect(await eventually(async () => Boolean((await j.gw.store.get<StoredMeeting>('meetings', meetingId))!.decisionsPublishedAt), true)).toBe(true);
      expect((await j.gw.store.get<StoredMeeting>('meetings', meetingId))!.minutes).toMatch(/同意尽快更换/);
      await screenshot(j.page, 'council-15-published');

      await openAs(j.page, j.gw.url, NEIGHBOUR, '/packages/councils/decisions/index');
      expect(await pageText(j.page, '.hl-page-council-decisions .hl-decision')).toMatch(new RegExp(`${TITLE}[\\s\\S]*通过[\\s\\S]*${ACTION}`));
      await screenshot(j.page, 'council-16-decisions');
    }, 60_000);

    it('the action item becomes a work order at a building of the grid, which appears in the grid’s queue', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/councils/topic/index?id=${topicId}`);
      const page = '.hl-page-council-topic';
      await (await visible(j.page, `${page} .hl-btn-spawn-order`)).click();
      // The topic is about the grid, not one building: the page asks where the work is.
      await visible(j.page, `${page} .hl-need-building .hl-place-picker`);
      await screenshot(j.page, 'council-17-need-building');
      for (let i = 0; i < 6 && (await j.page.locator(`${page} .hl-need-building`).filter({ visible: true }).count()) > 0; i++) {
        await j.page.locator(`${page} .hl-need-building .nut-cascader-item`).filter({ visible: true }).first().click();
        await j.page.waitForTimeout(200);
      }
      await visible(j.page, `${page} .hl-btn-open-order`);
      const orderId = (await j.gw.store.get<StoredTopic>('topics', topicId))!.actions[0]!.orderId!;
      expect(orderId).toMatch(/^ord_/);
      await screenshot(j.page, 'council-18-spawned');

      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/orders/queue/index');
      await visible(j.page, '.hl-page-order-queue .hl-order-card');
      expect(await pageText(j.page, '.hl-page-order-queue .hl-order-list, .hl-page-order-queue .hl-paged-list')).toMatch(/议事会决议/);
      await screenshot(j.page, 'council-19-queue');
    }, 60_000);

    it('the order is done; after a scheduler tick the topic is done and the proposer rates the result', async () => {
      const orderId = (await j.gw.store.get<StoredTopic>('topics', topicId))!.actions[0]!.orderId!;
      const order = (await j.gw.store.get<StoredOrder>('orders', orderId))!;
      if (!order.offer) {
        const cands = await j.gw.call(PERSONAS.gridLeader, 'orders', 'candidates', { orderId });
        if (!cands.body.ok || cands.body.data.candidates.length === 0) throw new Error('no volunteer for the council’s order');
        await act(j.gw, PERSONAS.gridLeader, 'dispatchByHand', { orderId, volunteerId: cands.body.data.candidates[0].userId });
      }
      const volunteer = await offereeOf(j.gw, orderId);
      await act(j.gw, volunteer, 'accept', { orderId });
      const photo = await j.gw.call(volunteer, 'orders', 'uploadPhoto', {
        contentType: 'image/png',
        dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0]).toString('base64'),
      });
      if (!photo.body.ok) throw new Error(photo.body.error.code);
      await act(j.gw, volunteer, 'resolve', { orderId, note: '北门换了两盏新路灯，晚上已经亮了', photos: [photo.body.data.fileId] });
      await act(j.gw, PERSONAS.gridLeader, 'rate', { orderId, stars: 5 });
      await j.gw.tick(later(MORNING, 30));
      expect((await j.gw.store.get<StoredTopic>('topics', topicId))!.state).toBe('done');

      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/councils/topic/index?id=${topicId}`);
      const page = '.hl-page-council-topic';
      await visible(j.page, `${page} .hl-way-done.hl-way-reached`);
      await (await visible(j.page, `${page} .hl-btn-rate`)).click();
      await (await visible(j.page, `${page} .hl-star-5`)).click();
      await (await visible(j.page, `${page} .hl-input-rate-comment textarea`)).fill('路灯亮了，晚上回家安心多了');
      await screenshot(j.page, 'council-20-rate');
      await (await visible(j.page, `${page} .hl-btn-submit-rate`)).click();
      await visible(j.page, `${page} .hl-rating-average`);
      expect((await j.gw.store.get<StoredTopic>('topics', topicId))!.ratingCount).toBe(1);
      expect(await j.page.locator(`${page} .hl-btn-rate`).filter({ visible: true }).count()).toBe(0);
      await screenshot(j.page, 'council-21-rated');
    }, 60_000);
  },
  { at: MORNING },
);
