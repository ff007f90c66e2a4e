import type { Ports } from '../cloudfunctions/_core/ports';
import type { Doc, TxOp } from '../cloudfunctions/_core/ports/store';
import { rebuildRollups, type RebuildReport } from '../cloudfunctions/_core/rollups';
// Every rule, so a rebuild counts every kind of record.
import '../shared/rollups.catalog';
import { runLifecycle, type TimelineLine } from '../shared/kernel/lifecycle';
import { beijingInstant, beijingMonth } from '../shared/kernel/time';
import { monthMinus } from '../shared/dashboard/period';
import type { GovernanceModel } from '../shared/compounds/labels';
import { quarterMonths, quarterOfMonth, surveyQuestions } from '../shared/compounds/survey';
import { CATEGORY_RULES, type Category } from '../shared/orders/categories';
import { clockOutcome } from '../shared/orders/escalation';
import { newOrder, postedLine } from '../shared/orders/order.factory';
import { AUTO_CLOSE_DAYS, orderLifecycle, type OrderContext, type OrderStep, type VolunteerRecord } from '../shared/orders/order.lifecycle';
import type { TerritoryNode } from '../shared/territory/territory.schema';
import { PERSONAS, type DemoData, mulberry32 } from './demo-data';

/**
 * A year of history for the demo street, so its charts mean something: the twelve Beijing months
 * before the month the demo is seeded in (the ten-day story and "this month" stay as they are), for
 * every grid of the street. Each order is made by the factory (`newOrder`) and moved through the
 * real lifecycle (`runLifecycle` with `orderLifecycle`), one step at a time at its own instant, so its
 * fields are a state the lifecycle can reach; its timeline and the service-record entries of the
 * closed ones are the lifecycle's own. Every order ends closed or withdrawn: no queue, clock or
 * offer of the story changes.
 *
 * Deterministic: a seeded generator, times from the demo clock (`now`), ids from the grid, month
 * and number. 水电维修 peaks in summer and winter, 环境卫生 after the Spring Festival, Labour Day
 * and National Day; most orders are resolved inside the grid, some are escalated by the leader or
 * by the clock (a breach), a few are rated badly and closed after review, some stay unrated (closed
 * after 7 days), some are withdrawn.
 *
 * The records are written directly (not through the writer), so `loadDemoYear` rebuilds the rollups
 * afterwards.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Orders a grid receives in a month of the year (1–12), before its own size: winter and summer are busier. */
const MONTH_VOLUME = [0, 1.2, 1.3, 0.9, 0.9, 1.0, 1.1, 1.3, 1.3, 1.0, 1.05, 1.0, 1.2];

/** How likely each category is in a month (1–12). */
function categoryWeights(month: number): [Category, number][] {
  const summer = month >= 6 && month <= 8;
  const winter = month === 12 || month <= 2;
  const afterHoliday = month === 2 ? 4 : month === 10 ? 3 : month === 5 ? 2 : 0;
  return [
    ['水电维修', 3 + (summer ? 4 : 0) + (winter ? 3 : 0)],
    ['家居小修', 2],
    ['环境卫生', 2 + afterHoliday],
    ['公共设施', 1.5],
    ['邻里纠纷', 1],
    ['养老助残', 1.2 + (winter ? 0.8 : 0)],
    ['代买代办', 1.5],
    ['政策咨询', 1.2],
    ['安全隐患', 0.6 + (winter ? 0.4 : 0)],
    ['其他', 0.5],
  ];
}

const TEXTS: Record<Category, readonly string[]> = {
  水电维修: ['卫生间水管漏水', '家里总跳闸', '热水器不出热水', '厨房下水道堵了', '水龙头关不紧'],
  家居小修: ['门锁坏了', '晾衣架摇不动', '柜门合页松了', '纱窗破了'],
  环境卫生: ['楼道堆了很多纸箱', '节后垃圾没人清', '绿化带里有垃圾', '单元门口有积水和垃圾'],
  公共设施: ['路灯不亮', '健身器材坏了', '单元门禁失灵', '楼道灯不亮'],
  邻里纠纷: ['楼上噪音太大', '邻居占用楼道', '漏水到楼下'],
  养老助残: ['独居老人想有人看看', '想请人陪同就医', '老人需要助餐'],
  代买代办: ['帮忙买降压药', '帮忙代缴水电费', '帮忙买菜'],
  政策咨询: ['高龄津贴怎么申请', '医保怎么转移', '居住证怎么办'],
  安全隐患: ['楼下有人飞线充电', '消防通道被堵', '外墙有瓷砖松动'],
  其他: ['想咨询社区活动', '捡到一个钱包'],
};

interface Person {
  id: string;
  name: string;
}

/** What the history needs of the demo, per grid: its residents' homes, its volunteers and its leaders. */
interface GridCast {
  grid: TerritoryNode & Doc;
  residents: { user: DemoData['users'][number]; building: TerritoryNode & Doc }[];
  volunteers: VolunteerRecord[];
  leader: Person;
  communityLeader: Person;
  label: (building: TerritoryNode) => string;
}

function castOf(data: DemoData): GridCast[] {
  const nodes = new Map(data.nodes.map((n) => [n._id, n]));
  const personas = new Set<string>(Object.values(PERSONAS));
  const users = new Map(data.users.map((u) => [u._id, u]));
  const holder = (role: string, nodeId: string): Person | null => {
    const m = data.memberships.find((x) => x.role === role && x.nodeId === nodeId);
    const u = m ? users.get(m.userId) : undefined;
    return u ? { id: u._id, name: u.name } : null;
  };
  const street = data.nodes.find((n) => n.kind === 'street')!;
  const streetLeader = holder('streetAdmin', street._id)!;
  // The personas' own pages stay as the story left them: history is posted and served by others.
  const volunteersOf = (gridId: string) => data.volunteers.filter((v) => v.gridId === gridId && !personas.has(users.get(v.userId)?.openid ?? '')).map((v) => v as VolunteerRecord);
  const everyVolunteer = data.volunteers.filter((v) => !personas.has(users.get(v.userId)?.openid ?? '')).map((v) => v as VolunteerRecord);
  return data.nodes
    .filter((n) => n.kind === 'grid' && n.path.streetId === street._id)
    .map((grid) => {
      const community = nodes.get(grid.path.communityId!)!;
      const residents = data.users
        .filter((u) => u.home?.path.gridId === grid._id && !personas.has(u.openid) && !data.memberships.some((m) => m.userId === u._id))
        .map((user) => ({ user, building: nodes.get(user.home!.buildingId)! }));
      const own = volunteersOf(grid._id);
      return {
        grid,
        residents,
        // A grid without volunteers of its own (the settlement's) is served by the street's.
        volunteers: own.length > 0 ? own : everyVolunteer,
        leader: holder('gridLeader', grid._id) ?? holder('communityAdmin', community._id) ?? streetLeader,
        communityLeader: holder('communityAdmin', community._id) ?? streetLeader,
        label: (b: TerritoryNode) => `${community.name} › ${grid.name} › ${b.name}`,
      };
    })
    .filter((c) => c.residents.length > 0);
}

export interface DemoYear {
  ops: TxOp[];
  orders: number;
  months: string[];
}

/** The year's records as insert operations: orders, their timelines and service-record entries. */
export function demoYearInserts(data: DemoData, now: number, photo: string): DemoYear {
  const rnd = mulberry32(20251201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = <T>(ws: readonly [T, number][]): T => {
    let r = rnd() * ws.reduce((n, [, w]) => n + w, 0);
    for (const [v, w] of ws) if ((r -= w) < 0) return v;
    return ws[ws.length - 1]![0];
  };
  const thisMonth = beijingMonth(new Date(now).toISOString());
  const months = Array.from({ length: 12 }, (_, i) => monthMinus(thisMonth, 12 - i));
  const cast = castOf(data);
  const ops: TxOp[] = [];
  let orders = 0;
  let lineSeq = 0;

  for (const [gi, c] of cast.entries()) {
    // Bigger grids post more; the settlement's single grid fewer.
    const size = 5 + (gi % 3) * 2 + Math.min(4, Math.floor(c.residents.length / 12));
    for (const month of months) {
      const m = Number(month.slice(5));
      const start = Date.parse(beijingInstant(`${month}-01`));
      const end = Date.parse(beijingInstant(`${monthMinus(month, -1)}-01`));
      // The last month's orders are done before this month starts, whatever day the demo is seeded.
      const lastDay = month === months[months.length - 1] ? 14 : Math.round((end - start) / DAY);
      const count = Math.max(1, Math.round(size * MONTH_VOLUME[m]! * (0.8 + rnd() * 0.4)));
      for (let n = 0; n < count; n++) {
        const { user, building } = pick(c.residents);
        const category = weighted(categoryWeights(m));
        // Between 8:00 and 20:00 in Beijing (`start` is a Beijing midnight).
        const postedAt = start + Math.floor(rnd() * lastDay) * DAY + (8 * 60 + Math.floor(rnd() * 12 * 60)) * MINUTE;
        let at = postedAt;
        let order = newOrder({
          posterId: user._id,
          postedBy: user._id,
          clientKey: `demo-year-${c.grid._id}-${month}-${n}`,
          category,
          description: pick(TEXTS[category]),
          photos: [],
          urgency: 'normal',
          preferredTime: null,
          building,
          placeLabel: c.label(building),
          room: user.home?.room ?? null,
          point: null,
          contact: { name: user.name, phone: user.phone ?? null },
          onBehalf: false,
          now: new Date(at).toISOString(),
        });
        const lines: { at: number; by: Person | null; line: TimelineLine }[] = [{ at, by: { id: user._id, name: user.name }, line: postedLine(category, false) }];
        const writes: TxOp[] = [];
        /** One step of the lifecycle at `at`, by `by`; a refusal is a bug in this generator. */
        const step = (s: OrderStep, by: Person | null, volunteers: OrderContext['volunteers'] = {}) => {
          const x: OrderContext = { now: new Date(at).toISOString(), by, volunteers };
          const run = runLifecycle(orderLifecycle, order, [s], x);
          if (!run.ok) throw new Error(`demo year: ${s.type} refused in ${order.state} (${run.refusal.code})`);
          order = run.change.after;
          for (const line of run.change.timeline) lines.push({ at, by, line });
          // Only the records a closed order leaves (its service entry); the volunteers' counters are today's.
          for (const w of run.change.writes) if (w.op === 'insert' && w.collection === 'service_records') writes.push({ op: 'insert', collection: w.collection, doc: w.doc });
        };
        const later = (minutes: number) => (at += Math.round(minutes) * MINUTE);
        const volunteer = () => pick(c.volunteers);
        const asPerson = (v: VolunteerRecord): Person => ({ id: v._id, name: v.name });
        const offerTo = (v: VolunteerRecord) => step({ type: 'offer', volunteerId: v._id, score: Math.round(60 + rnd() * 35), reason: '擅长此类事项、同网格、近期接单少' }, null);
        const byHand = (v: VolunteerRecord, leader: Person) => step({ type: 'dispatchByHand', volunteerId: v._id, volunteerName: v.name }, leader);
        const work = (v: VolunteerRecord) => {
          later(5 + rnd() * 40);
          step({ type: 'accept' }, asPerson(v), { [v._id]: v });
          later(40 + rnd() * (rnd() < 0.2 ? 1800 : 300));
          step({ type: 'resolve', note: '已上门处理完毕', photos: CATEGORY_RULES[category].photoOnResolve ? [photo] : [] }, asPerson(v), { [v._id]: v });
        };
        const leaderAt = () => (order.level === 'grid' ? c.leader : order.level === 'community' ? c.communityLeader : c.communityLeader);

        const fate = rnd();
        const first = volunteer();
        if (category === '邻里纠纷') {
          // Disputes go to the grid leader first, who asks a volunteer to help.
          step({ type: 'noCandidate', reason: '邻里纠纷由网格长协调' }, null);
          later(60 + rnd() * 600);
          byHand(first, c.leader);
        } else offerTo(first);

        if (fate < 0.05) {
          // Withdrawn by the resident before anyone came.
          later(10 + rnd() * 120);
          step({ type: 'cancel', reason: pick(['问题已自行解决', '家人已经修好了', '发错了']) }, { id: user._id, name: user.name });
        } else {
          let v = first;
          if (fate < 0.15 && order.state === 'offered') {
            // The first volunteer declines; the platform offers the next.
            later(5 + rnd() * 20);
            step({ type: 'decline', reason: '今天不在家' }, asPerson(first));
            v = c.volunteers.find((x) => x._id !== first._id) ?? first;
            offerTo(v);
          } else if (fate < 0.25 && order.state === 'offered') {
            // Nobody answered in time: the grid's clock ran out and the community took it (a breach).
            const clockAt = Date.parse(order.levelDeadline) + (30 + rnd() * 600) * MINUTE;
            step({ type: 'expireOffer' }, null);
            step({ type: 'noCandidate', reason: '暂无合适的志愿者', keepReason: true }, null);
            at = clockAt;
            const outcome = clockOutcome(order, new Date(at).toISOString());
            if (outcome) step({ type: 'clock', outcome }, null);
            later(30 + rnd() * 240);
            byHand(v, leaderAt());
          } else if (fate < 0.37 && order.state === 'offered') {
            // The grid leader hands it up: it needs the community (and now and then the street).
            later(30 + rnd() * 300);
            step({ type: 'escalate', reason: pick(['需要社区协调物业', '涉及公共维修资金', '需要社区协调供电部门']), cause: 'leader' }, c.leader);
            if (rnd() < 0.25) {
              later(60 + rnd() * 600);
              step({ type: 'escalate', reason: '需要街道协调相关部门', cause: 'leader' }, c.communityLeader);
            } else if (rnd() < 0.2) {
              later(60 + rnd() * 300);
              step({ type: 'sendBack', reason: '已协调好，请网格跟进' }, c.communityLeader);
            }
            later(30 + rnd() * 300);
            byHand(v, leaderAt());
          }
          work(v);
          const r = rnd();
          if (r < 0.12) {
            // Nobody rated it: it closes itself after 7 days, as 未评价.
            at = Date.parse(order.resolvedAt!) + AUTO_CLOSE_DAYS * DAY;
            step({ type: 'autoClose' }, null);
          } else if (r < 0.17) {
            // A bad rating: back to the leader, who reviews it and closes it.
            later(60 + rnd() * 1200);
            step({ type: 'rate', stars: pick([1, 2, 2]), tags: ['没有解决'], comment: '还是有问题' }, { id: user._id, name: user.name });
            later(120 + rnd() * 1200);
            step({ type: 'closeAfterReview', reason: '已回访，问题已解决' }, leaderAt());
          } else {
            later(60 + rnd() * 1200);
            const stars = weighted<number>([
              [5, 65],
              [4, 28],
              [3, 7],
            ]);
            step({ type: 'rate', stars, tags: stars >= 4 ? ['上门及时', '态度热情'] : [], comment: stars >= 4 ? '谢谢志愿者' : '' }, { id: user._id, name: user.name });
          }
        }
        if (at >= now) throw new Error(`demo year: an order of ${month} ends after the demo's now`);
        orders++;
        ops.push({ op: 'insert', collection: 'orders', doc: order as unknown as Doc });
        for (const l of lines)
          ops.push({
            op: 'insert',
            collection: 'order_events',
            doc: {
              _id: `oev_year_${String(++lineSeq).padStart(6, '0')}`,
              orderId: order._id,
              at: new Date(l.at).toISOString(),
              actorId: l.by?.id ?? null,
              actorLabel: l.by?.name ?? '平台',
              kind: l.line.kind,
              text: l.line.text,
              leadersOnly: l.line.leadersOnly ?? false,
            },
          });
        ops.push(...writes);
      }
    }
  }
  ops.push(...surveyHistory(data, months, rnd));
  return { ops, orders, months };
}

/**
 * 物业服务季度评价 of the past quarters inside the year: in each compound, between four and seven in
 * ten of the people who live there answer in the quarter's last month. 幸福花园's property company
 * gets better after its first 三方联席会 (each quarter's mean overall score a little higher); the old
 * compound's party branch stays steady. Written directly; the rebuild counts them.
 */
function surveyHistory(data: DemoData, months: readonly string[], rnd: () => number): TxOp[] {
  const ops: TxOp[] = [];
  const quarters = [...new Set(months.map(quarterOfMonth))].filter((q) => quarterMonths(q).every((m) => months.includes(m)));
  const score = (mean: number) => Math.max(1, Math.min(5, Math.round(mean + (rnd() - 0.5) * 2.6)));
  for (const compound of data.nodes.filter((n) => n.kind === 'compound') as (TerritoryNode & Doc & { model: GovernanceModel })[]) {
    const people = data.users.filter((u) => u.home?.path.compoundId === compound._id);
    quarters.forEach((quarter, qi) => {
      const mean = compound.model === '1+3' ? 2.9 + qi * 0.35 : 3.6;
      const last = quarterMonths(quarter)[2]!;
      for (const person of people) {
        if (rnd() > 0.4 + rnd() * 0.3) continue;
        const at = new Date(Date.parse(beijingInstant(`${last}-01`)) + Math.floor(rnd() * 27) * DAY + (9 + Math.floor(rnd() * 10)) * 3_600_000).toISOString();
        const scores = Object.fromEntries(surveyQuestions(compound.model).map((q) => [q.key, score(q.key === 'fees' ? mean - 0.4 : mean)]));
        ops.push({
          op: 'insert',
          collection: 'compound_surveys',
          doc: {
            _id: `csv_${quarter}_${compound._id}_${person._id}`,
            compoundId: compound._id,
            compoundName: compound.name,
            quarter,
            userId: person._id,
            path: compound.path,
            scores,
            comment: null,
            at,
            updatedAt: at,
            version: 1,
          },
        });
      }
    });
  }
  return ops;
}

/** The photo of a result the history's resolutions show (a category that needs one): one small file. */
const RESULT_PHOTO = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);

/**
 * Loads the year into a seeded demo store, a few hundred records per transaction, then rebuilds the
 * rollups from the records (they were written around the writer). Returns the orders written and the
 * rebuild's report.
 */
export async function loadDemoYear(ports: Pick<Ports, 'store' | 'files'>, data: DemoData, now: number): Promise<{ orders: number; months: string[]; rollups: RebuildReport }> {
  const store = ports.store;
  const photo = await ports.files.put('photos/demo-year/result.png', RESULT_PHOTO, 'image/png');
  const year = demoYearInserts(data, now, photo.fileId);
  for (let i = 0; i < year.ops.length; i += 500) {
    const result = await store.transact(year.ops.slice(i, i + 500));
    if (!result.ok) throw new Error(`demo year: loading failed at operation ${i + result.index}: ${result.reason}`);
  }
  return { orders: year.orders, months: year.months, rollups: await rebuildRollups(store) };
}
