import fc from 'fast-check';
import { CATEGORIES, CATEGORY_RULES, CATEGORY_SLUGS, type Category } from '../../../shared/orders/categories';
import { LEVELS, type Level } from '../../../shared/orders/escalation';
import { ORDER_STATES, type OrderState } from '../../../shared/orders/order.machine';
import type { Order } from '../../../shared/orders/orders.schema';
import { beijingIso, isPrivate, scrubbed, services, toGeoRequest, WITHHELD, type PlaceNames } from '../../../shared/open311/georeport';
import { API_KEY_PATTERN, keyView, newApiKey, rateStep, rateWindow, secondsToNextWindow } from '../../../shared/open311/keys';
import { GeoRequest, GeoService } from '../../../shared/open311/open311.schema';
import { parseRequestsQuery, parseW3c, type RawQuery } from '../../../shared/open311/query';
import { fixtureOrder } from '../../helpers/order-fixtures';

const NOW = '2026-11-23T02:00:00.000Z'; // Monday 10:00 in Beijing
const NAMES: PlaceNames = new Map([
  ['S', { name: '红星街道' }],
  ['C', { name: '幸福里社区' }],
  ['G', { name: '第1网格' }],
]);
const order = (over: Partial<Order> = {}): Order => ({ ...fixtureOrder(NOW), ...over });

describe('services.json', () => {
  it('lists the ten categories with their slugs as service codes and the GeoReport service fields', () => {
    const list = services();
    expect(list.map((s) => s.service_code)).toEqual(CATEGORIES.map((c) => CATEGORY_SLUGS[c]));
    expect(list.map((s) => s.service_name)).toEqual([...CATEGORIES]);
    for (const s of list) {
      expect(GeoService.parse(s)).toEqual(s);
      expect(s).toMatchObject({ metadata: false, type: 'realtime' });
      expect(s.keywords.split(',')).toContain(s.service_name);
    }
    expect(list.find((s) => s.service_code === 'dispute')!.description).toContain('隐私类别');
  });
});

describe('an order as a GeoReport request', () => {
  it('maps an open order at the grid: status, notes, agency, times in Beijing, address at the building', () => {
    const r = toGeoRequest(order({ state: 'offered' }), NAMES);
    expect(r).toEqual({
      service_request_id: expect.stringMatching(/^ord_/),
      status: 'open',
      status_notes: '待接单',
      service_name: '代买代办',
      service_code: 'errand',
      description: '帮忙买药',
      agency_responsible: '幸福里社区 第1网格',
      requested_datetime: '2026-11-23T10:00:00+08:00',
      updated_datetime: '2026-11-23T10:00:00+08:00',
      expected_datetime: '2026-11-24T10:00:00+08:00',
      address: 'C › G › 1栋',
    });
    expect(GeoRequest.parse(r)).toEqual(r);
  });

  it('names the agency at the level the order stands at, or the level when the place is unknown', () => {
    expect(toGeoRequest(order({ level: 'community', state: 'waiting' }), NAMES)).toMatchObject({ agency_responsible: '幸福里社区', status_notes: '待社区处理' });
    expect(toGeoRequest(order({ level: 'street', state: 'waiting' }), NAMES)).toMatchObject({ agency_responsible: '红星街道', status_notes: '待街道处理' });
    expect(toGeoRequest(order({ level: 'street' }), new Map())).toMatchObject({ agency_responsible: '街道' });
  });

  it('closes closed and withdrawn orders, with no deadline, and says which', () => {
    const closedAt = '2026-11-25T04:30:00.000Z';
    expect(toGeoRequest(order({ state: 'closed', closedAs: 'rated', closedAt }), NAMES)).toMatchObject({
      status: 'closed',
      status_notes: '已办结',
      expected_datetime: null,
      updated_datetime: '2026-11-25T12:30:00+08:00',
    });
    expect(toGeoRequest(order({ state: 'closed', closedAs: 'unrated', closedAt }), NAMES).status_notes).toBe('已办结（居民未评价）');
    expect(toGeoRequest(order({ state: 'cancelled', cancelledAt: closedAt, cancelReason: '王阿姨自己修好了' }), NAMES)).toMatchObject({
      status: 'closed',
      status_notes: '居民已撤回',
      expected_datetime: null,
    });
    expect(toGeoRequest(order({ state: 'resolved', resolvedAt: closedAt }), NAMES)).toMatchObject({ status: 'open', status_notes: '已办理，待居民评价', expected_datetime: null });
  });

  it('withholds the description and the point of private orders and private categories, and the point of a home', () => {
    const point = { lat: 31.2304, lng: 121.4737 };
    const open = toGeoRequest(order({ category: '公共设施', place: { ...order().place, point } }), NAMES);
    expect(open).toMatchObject({ lat: 31.2304, long: 121.4737 });
    // A point on a household's own problem is where the resident lives: never published.
    const home = toGeoRequest(order({ category: '水电维修', place: { ...order().place, point } }), NAMES);
    expect(home).not.toHaveProperty('lat');
    expect(home).not.toHaveProperty('long');
    for (const category of ['邻里纠纷', '养老助残'] as Category[]) {
      const r = toGeoRequest(order({ category, private: CATEGORY_RULES[category].private, description: '楼上每天夜里拖椅子', place: { ...order().place, point } }), NAMES);
      expect(r.description).toBe(WITHHELD);
      expect(r).not.toHaveProperty('lat');
      expect(r).not.toHaveProperty('long');
    }
    expect(toGeoRequest(order({ private: true }), NAMES).description).toBe(WITHHELD);
    expect(isPrivate({ private: false, category: '水电维修' })).toBe(false);
    expect(isPrivate({ private: false, category: '不存在' as Category })).toBe(true);
  });

  it('never carries the resolution, the rating, the poster, the assignee or photos', () => {
    const r = toGeoRequest(
      order({
        state: 'closed',
        assigneeId: 'usr_volunteer',
        photos: ['cloud://a/b.jpg'],
        resolution: { note: '已联系王阿姨更换', photos: [], by: 'usr_volunteer', at: NOW },
        rating: { stars: 5, tags: [], comment: '谢谢小李', at: NOW },
      }),
      NAMES,
    );
    const text = JSON.stringify(r);
    for (const secret of ['usr_volunteer', 'cloud://', '王阿姨', '13800001111', '101', '谢谢', 'R"']) expect(text).not.toContain(secret);
  });

  it('takes names, phones, rooms and long digit runs out of a description', () => {
    const o = order();
    expect(scrubbed('王阿姨家101室，电话13800001111，身份证 110101199001011234，另一个号 139 1234 5678', o)).toBe('＊＊家＊＊室，电话＊＊，身份证 ＊＊，另一个号 ＊＊');
    expect(scrubbed('请打 138****1234', o)).toBe('请打 ＊＊');
    expect(scrubbed('下午3点以后有人', o)).toBe('下午3点以后有人');
  });

  it('writes instants in Beijing time with their offset', () => {
    expect(beijingIso('2026-11-23T16:30:00.000Z')).toBe('2026-11-24T00:30:00+08:00');
    expect(() => beijingIso('yesterday')).toThrow(RangeError);
  });

  // Characters of the generated names: none of them is in any word the view writes itself.
  const NAME_CHARS = [...'赵钱孙吴郑冯陈褚蒋沈韩杨朱秦尤许何吕施孔曹严桂英丽伟芳娜敏静秀兰霞'];
  const arbName = fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 2, maxLength: 3 }).map((cs) => cs.join(''));
  const arbPhone = fc.stringMatching(/^1[3-9]\d{9}$/);
  const arbRoom = fc.oneof(fc.stringMatching(/^[1-3]-[1-6]0[1-4]$/), fc.stringMatching(/^[A-Z]{2}\d{3}$/));
  const arbPoster = fc.stringMatching(/^usr_[0-9a-hjkmnp-tv-z]{20}$/);
  const arbInstant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
  const arbOrder = fc
    .record({
      name: arbName,
      phone: fc.option(arbPhone, { nil: null }),
      room: fc.option(arbRoom, { nil: null }),
      posterId: arbPoster,
      category: fc.constantFrom(...CATEGORIES),
      private: fc.boolean(),
      state: fc.constantFrom(...ORDER_STATES),
      level: fc.constantFrom(...LEVELS),
      closedAs: fc.constantFrom('rated', 'unrated', 'review', null),
      postedAt: arbInstant,
      later: fc.array(fc.option(arbInstant, { nil: null }), { minLength: 7, maxLength: 7 }),
      point: fc.option(fc.record({ lat: fc.integer({ min: -900_000, max: 900_000 }), lng: fc.integer({ min: -1_800_000, max: 1_800_000 }) }), { nil: null }),
      fragments: fc.array(fc.oneof(fc.constantFrom('name', 'phone', 'room', 'poster', 'masked'), fc.string({ maxLength: 12 })), { maxLength: 8 }),
      labelled: fc.boolean(),
    })
    .map((g): Order => {
      const base = fixtureOrder(g.postedAt);
      const said = g.fragments
        .map((f) =>
          f === 'name'
            ? g.name
            : f === 'phone'
              ? (g.phone ?? '')
              : f === 'room'
                ? (g.room ?? '')
                : f === 'poster'
                  ? g.posterId
                  : f === 'masked'
                    ? `${(g.phone ?? '13800001111').slice(0, 3)}****${(g.phone ?? '13800001111').slice(-4)}`
                    : f,
        )
        .join(' ');
      const [firstOfferedAt, acceptedAt, resolvedAt, ratedAt, closedAt, cancelledAt, reopenedAt] = g.later;
      return {
        ...base,
        posterId: g.posterId,
        postedBy: g.posterId,
        category: g.category,
        private: g.private,
        state: g.state as OrderState,
        level: g.level as Level,
        closedAs: g.closedAs as Order['closedAs'],
        description: said,
        contact: { name: g.name, phone: g.phone },
        place: { ...base.place, room: g.room, label: g.labelled ? '幸福里社区 › 第1网格 › 3号楼' : '', point: g.point ? { lat: g.point.lat / 1e4, lng: g.point.lng / 1e4 } : null },
        firstOfferedAt: firstOfferedAt ?? null,
        acceptedAt: acceptedAt ?? null,
        resolvedAt: resolvedAt ?? null,
        ratedAt: ratedAt ?? null,
        closedAt: closedAt ?? null,
        cancelledAt: cancelledAt ?? null,
        reopenedAt: reopenedAt ?? null,
        resolution: { note: `${g.name}家已修好`, photos: [], by: g.posterId, at: g.postedAt },
        cancelReason: `${g.name} ${g.phone ?? ''}`,
      };
    });

  it('never writes the contact name or phone, the room or the poster, whatever the order says (property)', () => {
    fc.assert(
      fc.property(arbOrder, (o) => {
        const r = toGeoRequest(o, NAMES);
        expect(GeoRequest.parse(r)).toEqual(r);
        const text = JSON.stringify(r);
        for (const secret of [o.contact.name, o.contact.phone, o.place.room, o.posterId]) if (secret) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/\d{7,}/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the query of requests.json', () => {
  const parse = (q: RawQuery) => parseRequestsQuery(q, NOW);
  const problem = (q: RawQuery) => {
    const res = parse(q);
    if (res.ok) throw new Error(`expected a refusal of ${JSON.stringify(q)}`);
    return res.problem;
  };

  it('defaults to the last 90 days, every status and code, page 1 of 50', () => {
    expect(parse({})).toEqual({
      ok: true,
      query: { kind: 'range', from: '2026-08-25T02:00:00.000Z', until: null, states: null, categories: null, page: 1, pageSize: 50 },
    });
  });

  it('reads statuses, codes, dates and paging', () => {
    const res = parse({ status: 'closed', service_code: 'water,care', start_date: '2026-11-01', end_date: '2026-11-30', page: '2', page_size: '1000' });
    expect(res).toEqual({
      ok: true,
      query: {
        kind: 'range',
        from: '2026-10-31T16:00:00.000Z',
        until: '2026-11-30T16:00:00.000Z',
        states: ['closed', 'cancelled'],
        categories: ['水电维修', '养老助残'],
        page: 2,
        pageSize: 1000,
      },
    });
    expect(parse({ status: 'open' })).toMatchObject({ ok: true, query: { states: ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'resolved', 'reopened', 'desk'] } });
    expect(parse({ status: 'open,closed' })).toMatchObject({ ok: true, query: { states: null } });
    expect(parse({ service_request_id: 'ord_a,ord_b,ord_a' })).toEqual({ ok: true, query: { kind: 'ids', ids: ['ord_a', 'ord_b'] } });
  });

  it('reads W3C datetimes with Z, an offset, none (Beijing), or a + that URL decoding made a space', () => {
    expect(parseW3c('2026-11-01T08:00:00Z')).toEqual({ at: Date.parse('2026-11-01T08:00:00Z'), dateOnly: false });
    expect(parseW3c('2026-11-01T08:00:00+08:00')!.at).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseW3c('2026-11-01T08:00:00 08:00')!.at).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseW3c('2026-11-01T08:00')!.at).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseW3c('2026-11-01')).toEqual({ at: Date.parse('2026-10-31T16:00:00Z'), dateOnly: true });
    for (const bad of ['2026-02-30', '2026-13-01', '2026-11-01T24:00', '2026-11-01T08:00+15:00', 'yesterday', '1e9', '2026-11-01T08:00:00+0800']) expect(parseW3c(bad)).toBeNull();
  });

  it.each<[string, RawQuery, string]>([
    ['an impossible date', { start_date: '2026-02-30' }, 'start_date'],
    ['a word for a date', { end_date: 'now' }, 'end_date'],
    ['an end before the start', { start_date: '2026-11-20', end_date: '2026-11-01' }, 'end_date'],
    ['more than 90 days', { start_date: '2026-01-01', end_date: '2026-11-30' }, 'end_date'],
    ['page_size 100000', { page_size: '100000' }, 'page_size'],
    ['page_size 0', { page_size: '0' }, 'page_size'],
    ['a negative page', { page: '-1' }, 'page'],
    ['a fractional page size', { page_size: '1.5' }, 'page_size'],
    ['a page too deep', { page: '200', page_size: '1000' }, 'page'],
    ['a status that is not open or closed', { status: 'pending' }, 'status'],
    ['an empty status', { status: ',' }, 'status'],
    ['status[$ne]=x', { 'status[$ne]': 'x' }, 'status[$ne]'],
    ['service_code={"$gt":""}', { service_code: '{"$gt":""}' }, 'service_code'],
    ['an unknown service code', { service_code: 'water,potholes' }, 'service_code'],
    ['a service code in Chinese', { service_code: '水电维修' }, 'service_code'],
    ['a parameter given twice', { status: ['open', 'closed'] }, 'status'],
    ['a parameter named __proto__', JSON.parse('{"__proto__": "x"}') as RawQuery, '__proto__'],
    ['a control character', { service_code: 'water\u0000' }, 'service_code'],
    ['a malformed request id', { service_request_id: "ord_1' OR 1=1" }, 'service_request_id'],
    ['too many request ids', { service_request_id: Array.from({ length: 101 }, (_, i) => `ord_${i}`).join(',') }, 'service_request_id'],
    ['an unknown parameter', { lat: '31.2' }, 'lat'],
  ])('refuses %s with a Chinese and English sentence', (_what, q, parameter) => {
    const p = problem(q);
    expect(p.parameter).toBe(parameter);
    expect(p.description).toMatch(/^[^\n]*[\u4e00-\u9fa5][^\n]* \/ [A-Za-z_$]/);
  });

  it('never throws and always answers a query or a sentence, for any strings (property)', () => {
    const arbName = fc.oneof(
      fc.constantFrom('start_date', 'end_date', 'status', 'service_code', 'page', 'page_size', 'service_request_id', 'api_key', 'jurisdiction_id'),
      fc.string({ maxLength: 12 }),
    );
    const arbValue = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      fc.constantFrom('open', 'closed', 'water', '2026-11-01', '1000', '{"$gt":""}'),
    );
    fc.assert(
      fc.property(fc.dictionary(arbName, arbValue, { maxKeys: 5 }), (q) => {
        const res = parse(q);
        if (!res.ok) expect(res.problem.description).toContain(' / ');
        else if (res.query.kind === 'range') expect(res.query.pageSize).toBeLessThanOrEqual(1000);
      }),
      { numRuns: 500 },
    );
  });
});

describe('API keys', () => {
  it('makes keys of 32 base32 characters after hl311_, and shows only their last four', () => {
    const key = newApiKey(Array.from({ length: 32 }, (_, i) => i * 7919));
    expect(key).toMatch(API_KEY_PATTERN);
    const view = keyView(
      {
        _id: 'okey_1',
        version: 1,
        streetId: 'S',
        path: { streetId: 'S' },
        name: '区平台',
        hash: 'h',
        hint: key.slice(-4),
        createdAt: NOW,
        createdBy: 'u',
        revokedAt: null,
        revokedBy: null,
      },
      null,
    );
    expect(view).toEqual({ id: 'okey_1', name: '区平台', hint: `hl311_…${key.slice(-4)}`, active: true, createdAt: NOW, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(view)).not.toContain('"h"');
  });

  it('counts requests in fixed Beijing minutes and refuses the one past the limit', () => {
    const w = rateWindow(NOW);
    expect(w).toBe('2026-11-23T10:00');
    expect(rateStep(null, w, 3)).toEqual({ take: true, count: 1 });
    expect(rateStep({ window: w, count: 2 }, w, 3)).toEqual({ take: true, count: 3 });
    expect(rateStep({ window: w, count: 3 }, w, 3)).toEqual({ take: false });
    expect(rateStep({ window: '2026-11-23T09:59', count: 3 }, w, 3)).toEqual({ take: true, count: 1 });
    expect(secondsToNextWindow('2026-11-23T02:00:45.500Z')).toBe(15);
    expect(secondsToNextWindow(NOW)).toBe(60);
  });
});
