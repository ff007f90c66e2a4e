import { inflateRawSync } from 'node:zlib';
import { EXPORT_DATASETS } from '../../../shared/dashboard/dashboard.schema';
import { monthsOfPeriod } from '../../../shared/dashboard/period';
import { PERSONAS, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { MORNING, post } from '../../helpers/orders';

/**
 * dashboards.exportData through the gateway: each dataset as CSV and .xlsx, only the rows of the
 * caller's place, contacts only for a leader of the place and then audited, no resident named or
 * reachable in an export without them, formula-like text neutralised, and hostile input refused with
 * COMMON.INVALID_INPUT, never a 500.
 */

let gw: TestGateway;
const PERIOD = '2026-11';
const STREET = PERSONAS.streetAdmin; // 红星街道 (st01)
const CM01 = PERSONAS.communityAdmin; // 幸福里社区 (cm01)
const CM02 = 'demo-communityadmin-002'; // 和平新村社区 (cm02)
const GRID = PERSONAS.gridLeader; // cm01-gd1
const FORMULA = '=1+1 楼道灯坏了，请尽快来修理';
const AT_SUM = '@SUM(A1:A9) 导出测试：水管漏水';
const posted: Record<string, string[]> = {};

beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  for (const gridId of ['cm01-gd1', 'cm02-gd1']) {
    const residents = (await gw.store.find<{ _id: string; openid: string }>('users', { 'home.path.gridId': gridId }, { limit: 200 })).filter((u) =>
      u.openid.startsWith('seed-resident-'),
    );
    posted[gridId] = [];
    for (const [i, who] of residents.slice(0, 2).entries()) {
      posted[gridId].push((await post(gw, who.openid, { category: '水电维修', description: i === 0 ? FORMULA : AT_SUM })).id);
    }
  }
});
afterAll(async () => {
  await gw.stop();
});

interface Exported {
  filename: string;
  contentType: string;
  base64: string;
  rows: number;
  withContacts: boolean;
}

async function exported(who: string, payload: Record<string, unknown>): Promise<Exported> {
  const res = await gw.call<Exported>(who, 'dashboards', 'exportData', { period: PERIOD, format: 'csv', ...payload });
  if (!res.body.ok) throw new Error(`${res.status} ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
}

const outcome = (res: CallResult) => (res.body.ok ? 'ok' : `${res.status} ${res.body.error.code}`);

/** The stored entries of a ZIP (the writer stores; a deflated one is inflated, should that change). */
function unzip(bytes: Buffer): Map<string, string> {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return out;
}

/** The cells of an export, whatever its format: CSV parsed, or the sheet's inline strings and numbers. */
function table(file: Exported): string[][] {
  const bytes = Buffer.from(file.base64, 'base64');
  if (file.filename.endsWith('.csv')) {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    const text = bytes.toString('utf8').replace(/^\ufeff/, '');
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted && ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (!quoted && ch === ',') {
        row.push(cell);
        cell = '';
      } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else {
        cell += ch;
      }
    }
    return rows;
  }
  const sheet = unzip(bytes).get('xl/worksheets/sheet1.xml')!;
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [...sheet.matchAll(/<row r="\d+">(.*?)<\/row>/gs)].map(([, body]) =>
    [...body!.matchAll(/<c r="[A-Z]+\d+"[^>]*>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/gs)].map((m) => (m[1] !== undefined ? unescape(m[1]) : m[2]!)),
  );
}

/** Everything an export holds, as text to search: the CSV, or every part of the .xlsx. */
const contentOf = (file: Exported) => {
  const bytes = Buffer.from(file.base64, 'base64');
  return file.filename.endsWith('.csv') ? bytes.toString('utf8') : [...unzip(bytes).values()].join('\n');
};

interface OrderRow {
  [key: string]: unknown;
  _id: string;
  state: string;
  place: { path: { communityId?: string } };
  contact: { name: string; phone: string | null };
}
const ordersOf = async (filter: Record<string, unknown>) =>
  (await gw.store.find<OrderRow>('orders', { ...filter, month: { $in: monthsOfPeriod(PERIOD) } }, { limit: 1000 })).filter((o) => o.state !== 'cancelled');

describe('dashboards.exportData: each dataset, only the place', () => {
  it('exports every dataset as CSV and .xlsx for a street and a community, named and typed', async () => {
    for (const [who, nodeId, name] of [
      [STREET, 'st01', '红星街道'],
      [CM01, 'cm01', '幸福里社区'],
    ] as const) {
      for (const dataset of EXPORT_DATASETS) {
        for (const format of ['csv', 'xlsx'] as const) {
          const file = await exported(who, { nodeId, dataset, format, period: '2026-Q4' });
          expect(file.filename).toMatch(new RegExp(`^红邻-(工单明细|服务时长|六有自查|议事决议)-${name}-2026年第4季度\\.${format}$`));
          expect(file.contentType).toBe(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          expect(file.withContacts).toBe(false);
          const cells = table(file);
          expect([dataset, format, cells.length - 1]).toEqual([dataset, format, file.rows]);
        }
      }
    }
  });

  it('gives a community admin the orders of their community only, and the street all of them', async () => {
    const ids = async (who: string, nodeId: string, format: 'csv' | 'xlsx') => {
      const rows = table(await exported(who, { nodeId, dataset: 'orders', format })).slice(1);
      return rows.map((r) => r[0]!).sort();
    };
    const cm01 = (await ordersOf({ 'place.path.communityId': 'cm01' })).map((o) => o._id).sort();
    const cm02 = (await ordersOf({ 'place.path.communityId': 'cm02' })).map((o) => o._id).sort();
    for (const format of ['csv', 'xlsx'] as const) {
      const mine = await ids(CM01, 'cm01', format);
      expect(mine).toEqual(cm01);
      expect(mine).toEqual(expect.arrayContaining(posted['cm01-gd1']!));
      for (const id of posted['cm02-gd1']!) expect(mine).not.toContain(id);
      const theirs = await ids(CM02, 'cm02', format);
      expect(theirs).toEqual(cm02);
      for (const id of posted['cm01-gd1']!) expect(theirs).not.toContain(id);
      const street = await ids(STREET, 'st01', format);
      expect(street).toEqual(expect.arrayContaining([...posted['cm01-gd1']!, ...posted['cm02-gd1']!]));
      expect(await ids(GRID, 'cm01-gd1', format)).toEqual((await ordersOf({ 'place.path.gridId': 'cm01-gd1' })).map((o) => o._id).sort());
    }
  });

  it('counts each other dataset of the place as the store holds it', async () => {
    const months = monthsOfPeriod('2026-Q4');
    for (const [who, nodeId, key] of [
      [STREET, 'st01', 'streetId'],
      [CM01, 'cm01', 'communityId'],
      [CM02, 'cm02', 'communityId'],
    ] as const) {
      const entries = await gw.store.count('service_records', { [key]: nodeId, month: { $in: months }, verified: true, hours: { $gt: 0 } });
      expect((await exported(who, { nodeId, dataset: 'service', period: '2026-Q4' })).rows).toBe(entries);
      const checks = await gw.store.find<{ _id: string; items: unknown[] }>('liuyou_checks', { [`path.${key}`]: nodeId, period: { $in: ['2026-Q4', '2026-H2'] } }, { limit: 1000 });
      expect((await exported(who, { nodeId, dataset: 'liuyou', period: '2026-Q4' })).rows).toBe(checks.reduce((n, c) => n + c.items.length, 0));
      const decided = await gw.store.count('topics', { [`path.${key}`]: nodeId, 'decision.at': { $gte: '2026-09-30T16:00:00.000Z', $lt: '2026-12-31T16:00:00.000Z' } });
      expect((await exported(who, { nodeId, dataset: 'decisions', period: '2026-Q4' })).rows).toBe(decided);
    }
  });

  it('refuses a place above or beside the caller', async () => {
    expect(outcome(await gw.call(GRID, 'dashboards', 'exportData', { nodeId: 'st01', period: PERIOD, dataset: 'orders' }))).toBe('403 COMMON.FORBIDDEN');
    expect(outcome(await gw.call(GRID, 'dashboards', 'exportData', { nodeId: 'cm01', period: PERIOD, dataset: 'service' }))).toBe('403 COMMON.FORBIDDEN');
    expect(outcome(await gw.call(CM01, 'dashboards', 'exportData', { nodeId: 'cm02', period: PERIOD, dataset: 'orders' }))).toBe('403 COMMON.FORBIDDEN');
    expect(outcome(await gw.call(PERSONAS.resident, 'dashboards', 'exportData', { nodeId: 'cm01-gd1', period: PERIOD, dataset: 'orders', withContacts: true }))).toBe(
      '403 COMMON.FORBIDDEN',
    );
    expect(outcome(await gw.call(PERSONAS.volunteer, 'dashboards', 'exportData', { nodeId: 'cm01-gd1', period: PERIOD, dataset: 'orders' }))).toBe('403 COMMON.FORBIDDEN');
  });
});

describe('dashboards.exportData: contacts', () => {
  it('puts contacts in full in a leader’s orders export, and audits it without naming anyone', async () => {
    const orders = await ordersOf({ 'place.path.communityId': 'cm01' });
    const phones = orders.map((o) => o.contact.phone).filter((p): p is string => Boolean(p));
    expect(phones.length).toBeGreaterThan(0);
    for (const format of ['csv', 'xlsx'] as const) {
      const before = await gw.store.count('audit', { subjectId: 'cm01' });
      const file = await exported(CM01, { nodeId: 'cm01', dataset: 'orders', format, withContacts: true });
      expect(file.withContacts).toBe(true);
      const cells = table(file);
      expect(cells[0]!.slice(-2)).toEqual(['联系人', '联系电话']);
      const content = contentOf(file);
      for (const phone of phones) expect(content).toContain(phone);
      const audits = await gw.store.find<{ _id: string; subjectId: string; action: string; detail: Record<string, unknown> }>(
        'audit',
        { subjectId: 'cm01' },
        {
          sort: [
            ['subjectId', 1],
            ['at', -1],
          ],
          limit: 100,
        },
      );
      expect(audits.length).toBe(before + 1);
      const entry = audits.find((a) => a.detail.event === 'export.contacts')!;
      expect(entry.action).toBe('exportData');
      expect(entry.detail).toEqual({ event: 'export.contacts', dataset: 'orders', period: PERIOD, rows: file.rows });
    }
  });

  it('names no resident and holds no phone of theirs in an export without contacts', async () => {
    for (const [who, nodeId, filter] of [
      [CM01, 'cm01', { 'place.path.communityId': 'cm01' }],
      [STREET, 'st01', { 'place.path.streetId': 'st01' }],
    ] as const) {
      const orders = await ordersOf(filter);
      const secrets = orders.flatMap((o) => [o.contact.name, o.contact.phone]).filter((s): s is string => Boolean(s && s.length >= 2));
      for (const format of ['csv', 'xlsx'] as const) {
        const before = await gw.store.count('audit', { subjectId: nodeId });
        const file = await exported(who, { nodeId, dataset: 'orders', format });
        const content = contentOf(file);
        expect(table(file)[0]).not.toContain('联系电话');
        for (const secret of secrets) expect([format, secret, content.includes(secret)]).toEqual([format, secret, false]);
        // Nothing that looks like a mobile number, masked or not (order ids are random letters and digits: not read as numbers).
        expect(content.replace(/\bord_[0-9a-z]+/g, 'ord_id')).not.toMatch(/1[3-9]\d[\d*]{4}\d{4}/);
        expect(await gw.store.count('audit', { subjectId: nodeId })).toBe(before);
      }
    }
  });

  it('refuses contacts for a dataset that has none', async () => {
    for (const dataset of ['service', 'liuyou', 'decisions']) {
      const res = await gw.call(STREET, 'dashboards', 'exportData', { nodeId: 'st01', period: PERIOD, dataset, withContacts: true });
      expect(outcome(res)).toBe('403 DASHBOARD.CONTACTS_NOT_ALLOWED');
    }
  });
});

describe('dashboards.exportData: safe files', () => {
  it('writes the CSV with a BOM and neutralises formula-like text; the .xlsx keeps it as text', async () => {
    const csv = await exported(GRID, { nodeId: 'cm01-gd1', dataset: 'orders', format: 'csv' });
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`,'${FORMULA},`);
    expect(text).toContain(`,'${AT_SUM},`);
    for (const line of text.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/);

    const xlsx = await exported(GRID, { nodeId: 'cm01-gd1', dataset: 'orders', format: 'xlsx' });
    const sheet = unzip(Buffer.from(xlsx.base64, 'base64')).get('xl/worksheets/sheet1.xml')!;
    expect(sheet).not.toMatch(/<f[ >]/);
    for (const text of [FORMULA, AT_SUM]) expect(table(xlsx).some((r) => r.includes(text))).toBe(true);
  });

  it('refuses more rows than an export holds', async () => {
    // A street of its own with 20,001 orders written straight to the store.
    await gw.store.insert('nodes', { _id: 'st09', kind: 'street', name: '大单街道', parentId: null, path: { streetId: 'st09' }, order: 9, version: 1, createdAt: MORNING });
    await gw.store.insert('users', { _id: 'export-st09', openid: 'export-streetadmin-st09', name: '马大单', largeText: false, createdAt: MORNING, updatedAt: MORNING, version: 1 });
    await gw.store.insert('memberships', {
      _id: 'export-st09.streetAdmin.st09',
      userId: 'export-st09',
      role: 'streetAdmin',
      nodeId: 'st09',
      nodeKind: 'street',
      path: { streetId: 'st09' },
      grantedBy: null,
      inviteId: null,
      grantedAt: MORNING,
      version: 1,
    });
    for (let i = 0; i < 20_001; i += 1000) {
      const ops = Array.from({ length: Math.min(1000, 20_001 - i) }, (_, k) => ({
        op: 'insert' as const,
        collection: 'orders',
        doc: { _id: `big-${i + k}`, month: PERIOD, state: 'closed', place: { path: { streetId: 'st09' } }, version: 1 },
      }));
      const done = await gw.store.transact(ops);
      expect(done.ok).toBe(true);
    }
    const res = await gw.call('export-streetadmin-st09', 'dashboards', 'exportData', { nodeId: 'st09', period: PERIOD, dataset: 'orders' });
    expect(outcome(res)).toBe('413 DASHBOARD.TOO_MANY_ROWS');
  });
});

describe('dashboards.exportData: hostile input', () => {
  const ok = { nodeId: 'st01', period: PERIOD, dataset: 'orders' };
  const MALFORMED: ReadonlyArray<readonly [payload: unknown, field: string]> = [
    [{ ...ok, period: '2026-13' }, 'payload.period'],
    [{ ...ok, period: '2026-Q5' }, 'payload.period'],
    [{ ...ok, period: '2026-H2' }, 'payload.period'],
    [{ ...ok, period: '2026-11; drop' }, 'payload.period'],
    [{ ...ok, period: { $gt: '' } }, 'payload.period'],
    [{ ...ok, dataset: 'users' }, 'payload.dataset'],
    [{ ...ok, dataset: { $ne: 'orders' } }, 'payload.dataset'],
    [{ ...ok, dataset: ['orders'] }, 'payload.dataset'],
    [{ ...ok, format: 'pdf' }, 'payload.format'],
    [{ ...ok, withContacts: 'yes' }, 'payload.withContacts'],
    [{ ...ok, withContacts: 1 }, 'payload.withContacts'],
    [{ ...ok, nodeId: { $gt: '' } }, 'payload.nodeId'],
    [{ period: PERIOD, dataset: 'orders' }, 'payload.nodeId'],
    [{ ...ok, extra: 1 }, 'payload'],
    [{ ...ok, base64: 'AAAA' }, 'payload'],
  ];

  it('answers each malformed payload with COMMON.INVALID_INPUT on the field at fault', async () => {
    for (const [payload, field] of MALFORMED) {
      const res = await gw.call(STREET, 'dashboards', 'exportData', payload);
      expect([payload, res.status, res.body.ok ? null : res.body.error.code, res.body.ok ? null : res.body.error.field]).toEqual([payload, 400, 'COMMON.INVALID_INPUT', field]);
    }
    for (const payload of [null, [], 'orders', 42]) {
      const res = await gw.call(STREET, 'dashboards', 'exportData', payload);
      expect([payload, res.status, res.body.ok ? null : res.body.error.code]).toEqual([payload, 400, 'COMMON.INVALID_INPUT']);
    }
  });
});
