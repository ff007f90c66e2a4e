import type { Ports } from '../cloudfunctions/_core/ports';
import { runCall } from '../cloudfunctions/_core/pipeline';
import type { Doc } from '../cloudfunctions/_core/ports/store';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import { stationsFunction } from '../cloudfunctions/stations/stations.function';
import { addDays, beijingDate, beijingInstant, weekdayOf } from '../shared/kernel/time';
import { encodePayload, minuteOf } from '../shared/stations/codes';
import { runTick } from '../cloudfunctions/scheduler/scheduler.jobs';
import type { LocalClock } from '../cloudfunctions/_core/adapters/clock';
import { playCouncilStory } from './council-story';
import { playLiuyouStory } from './liuyou-story';
import { PERSONAS } from './demo-data';

/**
 * Ten days of the request loop played through the real handlers at past instants, ending now, so
 * the demo opens on queues, timelines and dashboards with something in them. The same story every
 * time; only its dates follow the day the demo is seeded. Orders are posted at 9:30 in Beijing:
 * closed ones over the past ten days, open ones at the latest 9:30, so their grid clock still runs.
 */

type Plan = { who: string; category: string; text: string; end: 'rated5' | 'rated4' | 'rated2' | 'unrated' | 'accepted' | 'escalated' | 'waiting' | 'offered'; daysAgo: number };
const PLAN: Plan[] = [
  { who: 'grid1:0', category: '水电维修', text: '卫生间下水道堵了，水下不去', end: 'rated5', daysAgo: 9 },
  { who: 'grid1:1', category: '家居小修', text: '阳台晾衣架摇不下来了', end: 'rated5', daysAgo: 8 },
  { who: 'grid1:2', category: '代买代办', text: '腿脚不便，想请人帮忙买降压药', end: 'rated4', daysAgo: 7 },
  { who: 'grid1:3', category: '环境卫生', text: '3 栋楼道堆了很多纸箱，有火灾隐患', end: 'rated5', daysAgo: 6 },
  { who: 'grid1:4', category: '政策咨询', text: '想了解高龄津贴怎么申请', end: 'unrated', daysAgo: 9 },
  { who: 'grid1:5', category: '公共设施', text: '小区东门路灯坏了好几盏，晚上很黑', end: 'escalated', daysAgo: 0 },
  { who: 'grid1:6', category: '水电维修', text: '家里总是跳闸，不敢用热水器', end: 'rated2', daysAgo: 1 },
  { who: 'grid1:7', category: '养老助残', text: '独居老人，希望每周有人上门看看', end: 'accepted', daysAgo: 0 },
  { who: 'grid1:8', category: '邻里纠纷', text: '楼上装修每天早上七点就开始打钻', end: 'waiting', daysAgo: 0 },
  { who: PERSONAS.resident, category: '水电维修', text: '厨房水龙头关不紧，一直滴水', end: 'rated5', daysAgo: 5 },
  { who: PERSONAS.resident, category: '家居小修', text: '卧室门锁坏了，钥匙转不动', end: 'offered', daysAgo: 0 },
];

async function call(ports: Ports, openid: string, action: string, payload: unknown) {
  const res = await runCall(ordersFunction, ports, { action, payload }, { persona: openid });
  if (!res.ok) throw new Error(`demo story: ${action} by ${openid} failed: ${res.error.code}`);
  return (res.data as { order: { id: string } }).order;
}

async function openidOf(ports: Ports, userId: string) {
  return (await ports.store.get<Doc & { openid: string }>('users', userId))!.openid;
}

/**
 * Two forgotten check-outs at 幸福里党群服务站 in the past week, which the scheduler closes (自动签退):
 * 王志强 on his planned Mon/Wed/Fri 9:00–12:00 shift (credited to 12:00, not to closing time), and
 * 赵海燕 on a Sunday the station is closed (计划外: nothing counts until a leader confirms it).
 */
async function playForgottenCheckOuts(ports: Ports & { clock: LocalClock }, now: number): Promise<void> {
  const today = beijingDate(now);
  const beijingAt = (daysAgo: number, minute: number) => beijingInstant(addDays(today, -daysAgo), minute);
  const lastDay = (days: readonly number[]) => [1, 2, 3, 4, 5, 6, 7].find((ago) => days.includes(weekdayOf(addDays(today, -ago)))) ?? 1;
  const plays = [
    { who: PERSONAS.volunteer, at: beijingAt(lastDay([1, 3, 5]), 9 * 60) },
    { who: PERSONAS.inService, at: beijingAt(lastDay([7]), 10 * 60) },
  ];
  for (const play of plays) {
    ports.clock.set(play.at);
    const scene = ports.qr.sign(encodePayload({ kind: 'checkin', stationId: 'cm01-sta1', minute: minuteOf(play.at) }));
    const res = await runCall(stationsFunction, ports, { action: 'checkIn', payload: { scene } }, { persona: play.who });
    if (!res.ok) throw new Error(`demo story: checkIn by ${play.who} failed: ${res.error.code}`);
  }
}

export async function playDemoStory(ports: Ports & { clock: LocalClock }, now = Date.now()): Promise<number> {
  // The most recent 9:30 in Beijing at or before now: orders are posted in the morning.
  const DAY_MS = 86_400_000;
  const todayAt930 = Date.parse(beijingInstant(beijingDate(now), 570));
  const morning = todayAt930 <= now ? todayAt930 : todayAt930 - DAY_MS;
  let base = morning;
  /** `hours` after the current order was posted. */
  const at = (hours: number) => ports.clock.set(new Date(base + hours * 3600_000).toISOString());
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]).toString('base64');
  let posted = 0;
  // Residents of the demo grid leader's grid (幸福里第一网格), so the demo personas see their story.
  const neighbours = (
    await ports.store.find<Doc & { openid: string }>(
      'users',
      { 'home.path.gridId': 'cm01-gd1' },
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
    .filter((o) => o.startsWith('seed-resident-'));
  for (const [i, plan] of PLAN.entries()) {
    const p = { ...plan, who: plan.who.startsWith('grid1:') ? (neighbours[Number(plan.who.slice(6))] ?? PERSONAS.residentYoung) : plan.who };
    // The live offer is posted just now, so the volunteer persona finds it waiting with its countdown.
    base = p.end === 'offered' ? now - 60_000 : morning - p.daysAgo * DAY_MS;
    at(0);
    const resident = await ports.store.find<Doc & { openid: string }>('users', { openid: p.who }, { limit: 1 });
    if (!resident[0]) continue;
    const order = await call(ports, p.who, 'post', { category: p.category, description: p.text, clientKey: `demo-story-${i}-order` });
    posted++;
    const stored = async () => (await ports.store.get<Doc & { state: string; offer: { volunteerId: string } | null; assigneeId: string | null }>('orders', order.id))!;
    if (p.end === 'offered') {
      // Whoever the platform picks first, the offer ends with the volunteer persona: the others
      // decline (a real step, on the timeline), so the demo's 王志强 finds it waiting on his home page.
      const [persona] = await ports.store.find<Doc>('users', { openid: PERSONAS.volunteer }, { limit: 1 });
      for (let n = 0; n < 2; n++) {
        const s = await stored();
        if (s.state !== 'offered' || !s.offer || s.offer.volunteerId === persona?._id) break;
        await call(ports, await openidOf(ports, s.offer.volunteerId), 'decline', { orderId: order.id, reason: '今天不在家' });
      }
      continue;
    }
    if (p.end === 'waiting') continue;
    if (p.end === 'escalated') {
      at(2);
      await call(ports, PERSONAS.gridLeader, 'escalate', { orderId: order.id, reason: '需要社区协调供电部门统一维修' });
      continue;
    }
    const s = await stored();
    if (s.state !== 'offered' || !s.offer) continue;
    const volunteer = await openidOf(ports, s.offer.volunteerId);
    at(0.3);
    await call(ports, volunteer, 'accept', { orderId: order.id });
    if (p.end === 'accepted') continue;
    at(2.5);
    const photo = await runCall(ordersFunction, ports, { action: 'uploadPhoto', payload: { contentType: 'image/png', dataBase64: png } }, { persona: volunteer });
    const photos = photo.ok ? [(photo.data as { fileId: string }).fileId] : [];
    await call(ports, volunteer, 'resolve', { orderId: order.id, note: '已上门处理完毕', photos });
    if (p.end === 'unrated') continue;
    at(5);
    const stars = p.end === 'rated5' ? 5 : p.end === 'rated4' ? 4 : 2;
    await call(ports, p.who, 'rate', { orderId: order.id, stars, tags: stars >= 4 ? ['上门及时', '态度热情'] : ['没有解决'], comment: stars >= 4 ? '谢谢志愿者' : '还是会跳闸' });
  }
  await playForgottenCheckOuts(ports, now);
  // Three months of grid councils, their work orders among the orders above.
  await playCouncilStory(ports, now);
  // Two quarters of 六有 checks in the street: one scored, one under review with a returned item and its task.
  await playLiuyouStory(ports, now);
  // Let the clocks, the 7-day auto-close and the forgotten check-outs catch up to now.
  await runTick(ports, new Date(now).toISOString());
  ports.clock.set(null);
  return posted;
}
