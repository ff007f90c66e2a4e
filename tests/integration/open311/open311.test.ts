import * as z from 'zod';
import { newOrder } from '../../../shared/orders/order.factory';
import type { Order } from '../../../shared/orders/orders.schema';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, post } from '../../helpers/orders';

/**
 * The Open311 GeoReport v2 view through the local gateway, over real HTTP GETs against a SQLite
 * file: the services, the requests with every filter and paging, one request, the API keys
 * (issued, refused, revoked, rate limited) and hostile query strings. Every body is checked against
 * the spec's field list and scanned for the demo residents' names, phones, rooms and ids.
 */

let gw: TestGateway;
/** The pinned clock: each test starts a minute later, so no test spends another's rate window. */
let clock = MORNING;
const OTHER_STREET_ADMIN = 'open311-streetadmin-st02';
/** Every body the view answered with, for the scan at the end. */
const bodies: string[] = [];

// ---- the GeoReport v2 spec, written out from its field list ------------------------------------

const W3C = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const SpecService = z
  .object({
    service_code: z.string().min(1),
    service_name: z.string().min(1),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .strict();
const SpecRequest = z
  .object({
    service_request_id: z.string().min(1),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable().optional(),
    service_name: z.string().optional(),
    service_code: z.string().min(1),
    description: z.string().optional(),
    agency_responsible: z.string().optional(),
    service_notice: z.string().optional(),
    // This API writes Beijing time with its offset.
    requested_datetime: W3C.regex(/\+08:00$/),
    updated_datetime: W3C.regex(/\+08:00$/),
    expected_datetime: W3C.regex(/\+08:00$/).nullable(),
    address: z.string().nullable().optional(),
    address_id: z.string().optional(),
    zipcode: z.string().optional(),
    lat: z.number().min(-90).max(90).optional(),
    long: z.number().min(-180).max(180).optional(),
    media_url: z.string().optional(),
  })
  .strict();
const SpecError = z.array(z.object({ code: z.number().int(), description: z.string().min(1) }).strict()).min(1);
type SpecRequest = z.infer<typeof SpecRequest>;

// ---- calls -----------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A GET of the view, as a platform sends it: `params` are encoded into the query string as given. */
async function get(path: string, params: Record<string, string> | string = {}, method = 'GET'): Promise<Answer> {
  const qs = typeof params === 'string' ? params : new URLSearchParams(params).toString();
  const res = await fetch(`${gw.url}/open311/v2/${path}${qs ? `?${qs}` : ''}`, { method });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const requests = async (key: string, params: Record<string, string> = {}): Promise<SpecRequest[]> => {
  const res = await get('requests.json', { api_key: key, ...params });
  expect(res.status).toBe(200);
  return z.array(SpecRequest).parse(res.body);
};

const expectError = (res: Answer, status: number, says?: RegExp) => {
  expect(res.status).toBe(status);
  const [error] = SpecError.parse(res.body);
  expect(error!.code).toBe(status);
  // Chinese, then the English.
  expect(error!.description).toMatch(/[\u4e00-\u9fa5].* \/ [A-Za-z]/);
  if (says) expect(error!.description).toMatch(says);
};

const issue = async (persona: string, streetId: string, name: string): Promise<{ id: string; apiKey: string }> => {
  const res = await gw.call(persona, 'open311', 'issueKey', { streetId, name });
  if (!res.body.ok) throw new Error(`issueKey: ${res.body.error.code}`);
  return { id: res.body.data.key.id, apiKey: res.body.data.apiKey };
};

// ---- the street and its orders ---------------------------------------------------------------

let keyA = '';
let keyOther = '';
const posted: Record<string, string> = {};
let otherStreetOrder = '';

beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  gw.ports.clock.set(MORNING);
  await gw.store.insert('nodes', { _id: 'st02', kind: 'street', name: '青石街道', parentId: null, path: { streetId: 'st02' }, order: 2, version: 1, createdAt: MORNING });
  await gw.store.insert('users', { _id: 'open311-st02', openid: OTHER_STREET_ADMIN, name: '郑青石', largeText: false, createdAt: MORNING, updatedAt: MORNING, version: 1 });
  await gw.store.insert('memberships', {
    _id: 'open311-st02.streetAdmin.st02',
    userId: 'open311-st02',
    role: 'streetAdmin',
    nodeId: 'st02',
    nodeKind: 'street',
    path: { streetId: 'st02' },
    grantedBy: null,
    inviteId: null,
    grantedAt: MORNING,
    version: 1,
  });

  // Two weeks ago: a repair, long since closed by a rating.
  gw.ports.clock.set(later(MORNING, -14 * 24 * 60));
  const early = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买降压药' });
  posted.early = early.id;
  const volunteer = await offereeOf(gw, early.id);
  await act(gw, volunteer, 'accept', { orderId: early.id });
  await act(gw, volunteer, 'resolve', { orderId: early.id, note: '已送到张阿姨门口' });
  await act(gw, PERSONAS.resident, 'rate', { orderId: early.id, stars: 5 });

  // This morning: a leak that tells its phone number, placed on the map at home; a dispute (private); a
  // repair withdrawn by its poster; and ten more for paging, a minute apart, the first of them (a
  // public place) placed on the map.
  gw.ports.clock.set(later(MORNING, -60));
  posted.leak = (await post(gw, PERSONAS.resident, { category: '水电维修', description: '厨房水管漏水，电话 13912345678', point: { lat: 31.2304, lng: 121.4737 } })).id;
  gw.ports.clock.set(later(MORNING, -50));
  posted.dispute = (await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天夜里拖椅子，已经很久了' })).id;
  gw.ports.clock.set(later(MORNING, -40));
  posted.cancelled = (await post(gw, PERSONAS.residentYoung, { category: '家居小修', description: '阳台的门关不严，风一吹就开' })).id;
  await act(gw, PERSONAS.residentYoung, 'cancel', { orderId: posted.cancelled, reason: '自己修好了' });
  for (let i = 0; i < 10; i++) {
    gw.ports.clock.set(later(MORNING, -30 + i));
    const o = await post(gw, i % 2 ? PERSONAS.resident : PERSONAS.residentYoung, {
      category: i % 3 ? '环境卫生' : '公共设施',
      description: `楼道里堆了杂物第${i + 1}处`,
      ...(i === 0 ? { point: { lat: 31.2311, lng: 121.4741 } } : {}),
    });
    if (i === 0) posted.publicPlace = o.id;
  }

  // An order of another street, written straight to the store.
  gw.ports.clock.set(MORNING);
  const other: Order = newOrder({
    posterId: 'open311-st02-resident',
    postedBy: 'open311-st02-resident',
    clientKey: 'open311-st02-order-1',
    category: '水电维修',
    description: '青石街道的水管',
    photos: [],
    urgency: 'normal',
    preferredTime: null,
    building: { _id: 'st02-b1', path: { streetId: 'st02', communityId: 'st02-c1', gridId: 'st02-g1', buildingId: 'st02-b1' } },
    placeLabel: '青石社区 › 1号楼',
    room: '9-909',
    point: null,
    contact: { name: '钱青石', phone: '13700009999' },
    onBehalf: false,
    now: MORNING,
  });
  await gw.store.insert('orders', other as never);
  otherStreetOrder = other._id;

  keyA = (await issue(PERSONAS.streetAdmin, 'st01', '区城运中心')).apiKey;
  keyOther = (await issue(OTHER_STREET_ADMIN, 'st02', '青石街道 12345 热线')).apiKey;
}, 60_000);

beforeEach(() => {
  clock = later(clock, 1);
  gw.ports.clock.set(clock);
});

afterAll(async () => {
  await gw?.stop();
});

const streetOrders = async (streetId = 'st01') =>
  (await gw.store.find<Order & Doc>('orders', { 'place.path.streetId': streetId }, { limit: 1000 })).sort((a, b) => b.postedAt.localeCompare(a.postedAt));

// ---- services ----------------------------------------------------------------------------------

describe('GET services.json', () => {
  it('lists the ten categories with the GeoReport service fields, without a key', async () => {
    const res = await get('services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const list = z.array(SpecService).parse(res.body);
    expect(list.map((s) => s.service_code)).toEqual(['water', 'repair', 'sanitation', 'facility', 'dispute', 'care', 'errand', 'policy', 'hazard', 'other']);
    expect(list.every((s) => s.metadata === false && s.type === 'realtime')).toBe(true);
  });
});

// ---- requests ----------------------------------------------------------------------------------

describe('GET requests.json', () => {
  it("answers the key's street's orders of the last 90 days, newest first, and no other street's", async () => {
    const list = await requests(keyA, { page_size: '1000' });
    const stored = await streetOrders();
    expect(list.map((r) => r.service_request_id)).toEqual(stored.map((o) => o._id));
    expect(list.map((r) => r.service_request_id)).not.toContain(otherStreetOrder);
    expect((await requests(keyOther)).map((r) => r.service_request_id)).toEqual([otherStreetOrder]);
  });

  it('pages 50 at a time by default, and page by page with page_size, without gaps or repeats', async () => {
    const all = (await requests(keyA, { page_size: '1000' })).map((r) => r.service_request_id);
    expect(all.length).toBe(14);
    expect((await requests(keyA)).length).toBe(14);
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push((await requests(keyA, { page: String(page), page_size: '4' })).map((r) => r.service_request_id));
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 2]);
    expect(pages.flat()).toEqual(all);
    expect(await requests(keyA, { page: '5', page_size: '4' })).toEqual([]);
  });

  it('filters by status: closed is 已办结 and 居民已撤回, open is the rest', async () => {
    const closed = await requests(keyA, { status: 'closed' });
    expect(closed.map((r) => r.service_request_id).sort()).toEqual([posted.early, posted.cancelled].sort());
    expect(closed.find((r) => r.service_request_id === posted.cancelled)).toMatchObject({ status: 'closed', status_notes: '居民已撤回', expected_datetime: null });
    expect(closed.find((r) => r.service_request_id === posted.early)).toMatchObject({ status: 'closed', status_notes: '已办结', expected_datetime: null });
    const open = await requests(keyA, { status: 'open' });
    expect(open.length).toBe(12);
    expect(open.every((r) => r.status === 'open' && r.expected_datetime !== null)).toBe(true);
    expect((await requests(keyA, { status: 'open,closed' })).length).toBe(14);
  });

  it('filters by service_code, one or several', async () => {
    const water = await requests(keyA, { service_code: 'water' });
    expect(water.map((r) => r.service_request_id)).toEqual([posted.leak]);
    const some = await requests(keyA, { service_code: 'water,dispute,facility' });
    expect(new Set(some.map((r) => r.service_code))).toEqual(new Set(['water', 'dispute', 'facility']));
    expect(some.length).toBe(2 + 4);
    expect(await requests(keyA, { service_code: 'policy' })).toEqual([]);
  });

  it('filters by start_date and end_date, dates alone as whole Beijing days, datetimes to the second', async () => {
    const twoWeeksAgo = later(MORNING, -14 * 24 * 60);
    const day = new Date(Date.parse(twoWeeksAgo) + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await requests(keyA, { start_date: day, end_date: day })).map((r) => r.service_request_id)).toEqual([posted.early]);
    const thisMorning = await requests(keyA, { start_date: '2026-11-23T09:00:00+08:00', end_date: '2026-11-23T09:20:00+08:00' });
    expect(thisMorning.map((r) => r.service_request_id)).toEqual([posted.cancelled, posted.dispute, posted.leak]);
    // A + written raw in the URL arrives as a space, and still means +08:00.
    const raw = await get('requests.json', `api_key=${keyA}&start_date=2026-11-23T09:00:00+08:00&end_date=2026-11-23T09:20:00+08:00`);
    expect(raw.body.map((r: SpecRequest) => r.service_request_id)).toEqual([posted.cancelled, posted.dispute, posted.leak]);
    expect(await requests(keyA, { start_date: '2026-11-24' })).toEqual([]);
    expect((await requests(keyA, { end_date: day })).map((r) => r.service_request_id)).toEqual([posted.early]);
  });

  it('looks up several requests by service_request_id, which overrides the other filters', async () => {
    const list = await requests(keyA, { service_request_id: `${posted.leak},${posted.dispute},${otherStreetOrder},ord_unknown`, status: 'closed' });
    expect(list.map((r) => r.service_request_id)).toEqual([posted.dispute, posted.leak]);
  });

  it('shows each request without anyone in it: the dispute withheld, the phone taken out, the building but not the room nor the point of a home', async () => {
    const list = await requests(keyA, { page_size: '1000' });
    const dispute = list.find((r) => r.service_request_id === posted.dispute)!;
    expect(dispute).toMatchObject({ service_code: 'dispute', service_name: '邻里纠纷', description: '（隐私类别不公开）', status: 'open' });
    expect(dispute.status_notes).toMatch(/网格长/);
    const leak = list.find((r) => r.service_request_id === posted.leak)!;
    expect(leak).toMatchObject({ description: '厨房水管漏水，电话 ＊＊', agency_responsible: expect.stringContaining('网格') });
    // The leak's point is the resident's home: never published. A public place's point is.
    expect(leak).not.toHaveProperty('lat');
    expect(list.find((r) => r.service_request_id === posted.publicPlace)).toMatchObject({ lat: 31.2311, long: 121.4741 });
    expect(leak.address).toMatch(/栋$/);
    const home = (await gw.store.find<{ _id: string; home: { room: string } }>('users', { openid: PERSONAS.resident }, { limit: 1 }))[0]!.home.room;
    expect(JSON.stringify(leak)).not.toContain(home);
    expect(leak.requested_datetime).toBe('2026-11-23T09:00:00+08:00');
    expect(list.filter((r) => r.lat !== undefined).map((r) => r.service_request_id)).toEqual([posted.publicPlace]);
  });
});

describe('GET requests/{id}.json', () => {
  it('answers one request as an array of one', async () => {
    const res = await get(`requests/${posted.leak}.json`, { api_key: keyA });
    expect(res.status).toBe(200);
    const [one, ...rest] = z.array(SpecRequest).parse(res.body);
    expect(rest).toEqual([]);
    expect(one).toMatchObject({ service_request_id: posted.leak, service_code: 'water', status: 'open' });
  });

  it("answers 404 with a GeoReport error for an unknown id and for another street's order", async () => {
    expectError(await get('requests/ord_0000000000000000.json', { api_key: keyA }), 404, /not found/);
    expectError(await get(`requests/${otherStreetOrder}.json`, { api_key: keyA }), 404, /not found/);
    expect((await get(`requests/${otherStreetOrder}.json`, { api_key: keyOther })).status).toBe(200);
  });
});

// ---- keys --------------------------------------------------------------------------------------

describe('API keys', () => {
  it('refuses a missing, malformed or unknown key with 401, and a revoked one with 403', async () => {
    expectError(await get('requests.json'), 401, /api_key/);
    expectError(await get('requests.json', { api_key: 'letmein' }), 401);
    expectError(await get('requests.json', { api_key: `hl311_${'a'.repeat(32)}` }), 401);
    expectError(await get(`requests/${posted.leak}.json`, { api_key: `hl311_${'b'.repeat(32)}` }), 401);

    const { id, apiKey } = await issue(PERSONAS.streetAdmin, 'st01', '将停用的平台');
    expect((await get('requests.json', { api_key: apiKey })).status).toBe(200);
    const revoked = await gw.call(PERSONAS.streetAdmin, 'open311', 'revokeKey', { keyId: id });
    expect(revoked.body).toEqual({ ok: true, data: { key: expect.objectContaining({ id, active: false, revokedAt: clock, lastUsedAt: clock }) } });
    expectError(await get('requests.json', { api_key: apiKey }), 403, /revoked/);
    expectError(await get(`requests/${posted.leak}.json`, { api_key: apiKey }), 403);
    const again = await gw.call(PERSONAS.streetAdmin, 'open311', 'revokeKey', { keyId: id });
    expect(again.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'OPEN311.KEY_ALREADY_REVOKED' }) });
  });

  it('answers 429 past 60 requests a minute of one key, with Retry-After, and serves it again the next minute', async () => {
    const { apiKey } = await issue(PERSONAS.streetAdmin, 'st01', '压测平台');
    const first = await Promise.all(Array.from({ length: 60 }, () => get('requests.json', { api_key: apiKey, page_size: '1' })));
    expect(first.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(first.map((r) => Number(r.headers.get('x-ratelimit-remaining'))).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const limited = await get('requests.json', { api_key: apiKey });
    expectError(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another key of the same street is not held up.
    expect((await get('requests.json', { api_key: keyA, page_size: '1' })).status).toBe(200);
    gw.ports.clock.set(later(clock, 1));
    expect((await get('requests.json', { api_key: apiKey, page_size: '1' })).status).toBe(200);
    clock = later(clock, 1);
  });

  it("keeps only a hash of each key, and lists the street's keys without it", async () => {
    const { id, apiKey } = await issue(PERSONAS.streetAdmin, 'st01', '区数据平台');
    const stored = gw.store.db.prepare(`SELECT doc FROM "open311_keys"`).all() as { doc: string }[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((r) => r.doc.includes(apiKey) || r.doc.includes(apiKey.slice(6, 30)))).toBe(false);
    const listed = await gw.call(PERSONAS.streetAdmin, 'open311', 'listKeys', { streetId: 'st01' });
    expect(listed.status).toBe(200);
    const keys = listed.body.ok ? listed.body.data.keys : [];
    expect(keys[0]).toEqual({ id, name: '区数据平台', hint: `hl311_…${apiKey.slice(-4)}`, active: true, createdAt: clock, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed.body)).not.toMatch(/[0-9a-f]{64}/);
    expect(keys.every((k: { id: string }) => k.id.startsWith('okey_'))).toBe(true);
  });

  it('lets only street admins of the street issue, list and revoke keys; each refusal changes nothing', async () => {
    const before = await snapshot(gw);
    for (const persona of [PERSONAS.gridLeader, PERSONAS.communityAdmin, PERSONAS.resident, PERSONAS.volunteer, OTHER_STREET_ADMIN]) {
      const issued = await gw.call(persona, 'open311', 'issueKey', { streetId: 'st01', name: '冒名平台' });
      expect({ persona, status: issued.status, code: issued.body.ok ? null : issued.body.error.code }).toEqual({ persona, status: 403, code: 'COMMON.FORBIDDEN' });
      const listed = await gw.call(persona, 'open311', 'listKeys', { streetId: 'st01' });
      expect({ persona, status: listed.status }).toEqual({ persona, status: 403 });
    }
    const [keyOfA] = await gw.store.find<{ _id: string }>('open311_keys', { streetId: 'st01', revokedAt: null }, { limit: 1 });
    const revoked = await gw.call(OTHER_STREET_ADMIN, 'open311', 'revokeKey', { keyId: keyOfA!._id });
    expect(revoked.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'OPEN311.KEY_NOT_FOUND' }) });
    expect(await snapshot(gw)).toBe(before);
  });

  it('refuses malformed calls of the key actions with the field at fault, and changes nothing', async () => {
    const before = await snapshot(gw);
    const S = PERSONAS.streetAdmin;
    const cases: [string, unknown, string][] = [
      ['issueKey', { streetId: { $ne: null }, name: '区平台' }, 'payload.streetId'],
      ['issueKey', { streetId: 'st01', name: '区' }, 'payload.name'],
      ['issueKey', { streetId: 'st01', name: '平'.repeat(41) }, 'payload.name'],
      ['issueKey', { streetId: 'st01', name: '区平台', hash: 'x' }, 'payload'],
      ['issueKey', { streetId: 'cm01', name: '区平台' }, 'payload.streetId'],
      ['revokeKey', { keyId: '../../etc/passwd' }, 'payload.keyId'],
      ['revokeKey', { keyId: 'okey_missing' }, 'payload.keyId'],
      ['revokeKey', {}, 'payload.keyId'],
      ['listKeys', { streetId: ['st01'] }, 'payload.streetId'],
      ['listKeys', { streetId: 'st01', limit: 5 }, 'payload'],
    ];
    for (const [action, payload, field] of cases) {
      const res = await gw.call(S, 'open311', action, payload);
      expect({ action, payload, ok: res.body.ok, field: res.body.ok ? null : res.body.error.field, server: res.status >= 500 }).toEqual({
        action,
        payload,
        ok: false,
        field,
        server: false,
      });
    }
    expect(await snapshot(gw)).toBe(before);
  });
});

// ---- hostile query strings ---------------------------------------------------------------------

describe('hostile query strings', () => {
  it.each<[string, number, string]>([
    ['a date that does not exist', 400, 'start_date=2026-02-30'],
    ['a word for a date', 400, 'end_date=tomorrow'],
    ['an end before the start', 400, 'start_date=2026-11-20&end_date=2026-11-01'],
    ['more than 90 days', 400, 'start_date=2026-01-01&end_date=2026-11-30'],
    ['page_size=100000', 400, 'page_size=100000'],
    ['page_size=-1', 400, 'page_size=-1'],
    ['page=0', 400, 'page=0'],
    ['status[$ne]=', 400, 'status[$ne]='],
    ['status[$ne]=x', 400, 'status%5B%24ne%5D=x'],
    ['status=pending', 400, 'status=pending'],
    ['service_code={"$gt":""}', 400, `service_code=${encodeURIComponent('{"$gt":""}')}`],
    ['service_code[$in][]=water', 400, 'service_code[$in][]=water'],
    ['an unknown service_code', 400, 'service_code=potholes'],
    ['status given twice', 400, 'status=open&status=closed'],
    ['__proto__', 400, '__proto__=1'],
    ['constructor', 400, 'constructor=x'],
    ['a 10,000-character value', 400, `service_code=${'w'.repeat(10_000)}`],
    ['a NUL byte', 400, 'service_code=water%00'],
    ['SQL in an id', 400, `service_request_id=${encodeURIComponent("ord_1' OR '1'='1")}`],
    ['broken percent-encoding', 400, 'status=%E0%A4%A'],
  ])('%s → %i with an error body, never 500', async (_what, status, qs) => {
    const res = await get('requests.json', `api_key=${keyA}&${qs}`);
    expectError(res, status);
  });

  it.each<[string, number, string, string]>([
    ['an id with an operator', 400, 'requests/%24ne.json', ''],
    ['an id that climbs out', 400, 'requests/..%2F..%2Fetc%2Fpasswd.json', ''],
    ['broken percent-encoding in the id', 400, 'requests/%E0%A4%A.json', ''],
    ['XML', 400, 'requests.xml', ''],
    ['an unknown resource', 404, 'tokens.json', ''],
    ['a parameter the single request does not take', 400, `requests/ord_0000000000000000.json`, 'status=open'],
    ['services with an injected parameter', 400, 'services.json', 'service_code[$gt]='],
  ])('%s → %i', async (_what, status, path, qs) => {
    const res = await get(path, qs ? `api_key=${keyA}&${qs}` : `api_key=${keyA}`);
    expectError(res, status);
  });

  it('answers 405 to anything but GET, and changes nothing', async () => {
    const before = await snapshot(gw);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await get('requests.json', { api_key: keyA }, method);
      expectError(res, 405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    expect(await snapshot(gw)).toBe(before);
  });

  it('reads the requests of a page with one indexed query on the street and posting time', () => {
    const plan = gw.store.plan(
      'orders',
      {
        'place.path.streetId': 'st01',
        postedAt: { $gte: '2026-08-25T02:00:00.000Z', $lt: '2026-11-24T00:00:00.000Z' },
        state: { $in: ['closed', 'cancelled'] },
        category: { $in: ['水电维修'] },
      },
      {
        sort: [
          ['postedAt', -1],
          ['_id', -1],
        ],
        skip: 0,
        limit: 1000,
      },
    );
    expect(plan.join(' | ')).toMatch(/USING INDEX orders_street_posted/);
    expect(plan.some((d) => /^SCAN orders\b/.test(d.replace(/"/g, '')))).toBe(false);
  });
});

// ---- nothing personal --------------------------------------------------------------------------

describe('nothing personal', () => {
  it("never answers with a resident's name, phone, room or id, in any body the view sent", async () => {
    // Read every request once more, so the scan sees all of them.
    await requests(keyA, { page_size: '1000' });
    await requests(keyOther);
    const users = await gw.store.find<{ _id: string; name: string; phone?: string; home?: { room: string } }>('users', {}, { limit: 1000 });
    const secrets = new Set<string>(['13912345678', '13700009999', '钱青石', '9-909', '张阿姨']);
    for (const u of users) {
      if (u.name && u.name.length >= 2 && u.name !== '居民') secrets.add(u.name);
      if (u.phone) secrets.add(u.phone);
      if (u.home?.room) secrets.add(u.home.room);
      secrets.add(u._id);
    }
    const orders = await gw.store.find<Order & Doc>('orders', {}, { limit: 1000 });
    for (const o of orders) {
      secrets.add(o.posterId);
      if (o.place.room) secrets.add(o.place.room);
      if (o.contact.phone) secrets.add(o.contact.phone);
    }
    expect(bodies.length).toBeGreaterThan(100);
    const leaks = [...secrets].flatMap((s) => (bodies.some((b) => b.includes(s)) ? [s] : []));
    expect(leaks).toEqual([]);
  });
});
