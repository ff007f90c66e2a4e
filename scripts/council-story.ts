import type { LocalClock } from '../cloudfunctions/_core/adapters/clock';
import type { Ports } from '../cloudfunctions/_core/ports';
import { runCall, type FunctionDefinition } from '../cloudfunctions/_core/pipeline';
import type { Doc } from '../cloudfunctions/_core/ports/store';
import { councilsFunction } from '../cloudfunctions/councils/councils.function';
import { remindMeetings } from '../cloudfunctions/councils/meeting-jobs';
import { followCouncilOrders } from '../cloudfunctions/councils/topic-jobs';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import type { Choice, Outcome } from '../shared/councils/agenda';
import { addDays, beijingDate, beijingInstant } from '../shared/kernel/time';
import { encodePayload, minuteOf } from '../shared/stations/codes';
import { PERSONAS } from './demo-data';

/**
 * Three months of grid councils (微网格议事会) in 幸福里第一网格, played through the real handlers at
 * past instants, like the request-loop story (`demo-story.ts`), so the council pages open on topics,
 * meetings, minutes, decisions and their work orders:
 *
 * - ~12 weeks ago: 张桂英's 楼道堆物 topic, supported by her neighbours, adopted and decided at a
 *   微网格议事会 with an action whose work order a volunteer did; she and her supporters rated the
 *   result (效果共评). The leader's 充电桩 topic was voted down there.
 * - ~8 weeks ago: a 民情恳谈会 adopted 助餐 with two actions (one done by hand, one by a work
 *   order), and deferred 门禁 (暂缓).
 * - ~3 weeks ago: a 微网格议事会 adopted 门禁 (its work order is in a volunteer's hands today) and
 *   绿化 (its action is overdue); its decisions were published to the grid (公示).
 * - Now: a 座椅 proposal one supporter short of the threshold, a 路灯 proposal waiting for the
 *   leader, a declined one with its answer, and a meeting five days ahead with its invitations out.
 *
 * Everything happens at a past instant (never after `now`); times are Beijing office hours. The
 * council's work orders in progress are accepted today, so their grid clock still runs at `now`.
 */

const GRID = 'cm01-gd1';
const STATION = 'cm01-sta1';
const PLACE = '幸福里党群服务站二楼会议室';
/** Buildings of the grid where the work is (the topics are about the whole grid). */
const BUILDING_3 = 'cm01-gd1-mg1-bd3';
const BUILDING_2 = 'cm01-gd1-mg1-bd2';
const BUILDING_6 = 'cm01-gd1-mg2-bd2';

type Json = any;

export interface CouncilStory {
  topics: number;
  meetings: number;
  orders: number;
}

export async function playCouncilStory(ports: Ports & { clock: LocalClock }, now = Date.now()): Promise<CouncilStory> {
  const today = beijingDate(now);
  /** An instant `daysAgo` days before today at `minute` (Beijing), never after now. */
  const day = (daysAgo: number, minute: number) => new Date(Math.min(Date.parse(beijingInstant(addDays(today, -daysAgo), minute)), now - 60_000)).toISOString();
  const set = (at: string) => ports.clock.set(at);
  const story: CouncilStory = { topics: 0, meetings: 0, orders: 0 };

  const run = async (fn: FunctionDefinition, openid: string, action: string, payload: unknown): Promise<Json> => {
    const res = await runCall(fn, ports, { action, payload }, { persona: openid });
    if (!res.ok) throw new Error(`council story: ${action} by ${openid} at ${ports.clock.now()} failed: ${res.error.code} ${res.error.field ?? ''}`);
    return res.data;
  };
  const councils = (openid: string, action: string, payload: unknown) => run(councilsFunction, openid, action, payload);
  const orders = (openid: string, action: string, payload: unknown) => run(ordersFunction, openid, action, payload);
  const userOf = async (openid: string) => (await ports.store.find<Doc & { _id: string; name: string }>('users', { openid }, { limit: 1 }))[0]!;
  const openidOf = async (userId: string) => (await ports.store.get<Doc & { openid: string }>('users', userId))!.openid;

  // The grid's residents (the seeded ones, after those the order story posts for), in a stable order.
  const neighbours = (
    await ports.store.find<Doc & { openid: string }>(
      'users',
      { 'home.path.gridId': GRID },
      {
        sort: [
          ['home.path.gridId', 1],
          ['createdAt', 1],
        ],
        limit: 200,
      },
    )
  )
    .map((u) => u.openid)
    .filter((o) => o.startsWith('seed-resident-'))
    .slice(10);
  if (neighbours.length < 16) throw new Error(`council story: the grid has ${neighbours.length + 10} seeded residents, fewer than it needs`);
  const leader = PERSONAS.gridLeader;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]).toString('base64');
  let keys = 0;
  const key = () => `council-story-${String(++keys).padStart(3, '0')}`;

  // ---- topics ------------------------------------------------------------------------------------

  const propose = async (who: string, title: string, description: string): Promise<string> => {
    story.topics++;
    return (await councils(who, 'propose', { clientKey: key(), title, description, gridId: GRID })).topic.id;
  };
  const raise = async (title: string, description: string): Promise<string> => {
    story.topics++;
    return (await councils(leader, 'raise', { clientKey: key(), title, description, gridId: GRID })).topic.id;
  };
  /** Supports by `who`, a quarter of an hour apart from `from` on. */
  const support = async (topicId: string, who: readonly string[], daysAgo: number, from: number) => {
    for (const [i, w] of who.entries()) {
      set(day(daysAgo, from + i * 15));
      await councils(w, 'support', { topicId });
    }
  };

  /** A work order of an action: spawned, accepted by whoever it was offered to (or dispatched by hand), and done to `end`. */
  const workOrder = async (topicId: string, actionId: string, buildingId: string, daysAgo: number, end: 'accepted' | 'closed') => {
    set(day(daysAgo, 9 * 60 + 30));
    const topic = (await councils(leader, 'spawnOrder', { topicId, actionId, buildingId })).topic;
    const orderId: string = topic.actions.find((a: Json) => a.id === actionId).orderId;
    story.orders++;
    const stored = async () => (await ports.store.get<Doc & { state: string; offer: { volunteerId: string } | null; assigneeId: string | null }>('orders', orderId))!;
    let o = await stored();
    if (o.state !== 'offered') {
      // Nobody suited was free: the grid leader hands it to the demo volunteer.
      const volunteer = await userOf(PERSONAS.volunteer);
      await orders(leader, 'dispatchByHand', { orderId, volunteerId: volunteer._id });
      o = await stored();
    }
    const volunteer = await openidOf(o.offer?.volunteerId ?? o.assigneeId!);
    if (o.state === 'offered') {
      set(day(daysAgo, 10 * 60));
      await orders(volunteer, 'accept', { orderId });
    }
    if (end === 'accepted') return orderId;
    set(day(daysAgo, 15 * 60));
    const photo = await runCall(ordersFunction, ports, { action: 'uploadPhoto', payload: { contentType: 'image/png', dataBase64: png } }, { persona: volunteer });
    await orders(volunteer, 'resolve', { orderId, note: '已按议事会决议办理完毕', photos: photo.ok ? [(photo.data as { fileId: string }).fileId] : [] });
    set(day(daysAgo, 17 * 60));
    await orders(leader, 'rate', { orderId, stars: 5, tags: ['上门及时'], comment: '按决议办好了' });
    // 落实跟踪: the scheduler completes the action (and the topic after its last one) that evening.
    await followCouncilOrders(ports, day(daysAgo, 18 * 60));
    return orderId;
  };

  // ---- meetings ----------------------------------------------------------------------------------

  interface Held {
    type: string;
    title: string;
    /** Days before today the meeting is held, at 14:30; created a week before and published. */
    daysAgo: number;
    items: { topicId: string; presenter: string; minutes: number }[];
    /** People invited by name (居民代表): openids. */
    representatives: string[];
    /** Invitees who do not come. */
    absent: number;
    votes: {
      outcome: Outcome;
      choices: (i: number) => Choice;
      notes: string;
      actions?: { text: string; ownerName: string; deadline: string; budget: number; category: string }[];
    }[];
    discussion: string;
    publish: boolean;
    archive: boolean;
  }

  const hold = async (h: Held): Promise<Json> => {
    story.meetings++;
    const startAt = beijingInstant(addDays(today, -h.daysAgo), 14 * 60 + 30);
    set(day(h.daysAgo + 7, 10 * 60));
    const inviteeIds = await Promise.all(h.representatives.map(async (o) => (await userOf(o))._id));
    let m = (
      await councils(leader, 'createMeeting', {
        clientKey: key(),
        type: h.type,
        title: h.title,
        nodeId: GRID,
        stationId: STATION,
        placeText: PLACE,
        startAt,
        lengthMinutes: 90,
        inviteRoles: ['police', 'liaison', 'volunteer'],
        inviteeIds,
      })
    ).meeting;
    for (const item of h.items) m = (await councils(leader, 'addItem', { meetingId: m.id, topicId: item.topicId, presenterName: item.presenter, minutes: item.minutes })).meeting;
    set(day(h.daysAgo + 7, 10 * 60 + 20));
    m = (await councils(leader, 'publish', { meetingId: m.id })).meeting;
    // The reminders the day before and an hour before, as the scheduler sends them.
    await remindMeetings(ports, new Date(Date.parse(startAt) - 24 * 3600_000).toISOString());
    await remindMeetings(ports, new Date(Date.parse(startAt) - 3600_000).toISOString());

    set(new Date(Date.parse(startAt) - 10 * 60_000).toISOString());
    m = (await councils(leader, 'open', { meetingId: m.id })).meeting;
    // Sign-in: the grid leader by the screen's code; most invitees by scanning it too; two by the
    // leader's hand (they have no phone with them); some do not come.
    const invitees: { userId: string; name: string }[] = m.invitees;
    const coming = invitees.slice(0, Math.max(0, invitees.length - h.absent));
    // The code the station screen shows this minute (as `councils.screenCode` signs it, without drawing its image).
    const scene = () => ports.qr.sign(encodePayload({ kind: 'meeting', meetingId: m.id, minute: minuteOf(ports.clock.now()) }));
    set(new Date(Date.parse(startAt) - 8 * 60_000).toISOString());
    await councils(leader, 'signIn', { meetingId: m.id, scene: scene() });
    const voters: string[] = [leader];
    for (const [i, p] of coming.entries()) {
      const openid = await openidOf(p.userId);
      if (openid === leader) continue;
      set(new Date(Date.parse(startAt) - (7 - (i % 7)) * 60_000).toISOString());
      if (i % 5 === 4) await councils(leader, 'signInFor', { meetingId: m.id, userId: p.userId });
      else await councils(openid, 'signIn', { meetingId: m.id, scene: scene() });
      voters.push(openid);
    }
    set(startAt);
    await councils(leader, 'signInFor', { meetingId: m.id, name: '刘大爷' });

    // Item by item: open the vote, everyone signed in votes, the leader records the outcome.
    for (const [n, item] of (m.agenda as { id: string }[]).entries()) {
      const v = h.votes[n]!;
      set(new Date(Date.parse(startAt) + (5 + n * 25) * 60_000).toISOString());
      await councils(leader, 'openVote', { meetingId: m.id, itemId: item.id });
      for (const [i, voter] of voters.entries()) await councils(voter, 'vote', { meetingId: m.id, itemId: item.id, choice: v.choices(i) });
      set(new Date(Date.parse(startAt) + (20 + n * 25) * 60_000).toISOString());
      await councils(leader, 'decide', { meetingId: m.id, itemId: item.id, outcome: v.outcome, notes: v.notes, actions: v.actions ?? [] });
    }
    set(new Date(Date.parse(startAt) + 80 * 60_000).toISOString());
    m = (await councils(leader, 'close', { meetingId: m.id })).meeting;
    // Minutes that evening: the prefilled draft (attendance, items, votes) and the discussion.
    set(new Date(Date.parse(startAt) + 5 * 3600_000).toISOString());
    m = (await councils(leader, 'writeMinutes', { meetingId: m.id, text: `${m.minutesDraft ?? ''}\n${h.discussion}` })).meeting;
    if (h.publish) {
      set(day(h.daysAgo - 1, 9 * 60));
      m = (await councils(leader, 'publishDecisions', { meetingId: m.id })).meeting;
    }
    if (h.archive) m = (await councils(leader, 'archive', { meetingId: m.id })).meeting;
    return m;
  };

  const agree = (pattern: string) => (i: number) => ({ a: 'agree', o: 'oppose', b: 'abstain' })[pattern[i % pattern.length] as 'a' | 'o' | 'b'] as Choice;
  const deadline = (daysAgo: number) => addDays(today, -daysAgo);

  // ---- ~12 weeks ago: 楼道堆物 (done, rated) and 充电桩 (voted down) --------------------------------

  set(day(92, 9 * 60));
  const clutter = await propose(PERSONAS.resident, '3栋楼道堆物清理', '3栋楼道里堆了很多纸箱和旧家具，老人上下楼不方便，还有火灾隐患，希望统一清理。');
  await support(clutter, neighbours.slice(0, 5), 91, 9 * 60);
  set(day(90, 10 * 60));
  await councils(leader, 'adopt', { topicId: clutter });
  set(day(89, 11 * 60));
  const charging = await raise('东门增设电动车充电桩', '不少居民把电动车推进楼道充电，存在安全隐患，提议在小区东门空地增设集中充电桩。');
  await hold({
    type: '微网格议事会',
    title: `${Number(addDays(today, -84).slice(5, 7))}月微网格议事会`,
    daysAgo: 84,
    items: [
      { topicId: clutter, presenter: '张桂英', minutes: 30 },
      { topicId: charging, presenter: '李建国', minutes: 30 },
    ],
    representatives: [PERSONAS.resident, neighbours[0]!, neighbours[1]!],
    absent: 2,
    votes: [
      {
        outcome: 'adopted',
        choices: agree('aaaaab'),
        notes: '一周内集中清理，志愿者协助搬运',
        actions: [{ text: '组织志愿者清理3栋楼道杂物', ownerName: '王志强', deadline: deadline(76), budget: 200, category: '环境卫生' }],
      },
      { outcome: 'rejected', choices: agree('aoobo'), notes: '场地属物业，需先与物业协商，本次不通过', actions: [] },
    ],
    discussion: '讨论情况：居民代表反映楼道堆物由来已久，同意先清理后建立长效管理；充电桩选址存在分歧，待与物业协商后再议。',
    publish: true,
    archive: true,
  });
  await workOrder(clutter, 'a1', BUILDING_3, 80, 'closed');
  // 效果共评: who raised it rates the result.
  for (const [i, who] of [PERSONAS.resident, neighbours[0]!, neighbours[2]!].entries()) {
    set(day(79, 10 * 60 + i * 40));
    await councils(who, 'rate', { topicId: clutter, score: i === 2 ? 4 : 5, comment: ['楼道干净多了，谢谢大家', '清理得很及时', ''][i] });
  }

  // ---- ~8 weeks ago: 助餐 (two actions, done) and 门禁 (deferred) ------------------------------------

  set(day(66, 9 * 60 + 30));
  const meals = await propose(neighbours[6]!, '独居老人助餐送餐', '网格里独居老人不少，做饭不方便，希望能联系助餐点，由志愿者把午餐送上门。');
  await support(meals, neighbours.slice(7, 12), 65, 10 * 60);
  set(day(64, 10 * 60));
  await councils(leader, 'adopt', { topicId: meals });
  set(day(63, 9 * 60));
  const doors = await propose(neighbours[12]!, '2栋单元门禁维修', '2栋单元门禁坏了两个多月，外来人员随意进出，希望尽快修好。');
  await support(doors, [neighbours[13]!, neighbours[14]!], 63, 10 * 60);
  set(day(62, 10 * 60));
  await councils(leader, 'adopt', { topicId: doors });
  await hold({
    type: '民情恳谈会',
    title: '助餐和门禁民情恳谈会',
    daysAgo: 56,
    items: [
      { topicId: meals, presenter: '李建国', minutes: 40 },
      { topicId: doors, presenter: '李建国', minutes: 30 },
    ],
    representatives: [neighbours[6]!, neighbours[12]!],
    absent: 1,
    votes: [
      {
        outcome: 'adopted',
        choices: agree('aaab'),
        notes: '先试行一个月',
        actions: [
          { text: '联系街道长者助餐点', ownerName: '李建国', deadline: deadline(50), budget: 0, category: '养老助残' },
          { text: '志愿者为独居老人送餐上门', ownerName: '王志强', deadline: deadline(45), budget: 500, category: '养老助残' },
        ],
      },
      { outcome: 'deferred', choices: agree('aob'), notes: '维修费用需先向物业问清楚，下次再议', actions: [] },
    ],
    discussion: '讨论情况：居民普遍支持助餐，建议先统计用餐老人名单；门禁维修费用分担意见不一，暂缓表决。',
    publish: true,
    archive: true,
  });
  set(day(52, 15 * 60));
  await councils(leader, 'completeAction', { topicId: meals, actionId: 'a1', note: '已与街道长者助餐点签约' });
  await workOrder(meals, 'a2', BUILDING_6, 48, 'closed');
  set(day(46, 11 * 60));
  await councils(neighbours[6]!, 'rate', { topicId: meals, score: 4, comment: '饭菜可口，希望能长期坚持' });

  // ---- ~3 weeks ago: 门禁 (its order in progress today), 绿化 (overdue), decisions published ------

  set(day(28, 9 * 60));
  const green = await raise('小区绿化带修剪', '中心绿地的灌木长得太高，遮挡路灯和视线，晚上存在安全隐患，需要修剪。');
  await hold({
    type: '微网格议事会',
    title: `${Number(addDays(today, -21).slice(5, 7))}月微网格议事会`,
    daysAgo: 21,
    items: [
      { topicId: doors, presenter: '李建国', minutes: 30 },
      { topicId: green, presenter: '李建国', minutes: 20 },
    ],
    representatives: [neighbours[12]!, neighbours[3]!, PERSONAS.residentYoung],
    absent: 2,
    votes: [
      {
        outcome: 'adopted',
        choices: agree('aaaob'),
        notes: '费用由维修基金列支',
        actions: [{ text: '更换2栋单元门禁', ownerName: '王志强', deadline: addDays(today, 7), budget: 1200, category: '公共设施' }],
      },
      {
        outcome: 'adopted',
        choices: agree('aaab'),
        notes: '请物业安排园林工人',
        actions: [{ text: '联系物业修剪中心绿地灌木', ownerName: '物业公司', deadline: deadline(5), budget: 300, category: '环境卫生' }],
      },
    ],
    discussion: '讨论情况：门禁维修方案经物业报价后得到多数居民认可；绿化修剪由物业负责，网格员跟进。',
    publish: true,
    archive: false,
  });
  // The door's work order went out this morning, and a volunteer has it in hand.
  await workOrder(doors, 'a1', BUILDING_2, 0, 'accepted');

  // ---- now: proposals waiting, one declined, and the meeting in five days -----------------------------

  set(day(12, 10 * 60));
  const road = await propose(neighbours[15]!, '小区外道路拓宽', '小区门口的市政道路太窄，早晚高峰经常堵车，希望拓宽道路。');
  set(day(11, 15 * 60));
  await councils(leader, 'decline', { topicId: road, answer: '市政道路不属于网格议事范围，已转交街道城管科反映，请关注后续答复。' });

  set(day(6, 9 * 60));
  const lamps = await propose(neighbours[3]!, '中心绿地增设照明', '中心绿地晚上没有灯，老人散步看不清路，希望增设几盏庭院灯。');
  await support(lamps, neighbours.slice(4, 9), 5, 10 * 60);

  set(day(4, 9 * 60));
  // One supporter short of the threshold (5): the next neighbour's support hands it to the leader.
  const benches = await propose(neighbours[9]!, '楼下增设休息座椅', '小区里老人多，散步走累了没地方坐，希望在楼下和绿地边增设几张休息座椅。');
  await support(benches, neighbours.slice(10, 14), 3, 10 * 60);

  set(day(2, 10 * 60));
  const fire = await raise('冬季消防安全检查', '冬季用火用电增多，提议组织志愿者对网格内楼栋进行一次消防安全检查，重点是楼道堆物和电动车充电。');
  story.meetings++;
  const next = beijingInstant(addDays(today, 5), 14 * 60 + 30);
  const upcoming = (
    await councils(leader, 'createMeeting', {
      clientKey: key(),
      type: '微网格议事会',
      title: '冬季安全微网格议事会',
      nodeId: GRID,
      stationId: STATION,
      placeText: PLACE,
      startAt: next,
      lengthMinutes: 60,
      inviteRoles: ['police', 'liaison', 'volunteer'],
      inviteeIds: [(await userOf(PERSONAS.resident))._id],
    })
  ).meeting;
  await councils(leader, 'addItem', { meetingId: upcoming.id, topicId: fire, presenterName: '李建国', minutes: 30 });
  set(day(2, 10 * 60 + 15));
  await councils(leader, 'publish', { meetingId: upcoming.id });
  return story;
}
