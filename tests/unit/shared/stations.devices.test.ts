import fc from 'fast-check';
import { DEVICE_TOKEN_PATTERN, deviceRefusal, deviceView, newDeviceToken, touchDue, TOUCH_EVERY_MS } from '../../../shared/stations/devices';
import type { StationDeviceDoc } from '../../../shared/stations/devices.schema';

const doc: StationDeviceDoc = {
  _id: 'dev-1',
  version: 1,
  stationId: 'cm01-sta1',
  path: { streetId: 'st01', communityId: 'cm01' },
  label: '一楼大厅电视',
  hash: 'f'.repeat(64),
  hint: 'k6jz',
  issuedAt: '2026-11-23T02:00:00.000Z',
  issuedBy: 'usr-admin',
  lastUsedAt: null,
  revokedAt: null,
  revokedBy: null,
};

describe('device tokens', () => {
  it('are hlscr_ and 32 base32 characters from any random integers, and match the pattern the server checks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 32, maxLength: 40 }), (ints) => {
        expect(newDeviceToken(ints)).toMatch(DEVICE_TOKEN_PATTERN);
      }),
    );
    expect(() => newDeviceToken([1, 2, 3])).toThrow();
  });
});

describe('whether a device may act for a station', () => {
  it('refuses an unknown token, then a revoked one, then one of another station; allows its own station', () => {
    expect(deviceRefusal(null, 'cm01-sta1')).toBe('STATION.DEVICE_UNKNOWN');
    expect(deviceRefusal({ ...doc, revokedAt: '2026-11-23T03:00:00.000Z' }, 'cm02-sta1')).toBe('STATION.DEVICE_REVOKED');
    expect(deviceRefusal(doc, 'cm02-sta1')).toBe('STATION.DEVICE_OTHER_STATION');
    expect(deviceRefusal(doc, 'cm01-sta1')).toBeNull();
  });
});

describe('when a device records its last use', () => {
  it('the first time, then once the interval has passed', () => {
    expect(touchDue(null, '2026-11-23T02:00:00.000Z')).toBe(true);
    const at = Date.parse('2026-11-23T02:00:00.000Z');
    expect(touchDue(new Date(at).toISOString(), new Date(at + TOUCH_EVERY_MS - 1).toISOString())).toBe(false);
    expect(touchDue(new Date(at).toISOString(), new Date(at + TOUCH_EVERY_MS).toISOString())).toBe(true);
  });
});

describe('what an admin sees of a device', () => {
  it('names the people, shows the last four characters and never the hash', () => {
    const names = new Map([['usr-admin', '陈丽华']]);
    const view = deviceView({ ...doc, revokedAt: '2026-11-23T03:00:00.000Z', revokedBy: 'usr-admin' }, names);
    expect(view).toEqual({
      id: 'dev-1',
      stationId: 'cm01-sta1',
      label: '一楼大厅电视',
      hint: '…k6jz',
      issuedBy: '陈丽华',
      issuedAt: doc.issuedAt,
      lastUsedAt: null,
      active: false,
      revokedAt: '2026-11-23T03:00:00.000Z',
      revokedBy: '陈丽华',
    });
    expect(JSON.stringify(view)).not.toContain(doc.hash);
  });
});
