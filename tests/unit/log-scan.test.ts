import { PERSONAS, buildDemoData } from '../../scripts/demo-data';
import { FIXTURE_NAMES, FIXTURE_ROOMS, createLogScanner, demoLogScanner } from '../support/log-scan';

// The scanner the integration suite's log capture runs over every printed line (tests/support/log-capture.ts).
const scanner = demoLogScanner();
const users = buildDemoData().users;
const resident = users.find((u) => u.openid === PERSONAS.resident)!;
const kinds = (line: string) => scanner.scan(line).map((l) => l.kind);

describe('the log scanner finds personal data', () => {
  it('a mainland mobile number, alone or inside text, but not inside a longer run of digits', () => {
    expect(kinds(`called ${resident.phone} about the lock`)).toEqual(['phone']);
    expect(kinds('phone=13912345678;')).toEqual(['phone']);
    expect(kinds('联系电话19987654321')).toEqual(['phone']);
    expect(kinds('at 1764547200000 ms')).toEqual([]);
    expect(kinds('order 113912345678 and 13912345678901')).toEqual([]);
    expect(kinds('12912345678 is no mobile number')).toEqual([]);
  });

  it('every demo openid, any openid with a demo prefix, and an openid shaped like WeChat’s', () => {
    for (const openid of Object.values(PERSONAS)) expect(kinds(`[orders.post] caller ${openid} refused`)).toEqual(['openid']);
    expect(kinds('seed-resident-9999 joined')).toEqual(['openid']);
    expect(kinds('touser=oAbC1234567890defGHIjklMNopq sent')).toEqual(['openid']);
    expect(kinds('{"touser":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M"}')).toEqual(['openid']);
  });

  it('the name of every demo person and of the people tests invent', () => {
    for (const u of users) expect(kinds(`name=${u.name}`)).toEqual(['name']);
    for (const name of FIXTURE_NAMES) expect(kinds(`居民${name}提交了报事`)).toEqual(['name']);
    expect(kinds(`${resident.name}的门锁坏了`)).toEqual(['name']);
  });

  it('a two-character name at an edge of Han text, not when Han text encloses it', () => {
    const twoChar = users.find((u) => u.name.length === 2)!.name;
    expect(kinds(`volunteer ${twoChar} accepted`)).toEqual(['name']);
    expect(kinds(`${twoChar}接单`)).toEqual(['name']);
    expect(kinds(`志愿者${twoChar}`)).toEqual(['name']);
    expect(kinds(`志愿者${twoChar}接单`)).toEqual([]);
    const lone = createLogScanner({ openids: [], names: ['于明'], rooms: [] });
    expect(lone.scan('请关于明天的通知再确认')).toEqual([]);
  });

  it('a demo room beside a building, in quotes or as a value, but not inside dates, times, versions or ids', () => {
    const room = resident.home!.room;
    expect(kinds(`3栋${room}室`)).toEqual(['room']);
    expect(kinds(`room ${room}`)).toEqual(['room']);
    expect(kinds(`{"room":"${room}"}`)).toEqual(['room']);
    expect(kinds(`2026-1${room}`)).toEqual([]);
    expect(kinds(`v${room}`)).toEqual([]);
    expect(kinds(`10:1${room}`)).toEqual([]);
    expect(kinds(`cm01-gd${room}`)).toEqual([]);
    for (const fixture of FIXTURE_ROOMS) expect(kinds(`门牌 ${fixture}`)).toEqual(['room']);
  });
});

describe('the log scanner passes ordinary log lines', () => {
  it.each([
    '2026-11-01T00:00:00.000Z',
    '[orders.post] request req_3k9x0a1b2c3d4e5f6g7h failed: TypeError: Cannot read properties of undefined',
    '[gateway] POST /api/orders failed: Error',
    'ORDER.NOT_FOUND 工单不存在',
    'ord_0a1b2c3d4e5f6g7h8j9k usr_0001 usr-0260 oev_k3m9x0a1b2c3d4e5f6g7',
    'obsrvtn_0a1b2c3d4e5f6g7h8j9k',
    'outboxDeliverPendingMessages',
    '周一至周六 8:30-17:30, 1-1微网格, 3栋, cm01-gd1-mg1-bd1',
    'took 1764 ms, 13 rows, 12:30-13:45, 2026-11-12',
    '[scheduler] tick failed: Error',
    `user ${users[0]!._id} and a hash 3fa85f64`,
  ])('%s', (line) => {
    expect(scanner.scan(line)).toEqual([]);
    expect(scanner.redact(line)).toBe(line);
  });
});

describe('redaction', () => {
  it('replaces every leak by its kind and keeps the rest of the line, so a failure says where without repeating the value', () => {
    const line = `[orders.post] ${PERSONAS.resident} ${resident.name} ${resident.phone} 3栋${resident.home!.room}室 ok`;
    expect(scanner.redact(line)).toBe('[orders.post] [openid] [name] [phone] 3栋[room]室 ok');
    expect(scanner.scan(line).map((l) => [l.kind, line.slice(l.index, l.index + l.length)])).toEqual([
      ['openid', PERSONAS.resident],
      ['name', resident.name],
      ['phone', resident.phone],
      ['room', resident.home!.room],
    ]);
  });
});
