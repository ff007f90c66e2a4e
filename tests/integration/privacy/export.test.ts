import { PERSONAL_DATA } from '../../../cloudfunctions/privacy/personal-data';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, MORNING, offereeOf, post } from '../../helpers/orders';

/**
 * 导出我的数据: everything stored about the caller, found by scanning every table of the store, and
 * nothing of anybody else (no other phone, no openid, no other resident's room, no other person's id).
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // 张桂英's history: an order done and rated, an open one with a comment, the messages they brought.
  const done = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买降压药' });
  const volunteer = await offereeOf(gw, done.id);
  await act(gw, volunteer, 'accept', { orderId: done.id });
  await act(gw, volunteer, 'resolve', { orderId: done.id, note: '药已送到' });
  await act(gw, PERSONAS.resident, 'rate', { orderId: done.id, stars: 4, comment: '很及时' });
  const open = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙取一个快递包裹' });
  await act(gw, PERSONAS.resident, 'comment', { orderId: open.id, text: '下午三点以后在家' });
});
afterAll(async () => {
  await gw.stop();
});

interface UserRow {
  _id: string;
  openid: string;
  name: string;
  phone?: string;
  home?: { room?: string };
}

const users = () => (gw.store.db.prepare('SELECT doc FROM "users"').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as UserRow);
const userOf = (openid: string) => users().find((u) => u.openid === openid)!;
const exportOf = async (openid: string) => {
  const res = await gw.call(openid, 'privacy', 'exportMine', {});
  if (!res.body.ok) throw new Error(`exportMine: ${res.body.error.code}`);
  return res.body.data;
};

/** Every stored document that names the person by id, openid or phone: `table/_id` with the document. */
function documentsAbout(person: UserRow): { table: string; doc: Record<string, any> }[] {
  const db = gw.store.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const id = new RegExp(`${person._id}(?!\\d)`);
  const out: { table: string; doc: Record<string, any> }[] = [];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT doc FROM "${table}"`).all() as { doc: string }[]) {
      if (id.test(row.doc) || row.doc.includes(person.openid) || (person.phone && row.doc.includes(person.phone))) out.push({ table, doc: JSON.parse(row.doc) });
    }
  }
  return out;
}

/**
 * What of a document about the person the export must show. Collections the table declares not
 * exported say why there (`notExported`); of the audit, the reads of the person’s data; of the
 * outbox, the messages to the person (a message to someone else is theirs).
 */
function mustExport(table: string, doc: Record<string, any>, me: string): boolean {
  const entry = PERSONAL_DATA[table as keyof typeof PERSONAL_DATA];
  if (!entry) throw new Error(`the table ${table} is not classified in personal-data.ts`);
  if (entry.section === null) return false;
  if (table === 'audit') return doc.reveal?.personId === me;
  if (table === 'outbox') return doc.recipientId === me;
  return true;
}

describe('exporting my data', () => {
  it('holds every stored document about 张桂英, each by its id, in readable sections', async () => {
    const me = userOf(PERSONAS.resident);
    const exported = await exportOf(PERSONAS.resident);
    expect(exported).toMatchObject({ format: 'honglin.personal-data/1', userId: me._id, fileName: expect.stringMatching(/^红邻-我的数据-\d{8}\.json$/) });
    expect(exported.sections.map((s: { title: string }) => s.title)).toEqual([
      '我的资料',
      '我的角色',
      '我报的事',
      '我参与办理的事',
      '我的留言',
      '服务记录',
      '议题和表决',
      '我的小区服务评价',
      '同意记录',
      '谁查看过我的信息',
      '消息',
      '电脑登录',
    ]);
    const text = JSON.stringify(exported);
    const about = documentsAbout(me);
    const missing = about.filter(({ table, doc }) => mustExport(table, doc, me._id) && !text.includes(doc._id)).map(({ table, doc }) => `${table}/${doc._id}`);
    expect(missing).toEqual([]);
    // The scan did find her history.
    for (const table of ['users', 'orders', 'order_events', 'outbox']) expect(about.map((a) => a.table)).toContain(table);
    const orders = exported.sections.find((s: { key: string }) => s.key === 'orders').records as { summary: string; data: Record<string, any> }[];
    expect(orders.find((o) => o.data.rating)?.data).toMatchObject({ rating: { stars: 4, comment: '很及时' }, contact: { name: '张桂英', phone: me.phone } });
    expect(orders.map((o) => o.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/报事：代买代办（已办结），评价 4 星$/)]));

    const profile = exported.sections[0].records[0];
    expect(profile.data).toMatchObject({ name: '张桂英', phone: me.phone, phoneConsentAt: expect.any(String), largeText: true, home: { room: me.home!.room } });
    expect(profile.summary).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 注册：张桂英/);
    expect(exported.sections.find((s: { key: string }) => s.key === 'consents').records).toHaveLength(1);
  });

  it.each([
    ['a resident', PERSONAS.resident],
    ['a grid leader, whose residents’ data stays out of it', PERSONAS.gridLeader],
    ['a volunteer', PERSONAS.volunteer],
  ])('of %s holds nobody else’s phone, openid, room or id', async (_who, openid) => {
    const me = userOf(openid);
    const text = JSON.stringify(await exportOf(openid));
    expect([...new Set(text.match(/1[3-9]\d{9}/g) ?? [])].filter((p) => p !== me.phone)).toEqual([]);
    expect(users().filter((u) => text.includes(u.openid))).toEqual([]);
    const otherRooms = users()
      .filter((u) => u._id !== me._id && u.home?.room && u.home.room !== me.home?.room)
      .map((u) => u.home!.room!);
    expect([...new Set(otherRooms)].filter((room) => text.includes(`"${room}"`))).toEqual([]);
    expect([...new Set(text.match(/usr-\d{4}(?!\d)/g) ?? [])].filter((id) => id !== me._id)).toEqual([]);
  });

  it('names who read my data by role: a leader in office by role and name, an assignee as 接单志愿者', async () => {
    const me = userOf(PERSONAS.resident);
    const leader = userOf(PERSONAS.gridLeader);
    const volunteer = userOf(PERSONAS.volunteer);
    // Reads of her contact, as the actions that show it audit them (RevealMark).
    const read = (id: string, actorId: string, as: 'leader' | 'assignee', at: string) =>
      gw.store.insert('audit', {
        _id: id,
        at,
        actorId,
        subjectId: 'ord_x',
        outcome: 'read',
        detail: {},
        reveal: { personId: me._id, streetId: 'st01', kind: 'phone', as, orderId: null },
      });
    await read('aud_test_reveal_1', leader._id, 'leader', '2026-11-23T03:00:00.000Z');
    await read('aud_test_reveal_2', volunteer._id, 'assignee', '2026-11-23T04:00:00.000Z');
    const exported = await exportOf(PERSONAS.resident);
    const reveals = exported.sections.find((s: { key: string }) => s.key === 'reveals').records as { id: string; summary: string; data: { by: string } }[];
    expect(reveals.filter((r) => r.id.startsWith('aud_test_')).map((r) => [r.id, r.data.by])).toEqual([
      ['aud_test_reveal_2', '接单志愿者'],
      ['aud_test_reveal_1', `网格长 ${leader.name}`],
    ]);
    // The reads the volunteer's own work made (accepting her order shows her contact) are there too, by role.
    expect(reveals.length).toBeGreaterThan(2);
    for (const r of reveals) expect(r.data.by).toMatch(/^(接单志愿者|网格长 \S+)$/);
    expect(reveals.find((r) => r.id === 'aud_test_reveal_2')!.summary).toBe('2026年11月23日 12:00 接单志愿者 查看了您的手机号');
    expect(JSON.stringify(reveals)).not.toContain(volunteer._id);
  });
});
