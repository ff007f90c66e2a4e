import { crc32, deflateSync } from 'node:zlib';
import type { LocalClock } from '../cloudfunctions/_core/adapters/clock';
import type { Ports } from '../cloudfunctions/_core/ports';
import { runCall, type FunctionDefinition } from '../cloudfunctions/_core/pipeline';
import type { Doc } from '../cloudfunctions/_core/ports/store';
import { liuyouFunction } from '../cloudfunctions/liuyou/liuyou.function';
import { serviceFunction } from '../cloudfunctions/service/service.function';
import { stationsFunction } from '../cloudfunctions/stations/stations.function';
import { addDays, beijingDate, beijingInstant } from '../shared/kernel/time';
import { checkIdOf } from '../shared/liuyou/check.factory';
import { periodMonths, periodOf, periodRange, previousPeriod } from '../shared/liuyou/period';
import { DEFAULT_ITEMS, DEFAULT_THRESHOLDS, type ItemDef } from '../shared/liuyou/template';
import { encodePayload, minuteOf } from '../shared/stations/codes';
import { PERSONAS, SEED_AT } from './demo-data';

/**
 * Two quarters of 六有 checks in 红星街道, played through the real handlers at past instants after the
 * council story, so the matrix, the trend, the review and the 整改任务 pages open on something:
 *
 * - Last quarter, before it was checked: duty turns at 幸福里党群服务站 and hand-entered hours of
 *   幸福里's volunteers approved by its admin — what the automatic items count.
 * - ~30 days ago the street published its own version of the checklist, its targets sized to a
 *   street of two communities and a 集中居住区 (the default's are a large community's).
 * - Last quarter's checks, done ~3–4 weeks ago: 幸福里社区 filled every item with photos, notes and
 *   figures and was scored green; 和平新村社区 left gaps (no covenant, no ledger, no office) and was
 *   scored lower, its ledger item failed with a 整改任务 that is now overdue.
 * - This quarter: 幸福里 submitted ~6 days ago, the street returned its 网格巡查 item ~4 days ago and
 *   gave the grid leader 李建国 a task due in three days; 和平新村 submitted ~3 days ago and waits
 *   for review; 柳湾集中居住区 (the settlement) is filling its first check.
 *
 * Every step happens at a past instant (never after `now`), in Beijing office hours where the
 * calendar allows; the checks' steps come after the seed's grants (`SEED_AT`), as the grid-leader
 * item counts leaders in place at the time.
 */

type Json = any;

export interface LiuyouStory {
  checks: number;
  tasks: number;
  calls: number;
}

/** A small real PNG of one colour, `w`×`h`: evidence photos that a page can show. */
export function solidPng(w: number, h: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const PHOTOS = {
  red: solidPng(64, 48, [200, 22, 29]).toString('base64'),
  warm: solidPng(64, 48, [240, 200, 160]).toString('base64'),
  green: solidPng(64, 48, [120, 170, 110]).toString('base64'),
};

/** The street's own targets: a street of two communities and a settlement, not a large community. */
const STREET_TARGETS: Record<string, number> = {
  'manage.gridLeaders': 100,
  'people.workers': 6,
  'people.volunteers': 8,
  'people.teams': 2,
  'people.elderTeams': 2,
  'place.dutyHours': 15,
  'rules.meetings': 1,
  'rules.decisions': 1,
  'grid.inspections': 6,
  'grid.insideGrid': 80,
};

type Plan = 'full' | 'gaps' | 'partial';

/** What a community puts in for an item: the answer or number, and its evidence (photo or note). */
function answerOf(item: ItemDef, plan: Plan, n: number): { fill: Json | null; evidence: { kind: 'photo' | 'note'; text: string } | null } | null {
  const gap = plan === 'gaps' && ['rules.covenant', 'place.office', 'funds.ledger', 'funds.social', 'people.elderTeams', 'grid.inspections'].includes(item.id);
  if (plan === 'partial' && n % 3 === 2) return null;
  const photo = ['place.station', 'place.office', 'place.multiUse', 'people.elderTeams', 'grid.inspections', 'rules.covenant'].includes(item.id);
  const evidence = item.evidenceRequired || item.kind === 'evidence' ? { kind: photo ? ('photo' as const) : ('note' as const), text: noteOf(item) } : null;
  if (item.kind === 'yesno') return { fill: { answer: !gap }, evidence: gap ? null : evidence };
  if (item.kind === 'count')
    return { fill: { value: gap ? Math.max(0, (item.target ?? 2) - 4) : (item.target ?? 1) + (n % 2) }, evidence: gap && item.id === 'grid.inspections' ? null : evidence };
  // Evidence items: a gap answers 无.
  return gap ? { fill: { answer: false }, evidence: null } : { fill: null, evidence: evidence ?? { kind: 'note', text: noteOf(item) } };
}

function noteOf(item: ItemDef): string {
  const notes: Record<string, string> = {
    'manage.partyOrg': '居民区党支部已于 2025 年换届，支部委员 5 人，名单已公示',
    'manage.propertyParty': '物业公司党支部隶属街道物业行业党委，派驻党建指导员 1 名',
    'manage.plan': '“四美社区·共同缔造”年度计划已经社区党委会审议通过',
    'people.propertyTeam': '物业服务合同在有效期内，服务团队 12 人',
    'people.elderTeams': '老党员志愿服务队、银发护绿队活动照片',
    'place.station': '党群服务站挂牌，开放时间在门口公示',
    'place.office': '共建办公室设在服务站二楼',
    'place.multiUse': '活动室白天做老年课堂，晚上做议事厅',
    'rules.fiveCo': '“五共”工作制度及议事规则，已上墙公示',
    'rules.covenant': '居民公约经居民代表会议表决通过，张贴在各楼栋',
    'funds.budget': '区财政共建资金拨付文件',
    'funds.ledger': '本季度共建资金收支台账，已在公开栏公示',
    'grid.drawn': '网格划分图及网格清单',
    'grid.inspections': '网格员巡查记录（每周两次）',
  };
  return notes[item.id] ?? '情况属实，材料已留存备查';
}

export async function playLiuyouStory(ports: Ports & { clock: LocalClock }, now = Date.now()): Promise<LiuyouStory> {
  const story: LiuyouStory = { checks: 0, tasks: 0, calls: 0 };
  const today = beijingDate(now);
  const latest = now - 60_000;
  let last = 0;
  /** Moves the clock to an instant, never after now and never before the last step (a compressed calendar keeps the order). */
  const set = (at: string | number) => {
    const t = Math.min(latest, Math.max(typeof at === 'number' ? at : Date.parse(at), last + 1000));
    last = t;
    ports.clock.set(new Date(t).toISOString());
  };
  /** `daysAgo` days before today at `minute` (Beijing), and not before `floor`. */
  const day = (daysAgo: number, minute: number, floor = 0) => Math.max(Date.parse(beijingInstant(addDays(today, -daysAgo), minute)), floor);
  const run = async (fn: FunctionDefinition, openid: string, action: string, payload: unknown): Promise<Json> => {
    story.calls++;
    const res = await runCall(fn, ports, { action, payload }, { persona: openid });
    if (!res.ok) throw new Error(`liuyou story: ${action} by ${openid} at ${ports.clock.now()} failed: ${res.error.code} ${res.error.field ?? ''}`);
    return res.data;
  };
  const liuyou = (openid: string, action: string, payload: unknown) => run(liuyouFunction, openid, action, payload);
  const userOf = async (openid: string) => (await ports.store.find<Doc & { name: string }>('users', { openid }, { limit: 1 }))[0]!;

  const current = periodOf('quarter', now);
  const previous = previousPeriod(current);
  const currentFrom = Date.parse(periodRange(current).from);
  // The checks' steps follow the seed's grants (grid leaders in place from then on).
  const granted = Date.parse(SEED_AT) + 86_400_000;
  const admin1 = PERSONAS.communityAdmin;
  const admin2 = 'demo-communityadmin-002';
  const street = PERSONAS.streetAdmin;
  const leader = PERSONAS.gridLeader;

  // ---- last quarter's records: duty turns and approved hours of 幸福里's volunteers -----------------------

  const volunteers = (
    await ports.store.find<Doc & { userId: string; role: string }>(
      'memberships',
      { 'path.communityId': 'cm01', role: 'volunteer' },
      {
        sort: [['grantedAt', 1]],
        limit: 200,
      },
    )
  ).map((m) => m.userId);
  const seeded = (await ports.store.find<Doc & { openid: string }>('users', { _id: { $in: volunteers } }, { limit: 200 }))
    .map((u) => u.openid)
    .filter((o) => o.startsWith('seed-volunteer-'))
    .sort();
  const months = periodMonths(previous);
  // Saved for the clock: these steps are in the quarter before, whatever the calendar says now.
  const atQuarter = (month: string, dayOfMonth: number, minute: number) => Date.parse(beijingInstant(`${month}-${String(dayOfMonth).padStart(2, '0')}`, minute));
  const scene = (at: number) => ports.qr.sign(encodePayload({ kind: 'checkin', stationId: 'cm01-sta1', minute: minuteOf(new Date(at).toISOString()) }));
  for (const [i, month] of months.entries()) {
    for (const [k, dom] of [9, 23].entries()) {
      const who = seeded[(i * 2 + k) % Math.max(1, seeded.length)];
      if (!who) continue;
      const start = atQuarter(month, dom, 9 * 60);
      set(start);
      await run(stationsFunction, who, 'checkIn', { scene: scene(start) });
      const end = start + 3 * 3600_000;
      set(end);
      await run(stationsFunction, who, 'checkOut', { scene: scene(end) });
    }
  }
  const tasksDone = ['社区垃圾分类宣传', '陪同独居老人就医', '清理楼道小广告', '帮助老人学用智能手机', '雨后清理小区积水'];
  for (const [i, who] of seeded.slice(0, 9).entries()) {
    const month = months[i % months.length]!;
    const date = `${month}-${String(12 + (i % 10)).padStart(2, '0')}`;
    set(atQuarter(month, 12 + (i % 10), 18 * 60));
    const entry = (await run(serviceFunction, who, 'submitHours', { date, hours: 2 + (i % 3), description: tasksDone[i % tasksDone.length]! })).entry;
    set(Date.parse(beijingInstant(addDays(date, 1), 10 * 60)));
    await run(serviceFunction, admin1, 'reviewHours', { entryId: entry.id, approve: true, note: '' });
  }

  // ---- the street's own version of the checklist -------------------------------------------------------

  set(day(30, 9 * 60 + 30, granted));
  const items = DEFAULT_ITEMS.map((i) => ({ ...i, target: i.id in STREET_TARGETS ? STREET_TARGETS[i.id]! : i.target }));
  await liuyou(street, 'publishTemplate', {
    streetId: 'st01',
    name: '红星街道“六有”机制建设清单',
    periodKind: 'quarter',
    thresholds: DEFAULT_THRESHOLDS,
    items,
    note: '按本街道两个社区、一个集中居住区的规模调整了目标数',
  });

  // ---- the checks ----------------------------------------------------------------------------------------

  // The checks copy the street's version just published.
  const defs: readonly ItemDef[] = items;
  const evidenceOf = async (who: string, checkId: string, item: ItemDef, e: { kind: 'photo' | 'note'; text: string }, n: number) => {
    if (e.kind === 'note') return liuyou(who, 'addEvidence', { checkId, itemId: item.id, kind: 'note', text: e.text });
    const data = [PHOTOS.red, PHOTOS.warm, PHOTOS.green][n % 3]!;
    return liuyou(who, 'addEvidence', { checkId, itemId: item.id, kind: 'photo', text: e.text, file: { contentType: 'image/png', name: '', dataBase64: data } });
  };
  /** A community fills its check item by item, two minutes apart; grid items by the grid leader when there is one. */
  const fillCheck = async (admin: string, gridLeader: string | null, communityId: string, period: string, plan: Plan, from: number) => {
    set(from);
    await liuyou(admin, 'startCheck', { communityId, period });
    story.checks++;
    const checkId = checkIdOf(communityId, period);
    for (const [n, item] of defs.entries()) {
      if (item.auto) continue;
      const a = answerOf(item, plan, n);
      if (!a) continue;
      const who = item.mechanism === 'grid' && gridLeader ? gridLeader : admin;
      set(from + (n + 1) * 120_000);
      if (a.fill) await liuyou(who, 'fill', { checkId, itemId: item.id, ...a.fill });
      if (a.evidence) await evidenceOf(who, checkId, item, a.evidence, n);
    }
    return checkId;
  };
  /** The street reviews every item: approved, unless `verdicts` says otherwise. */
  const reviewCheck = async (checkId: string, at: number, verdicts: Record<string, { verdict: 'returned' | 'failed'; comment: string }> = {}) => {
    for (const [n, item] of defs.entries()) {
      set(at + n * 30_000);
      const v = verdicts[item.id];
      await liuyou(street, 'review', { checkId, itemId: item.id, verdict: v?.verdict ?? 'approved', comment: v?.comment ?? '' });
    }
    set(at + defs.length * 30_000 + 60_000);
    return liuyou(street, 'finishReview', { checkId });
  };
  const taskFor = async (by: string, checkId: string, itemId: string, ownerOpenid: string, dueDate: string, note: string) => {
    const owner = await userOf(ownerOpenid);
    await liuyou(by, 'createTask', { checkId, itemId, ownerId: owner._id, dueDate, note });
    story.tasks++;
  };

  // Last quarter: 幸福里 complete and scored green; 和平新村 with gaps, scored lower, its ledger failed.
  const prev1 = await fillCheck(admin1, leader, 'cm01', previous, 'full', day(27, 9 * 60, granted));
  set(day(26, 16 * 60, granted));
  await liuyou(admin1, 'submit', { checkId: prev1 });
  const prev2 = await fillCheck(admin2, 'seed-gridleader-cm02-gd1', 'cm02', previous, 'gaps', day(26, 9 * 60 + 30, granted));
  set(day(25, 17 * 60, granted));
  await liuyou(admin2, 'submit', { checkId: prev2 });
  await reviewCheck(prev1, day(22, 9 * 60, granted));
  await reviewCheck(prev2, day(22, 14 * 60, granted), {
    'funds.ledger': { verdict: 'failed', comment: '未见本季度资金使用台账，请建立台账并公示' },
    'rules.covenant': { verdict: 'failed', comment: '居民公约尚未制定' },
  });
  // Due ten days after the review: overdue by now, and its owner reminded.
  await taskFor(street, prev2, 'funds.ledger', admin2, addDays(beijingDate(ports.clock.now()), 10), '建立共建资金收支台账，在公开栏公示');

  // This quarter: 幸福里 submitted, one item returned with a task for the grid leader; 和平新村 waiting.
  // (In its first hours there is no time for a quarter's story yet.)
  if (latest < currentFrom + 2 * 3600_000) return story;
  const start = (daysAgo: number, minute: number) => day(daysAgo, minute, Math.max(granted, currentFrom + 9 * 3600_000));
  const cur1 = await fillCheck(admin1, leader, 'cm01', current, 'full', start(9, 9 * 60));
  set(start(6, 16 * 60));
  await liuyou(admin1, 'submit', { checkId: cur1 });
  await reviewCheck(cur1, start(4, 9 * 60), { 'grid.inspections': { verdict: 'returned', comment: '巡查记录缺少本月的，请补充并附照片' } });
  set(start(4, 10 * 60));
  await taskFor(street, cur1, 'grid.inspections', leader, addDays(today, 3), '补充本月网格巡查记录和照片');
  const cur2 = await fillCheck(admin2, 'seed-gridleader-cm02-gd1', 'cm02', current, 'full', start(5, 9 * 60 + 30));
  set(start(3, 16 * 60));
  await liuyou(admin2, 'submit', { checkId: cur2 });

  // 柳湾集中居住区, where there is one: its first check being filled.
  if (await ports.store.get('nodes', 'ss01')) await fillCheck(PERSONAS.settlementAdmin, 'seed-gridleader-ss01-gd1', 'ss01', current, 'partial', start(2, 9 * 60 + 30));
  return story;
}
