import type { Membership, User, VolunteerProfile } from '../shared/accounts/accounts.schema';
import type { GrantedRole } from '../shared/accounts/roles';
import { childPath } from '../shared/territory/territory.domain';
import type { NodeKind, TerritoryNode } from '../shared/territory/territory.schema';
import type { Doc, TxOp } from '../cloudfunctions/_core/ports/store';
import type { VolunteerDoc } from '../shared/orders/orders.schema';
import { volunteerProfileDoc } from '../shared/orders/volunteer';
import type { PersonaNote } from '../shared/accounts/persona';

/**
 * The demo: one street, two communities and a rural 集中居住区 (settlement), seven grids, two stations,
 * ~200 residents, ~40 volunteers, grid leaders and admins. Deterministic: the same seed gives the same
 * documents, byte for byte. The settlement and its people come after everything else, so the ids,
 * names and phones of the rest are what they were before it was added.
 */
export const SEED_AT = '2026-11-01T00:00:00.000Z';

/** Openids of the demo personas the local persona switcher offers. */
export const PERSONAS = {
  resident: 'demo-resident-001',
  residentYoung: 'demo-resident-002',
  volunteer: 'demo-volunteer-001',
  inService: 'demo-volunteer-002',
  gridLeader: 'demo-gridleader-001',
  communityAdmin: 'demo-communityadmin-001',
  streetAdmin: 'demo-streetadmin-001',
  police: 'demo-police-001',
  settlementAdmin: 'demo-settlementadmin-001',
  property: 'demo-property-001',
} as const;

/** What the switcher and `npm start` say about each persona beyond their data: an age, and what to try. */
export const PERSONA_NOTES: Record<keyof typeof PERSONAS, PersonaNote> = {
  resident: { about: '72 岁', purpose: '长辈版大字：报事、看进展、评价（她的门锁正等志愿者接单）' },
  residentYoung: { purpose: '普通居民：报事、留言、撤回' },
  volunteer: { purpose: '党员志愿者：派给他的事在首页最先显示（带倒计时）、接单、上门办结；一三五上午值班' },
  inService: { purpose: '双报到：服务记录与星级、自行填报时长、单位报告；周六上午值班' },
  gridLeader: { purpose: '网格长：首页看今天要办的数，人工派单、差评复核、上报；扫码签到、为居民代办' },
  communityAdmin: { purpose: '社区书记：网格上报的事、回派、审核时长、邀请码、数据看板' },
  streetAdmin: { purpose: '街道：全街道的数据、上报到街道的事、给社区授权' },
  police: { purpose: '社区民警：有角色但不处理事项，看服务站、报事' },
  settlementAdmin: { purpose: '农村集中居住区书记：柳湾集中居住区像社区一样接网格上报的事、看数据、发邀请码' },
  property: { purpose: '物业客服：幸福花园（1+3 小区）的物业服务中心，接责任清单派给物业的事' },
};

/** A seeded PRNG (mulberry32): the demo data, its year of history and the benchmarks are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓萧冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱施牛洪龚';
const GIVEN = [
  '桂英',
  '秀兰',
  '建国',
  '志强',
  '丽华',
  '国庆',
  '海燕',
  '卫东',
  '淑珍',
  '玉梅',
  '建华',
  '明',
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '军',
  '涛',
  '超',
  '霞',
  '平',
  '刚',
  '红梅',
  '德明',
  '凤英',
  '春生',
  '秋菊',
  '文华',
  '晓东',
  '子涵',
  '雨桐',
  '浩然',
  '欣怡',
  '宇轩',
];
const SKILLS = ['水电维修', '家居小修', '环境卫生', '公共设施', '邻里纠纷', '养老助残', '代买代办', '政策咨询', '安全隐患'];
const WORK_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['市供电公司', '市供电公司机关党支部'],
  ['区人民医院', '区人民医院第二党支部'],
  ['区实验小学', '区实验小学党支部'],
  ['区税务局', '区税务局第一党支部'],
  ['市自来水公司', '市自来水公司营业所党支部'],
];

export interface DemoData {
  nodes: (TerritoryNode & Doc)[];
  users: (User & Doc)[];
  memberships: (Membership & Doc)[];
  volunteers: (VolunteerDoc & Doc)[];
  meta: Doc[];
}

export function buildDemoData(): DemoData {
  const rnd = mulberry32(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const nodes: (TerritoryNode & Doc)[] = [];
  const add = (n: Omit<TerritoryNode, 'version' | 'createdAt'>) => {
    const node = { ...n, version: 1, createdAt: SEED_AT } as TerritoryNode & Doc;
    nodes.push(node);
    return node;
  };
  const child = (parent: TerritoryNode, kind: Exclude<NodeKind, 'station'>, id: string, name: string, order: number) =>
    add({ _id: id, kind, name, parentId: parent._id, path: childPath(parent, kind, id), order });

  const street = add({ _id: 'st01', kind: 'street', name: '红星街道', parentId: null, path: { streetId: 'st01' }, order: 1 });
  const communityNames = ['幸福里社区', '和平新村社区'];
  const grids: TerritoryNode[] = [];
  const buildings: TerritoryNode[] = [];
  communityNames.forEach((cname, ci) => {
    const c = child(street, 'community', `cm0${ci + 1}`, cname, ci + 1);
    for (let gi = 1; gi <= 3; gi++) {
      const g = child(c, 'grid', `${c._id}-gd${gi}`, `${cname.replace('社区', '')}第${'一二三'[gi - 1]}网格`, gi);
      grids.push(g);
      for (let mi = 1; mi <= 2; mi++) {
        const m = child(g, 'microGrid', `${g._id}-mg${mi}`, `${gi}-${mi}微网格`, mi);
        for (let bi = 1; bi <= 4; bi++) {
          const n = (gi - 1) * 8 + (mi - 1) * 4 + bi;
          buildings.push(child(m, 'building', `${m._id}-bd${bi}`, `${n}栋`, bi));
        }
      }
    }
    add({
      _id: `${c._id}-sta1`,
      kind: 'station',
      name: `${cname.replace('社区', '')}党群服务站`,
      parentId: c._id,
      path: c.path,
      servesGridIds: grids.filter((g) => g.path.communityId === c._id).map((g) => g._id),
      address: ci === 0 ? '幸福路88号一楼' : '和平路12号社区中心',
      openingHours: '周一至周六 8:30-17:30',
      order: 100,
      // Structured hours (Beijing time) and a place on the map, for "open now" and "nearest".
      hours: { days: [1, 2, 3, 4, 5, 6], open: 510, close: 1050 },
      point: ci === 0 ? { lat: 30.5728, lng: 104.0668 } : { lat: 30.5801, lng: 104.0752 },
      roster: [],
    } as Omit<TerritoryNode, 'version' | 'createdAt'>);
  });

  // The street's other basic unit: a rural 集中居住区 at community level, one grid, one micro-grid and
  // its blocks. Kept out of `grids` and `buildings`, which the random people below are spread over.
  const settlement = child(street, 'settlement', 'ss01', '柳湾集中居住区', communityNames.length + 1);
  const settlementGrid = child(settlement, 'grid', 'ss01-gd1', '柳湾第一网格', 1);
  const settlementMicro = child(settlementGrid, 'microGrid', 'ss01-gd1-mg1', '1-1微网格', 1);
  const settlementBuildings = [1, 2, 3].map((bi) => child(settlementMicro, 'building', `${settlementMicro._id}-bd${bi}`, `${bi}栋`, bi));

  const users: (User & Doc)[] = [];
  const memberships: (Membership & Doc)[] = [];
  let phoneSeq = 0;
  const person = (openid: string, name: string, building: TerritoryNode, extra: Partial<User> = {}): User & Doc => {
    phoneSeq++;
    const user: User & Doc = {
      _id: `usr-${String(users.length + 1).padStart(4, '0')}`,
      openid,
      name,
      phone: `13${(phoneSeq % 9) + 1}${String(10_000_000 + Math.floor(rnd() * 89_999_999)).slice(0, 8)}`,
      phoneConsentAt: SEED_AT,
      home: { buildingId: building._id, room: `${1 + Math.floor(rnd() * 3)}-${1 + Math.floor(rnd() * 6)}0${1 + Math.floor(rnd() * 4)}`, path: building.path },
      largeText: false,
      createdAt: new Date(Date.parse(SEED_AT) + users.length * 60_000).toISOString(),
      updatedAt: SEED_AT,
      version: 1,
      ...extra,
    };
    users.push(user);
    return user;
  };
  const grant = (user: User, role: GrantedRole, node: TerritoryNode, grantedBy: string | null) => {
    memberships.push({
      _id: `${user._id}.${role}.${node._id}`,
      userId: user._id,
      role,
      nodeId: node._id,
      nodeKind: node.kind,
      path: node.path,
      grantedBy,
      inviteId: null,
      grantedAt: SEED_AT,
      version: 1,
    });
  };
  const randomName = () => `${pick(Array.from(SURNAMES))}${pick(GIVEN)}`;
  const buildingIn = (grid: TerritoryNode) => pick(buildings.filter((b) => b.path.gridId === grid._id));

  // The personas first, so their ids are stable and easy to find.
  const g1 = grids[0]!;
  const c1 = nodes.find((n) => n._id === 'cm01')!;
  const streetAdmin = person(PERSONAS.streetAdmin, '周卫东', buildingIn(g1));
  grant(streetAdmin, 'streetAdmin', street, null);
  const communityAdmin = person(PERSONAS.communityAdmin, '陈丽华', buildingIn(g1));
  grant(communityAdmin, 'communityAdmin', c1, streetAdmin._id);
  const gridLeader = person(PERSONAS.gridLeader, '李建国', buildingIn(g1));
  grant(gridLeader, 'gridLeader', g1, communityAdmin._id);
  person(PERSONAS.resident, '张桂英', buildings[0]!, { largeText: true });
  person(PERSONAS.residentYoung, '刘子涵', buildings[1]!);
  const vol: VolunteerProfile = { partyMember: true, inService: false, skills: ['水电维修', '家居小修'] };
  grant(person(PERSONAS.volunteer, '王志强', buildings[2]!, { volunteer: vol }), 'volunteer', g1, gridLeader._id);
  const inService: VolunteerProfile = { partyMember: true, inService: true, workUnit: WORK_UNITS[0]![0], partyBranch: WORK_UNITS[0]![1], skills: ['政策咨询', '代买代办'] };
  grant(person(PERSONAS.inService, '赵海燕', buildings[3]!, { volunteer: inService }), 'volunteer', g1, gridLeader._id);
  grant(person(PERSONAS.police, '孙磊', buildingIn(g1)), 'police', g1, communityAdmin._id);

  // Every other grid gets a leader; community 2 an admin.
  const c2 = nodes.find((n) => n._id === 'cm02')!;
  const admin2 = person('demo-communityadmin-002', randomName(), buildingIn(grids[3]!));
  grant(admin2, 'communityAdmin', c2, streetAdmin._id);
  for (const g of grids.slice(1)) {
    const leader = person(`seed-gridleader-${g._id}`, randomName(), buildingIn(g));
    grant(leader, 'gridLeader', g, g.path.communityId === 'cm01' ? communityAdmin._id : admin2._id);
    grant(person(`seed-gridmember-${g._id}`, randomName(), buildingIn(g)), 'gridMember', g, leader._id);
  }
  // ~40 volunteers spread over the grids; a third of them in-service party members (双报到).
  for (let i = 0; i < 38; i++) {
    const g = grids[i % grids.length]!;
    const inSvc = i % 3 === 0;
    const unit = WORK_UNITS[i % WORK_UNITS.length]!;
    const skills = [...new Set([pick(SKILLS), pick(SKILLS), pick(SKILLS)])];
    const profile: VolunteerProfile = inSvc
      ? { partyMember: true, inService: true, workUnit: unit[0], partyBranch: unit[1], skills }
      : { partyMember: rnd() < 0.7, inService: false, skills };
    grant(person(`seed-volunteer-${String(i + 1).padStart(3, '0')}`, randomName(), buildingIn(g), { volunteer: profile }), 'volunteer', g, null);
  }
  // Micro-grid liaisons, one per micro-grid of the first community.
  for (const m of nodes.filter((n) => n.kind === 'microGrid' && n.path.communityId === 'cm01')) {
    grant(person(`seed-liaison-${m._id}`, randomName(), pick(buildings.filter((b) => b.path.microGridId === m._id))), 'liaison', m, null);
  }
  // Residents up to ~200 households in all, a few elderly ones with large text on.
  while (users.length < 260) {
    const b = pick(buildings);
    person(`seed-resident-${String(users.length + 1).padStart(4, '0')}`, randomName(), b, { largeText: rnd() < 0.15 });
  }

  // The settlement's people, after everyone else: its admin (granted by the street, like a community's),
  // the leader of its grid and two residents.
  const settlementAdmin = person(PERSONAS.settlementAdmin, '吴春生', settlementBuildings[0]!);
  grant(settlementAdmin, 'communityAdmin', settlement, streetAdmin._id);
  grant(person('seed-gridleader-ss01-gd1', '何德明', settlementBuildings[1]!), 'gridLeader', settlementGrid, settlementAdmin._id);
  person('seed-resident-ss01-001', '罗凤英', settlementBuildings[1]!, { largeText: true });
  person('seed-resident-ss01-002', '邹秋菊', settlementBuildings[2]!);

  // 三方共治: two residential compounds (小区), after everyone else so nobody's id or phone moves.
  // 幸福花园 is a 1+3 compound (居委会, 业委会, 物业) spanning the buildings of micro-grid 2-1, with its
  // property company's desk and an owners' committee member; 纺织厂宿舍 is a small old 1+1 compound of
  // two buildings in grid 3 without a property company, run by its party branch.
  const compound = (id: string, name: string, grid: TerritoryNode, inside: TerritoryNode[], order: number, fields: Record<string, unknown>) => {
    const path = { ...grid.path, compoundId: id };
    const node = add({ _id: id, kind: 'compound', name, parentId: grid._id, path, order, buildingIds: inside.map((b) => b._id), ...fields } as Omit<
      TerritoryNode,
      'version' | 'createdAt'
    >);
    // The buildings, and the homes in them, lie in the compound.
    for (const b of inside) b.path = { ...b.path, compoundId: id };
    for (const u of users) if (u.home && inside.some((b) => b._id === u.home!.buildingId)) u.home = { ...u.home, path: { ...u.home.path, compoundId: id } };
    return node;
  };
  const garden = compound(
    'cm01-gd2-cp1',
    '幸福花园',
    grids[1]!,
    buildings.filter((b) => b.path.microGridId === 'cm01-gd2-mg1'),
    200,
    {
      model: '1+3',
      property: { company: '安居物业服务有限公司', deskPhone: '028-87654321', hours: '每天 8:00-20:00' },
      unit: null,
      branch: null,
    },
  );
  compound('cm01-gd3-cp1', '纺织厂宿舍', grids[2]!, buildings.filter((b) => b.path.microGridId === 'cm01-gd3-mg2').slice(0, 2), 201, {
    model: '1+1',
    property: null,
    unit: null,
    branch: { name: '纺织厂宿舍党支部' },
  });
  const gardenHome = buildings.find((b) => b.path.compoundId === garden._id)!;
  grant(person(PERSONAS.property, '钱晓梅', gardenHome), 'property', garden, communityAdmin._id);
  grant(person('seed-owners-cm01-gd2-cp1', '冯国栋', gardenHome), 'owners', garden, communityAdmin._id);
  person('seed-resident-cp1-001', '黄秀兰', gardenHome, { largeText: true });

  // The duty roster of 幸福里党群服务站: the demo volunteer mornings, the grid leader afternoons,
  // the in-service party member on Saturdays.
  const station1 = nodes.find((n) => n._id === 'cm01-sta1') as (TerritoryNode & Doc & { roster: unknown[] }) | undefined;
  const idOf = (openid: string) => users.find((u) => u.openid === openid)!._id;
  if (station1) {
    station1.roster = [
      { userId: idOf(PERSONAS.volunteer), days: [1, 3, 5], from: 540, to: 720 },
      { userId: idOf(PERSONAS.gridLeader), days: [2, 4], from: 840, to: 1020 },
      { userId: idOf(PERSONAS.inService), days: [6], from: 540, to: 720 },
    ];
  }

  // Dispatch profiles of the volunteers. The demo volunteer 王志强 serves round the clock, so the
  // demo dispatches at any hour; the others keep ordinary hours (7:00–22:00, Beijing).
  const byId = new Map(users.map((u) => [u._id, u]));
  const volunteers = memberships
    .filter((m) => m.role === 'volunteer')
    .map((m) => {
      const u = byId.get(m.userId)!;
      const allDay = u.openid === PERSONAS.volunteer;
      return volunteerProfileDoc(u, m.path, allDay ? [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }] : undefined) as VolunteerDoc & Doc;
    });

  const notes = Object.fromEntries(Object.entries(PERSONAS).map(([k, openid]) => [openid, PERSONA_NOTES[k as keyof typeof PERSONAS]]));
  const meta: Doc[] = [
    { _id: 'personas', openids: Object.values(PERSONAS), notes, version: 1 },
    { _id: 'seed', at: SEED_AT, version: 1 },
  ];
  return { nodes, users, memberships, volunteers, meta };
}

/** The demo as insert operations, for one transaction. */
export function demoInserts(data: DemoData = buildDemoData()): TxOp[] {
  return [
    ...data.nodes.map((doc) => ({ op: 'insert' as const, collection: 'nodes', doc })),
    ...data.users.map((doc) => ({ op: 'insert' as const, collection: 'users', doc })),
    ...data.memberships.map((doc) => ({ op: 'insert' as const, collection: 'memberships', doc })),
    ...data.volunteers.map((doc) => ({ op: 'insert' as const, collection: 'volunteers', doc })),
    ...data.meta.map((doc) => ({ op: 'insert' as const, collection: 'meta', doc })),
  ];
}
