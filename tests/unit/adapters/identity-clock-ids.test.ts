import * as cloudbase from '@cloudbase/node-sdk';
import { localClock, systemClock } from '../../../cloudfunctions/_core/adapters/clock';
import { cloudIdentity, localIdentity } from '../../../cloudfunctions/_core/adapters/identity';
import { cryptoIds } from '../../../cloudfunctions/_core/adapters/ids';

describe('identity', () => {
  it('locally takes the persona the gateway put in the context, never the event body', () => {
    const id = localIdentity();
    expect(id.local).toBe(true);
    expect(id.openid({ openid: 'evil' }, { persona: 'demo-resident' })).toBe('demo-resident');
    expect(id.openid({ openid: 'evil', persona: 'evil' }, {})).toBeNull();
    expect(id.openid({}, { persona: 'has space' })).toBeNull();
    expect(id.openid({}, { persona: 42 })).toBeNull();
    expect(id.openid({}, undefined)).toBeNull();
  });

  describe('in production, through the real cloudbase.getCloudbaseContext', () => {
    const saved = { ...process.env };
    beforeEach(() => {
      for (const k of ['WX_OPENID', 'WX_CONTEXT_KEYS', 'TCB_CONTEXT_KEYS']) delete process.env[k];
    });
    afterAll(() => {
      process.env = saved;
    });
    const id = cloudIdentity((context) => cloudbase.getCloudbaseContext(context as Parameters<typeof cloudbase.getCloudbaseContext>[0]));

    it('reads WX_OPENID from the function context', () => {
      expect(id.local).toBe(false);
      const context = { environment: JSON.stringify({ WX_OPENID: 'oAbC_123-x', WX_APPID: 'wx1' }) };
      expect(id.openid({ openid: 'evil', userInfo: { openId: 'evil' } }, context)).toBe('oAbC_123-x');
    });

    it('answers null without an OPENID (a timer trigger, a call from outside WeChat) or with a malformed context', () => {
      expect(id.openid({ openid: 'evil' }, { environment: JSON.stringify({ TRIGGER_SRC: 'timer' }) })).toBeNull();
      expect(id.openid({ openid: 'evil' }, {})).toBeNull();
      expect(id.openid({ openid: 'evil' }, { environment: 'not json' })).toBeNull();
      expect(id.openid({ openid: 'evil' }, { environment: JSON.stringify({ WX_OPENID: '<script>' }) })).toBeNull();
    });
  });
});

describe('clock', () => {
  it('the system clock gives ISO instants', () => {
    expect(systemClock().now()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('the local clock follows the system until pinned, then moves only when told', () => {
    let system = Date.parse('2026-11-01T08:00:00.000Z');
    const clock = localClock(null, () => system);
    expect(clock.now()).toBe('2026-11-01T08:00:00.000Z');
    system += 1000;
    expect(clock.now()).toBe('2026-11-01T08:00:01.000Z');
    clock.set('2026-12-24T18:00:00+08:00');
    system += 60_000;
    expect(clock.now()).toBe('2026-12-24T10:00:00.000Z');
    expect(clock.advance(3 * 3600_000)).toBe('2026-12-24T13:00:00.000Z');
    expect(clock.now()).toBe('2026-12-24T13:00:00.000Z');
    clock.set(null);
    expect(clock.pinned).toBeNull();
    expect(clock.now()).toBe(new Date(system).toISOString());
    expect(() => clock.set('not a date')).toThrow(/instant/);
  });
});

describe('ids', () => {
  const ids = cryptoIds();

  it('are a prefix and 20 base32 characters, and do not repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(ids.id('usr'));
    expect(seen.size).toBe(20_000);
    for (const id of [...seen].slice(0, 100)) expect(id).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{20}$/);
    expect(() => ids.id('Bad Prefix')).toThrow(/prefix/);
  });

  it('random integers are whole, non-negative, below 2^32 and spread out', () => {
    const values = ids.randomInts(1000);
    expect(values).toHaveLength(1000);
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
    // Each of 8 buckets gets a fair share (a broken generator would not).
    const buckets = Array.from({ length: 8 }, (_, b) => values.filter((v) => v % 8 === b).length);
    expect(Math.min(...buckets)).toBeGreaterThan(60);
    expect(ids.randomInts(0)).toEqual([]);
    expect(() => ids.randomInts(-1)).toThrow();
  });
});
