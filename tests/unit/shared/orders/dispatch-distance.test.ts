import fc from 'fast-check';
import { distanceMeters, distanceWords, FAR_M, NEAR_M, proximityOf, type Point } from '../../../../shared/kernel/geo';
import { dispatch, explain, readExplanation, scoreCandidate, DEFAULT_DISPATCH } from '../../../../shared/orders/dispatch';
import { dispatchOrderOf } from '../../../../shared/orders/dispatch-step';
import { NOW, order, volunteer } from '../../../helpers/dispatch-fixtures';

/** A lamp post in 幸福里 (the demo's station is nearby). */
const LAMP: Point = { lat: 30.5728, lng: 104.0668 };
/** A point `meters` north of `p` (one degree of latitude ≈ 111.2 km). */
const north = (p: Point, meters: number): Point => ({ lat: p.lat + meters / 111_195, lng: p.lng });

const point = fc.record({ lat: fc.double({ min: -80, max: 80, noNaN: true }), lng: fc.double({ min: -179, max: 179, noNaN: true }) });
/** Points within a few kilometres of the lamp: where dispatch's distances live. */
const nearby = fc.record({
  lat: fc.double({ min: LAMP.lat - 0.03, max: LAMP.lat + 0.03, noNaN: true }),
  lng: fc.double({ min: LAMP.lng - 0.03, max: LAMP.lng + 0.03, noNaN: true }),
});

describe('distanceMeters', () => {
  it('measures known distances to within a metre or two', () => {
    expect(distanceMeters(LAMP, LAMP)).toBe(0);
    expect(Math.abs(distanceMeters(LAMP, north(LAMP, 350)) - 350)).toBeLessThanOrEqual(1);
    // The demo's two stations, 幸福里 and 和平新村: about 1.1 km apart.
    expect(distanceMeters({ lat: 30.5728, lng: 104.0668 }, { lat: 30.5801, lng: 104.0752 })).toBeGreaterThan(1_100);
    expect(distanceMeters({ lat: 30.5728, lng: 104.0668 }, { lat: 30.5801, lng: 104.0752 })).toBeLessThan(1_200);
  });

  it('is symmetric and never negative (property)', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distanceMeters(a, b);
        expect(d).toBe(distanceMeters(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('says a distance in a person’s words', () => {
    expect(distanceWords(348)).toBe('约 350 米');
    expect(distanceWords(3)).toBe('约 10 米');
    expect(distanceWords(1_240)).toBe('约 1.2 公里');
  });
});

describe('proximityOf', () => {
  it('is 1 within 300 m, 0 from 2 km, linear between', () => {
    expect(proximityOf(0)).toBe(1);
    expect(proximityOf(NEAR_M)).toBe(1);
    expect(proximityOf(FAR_M)).toBe(0);
    expect(proximityOf(10_000)).toBe(0);
    expect(proximityOf((NEAR_M + FAR_M) / 2)).toBeCloseTo(0.5);
  });

  it('stays in [0, 1] and never grows with distance (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50_000, noNaN: true }), fc.double({ min: 0, max: 50_000, noNaN: true }), (a, b) => {
        const [near, far] = a <= b ? [a, b] : [b, a];
        expect(proximityOf(near)).toBeGreaterThanOrEqual(0);
        expect(proximityOf(near)).toBeLessThanOrEqual(1);
        expect(proximityOf(far)).toBeLessThanOrEqual(proximityOf(near));
      }),
    );
  });
});

describe('dispatch by distance', () => {
  const atLamp = { ...order, point: LAMP };

  it('weighs the distance when the order and the volunteer both have a point, and says how far', () => {
    const s = scoreCandidate(volunteer('v', { point: north(LAMP, 350) }), atLamp, NOW, DEFAULT_DISPATCH);
    expect(s.parts.proximity).toBeCloseTo(DEFAULT_DISPATCH.weights.proximity * proximityOf(350), 5);
    expect(s.why).toContain('距离约 350 米');
    // The reason stored with the order reads back with the distance as one of its chips.
    expect(readExplanation(explain(dispatch(atLamp, [volunteer('v', { point: north(LAMP, 350) })], NOW)))?.chosen?.why).toContain('距离约 350 米');
  });

  it('falls back to the building and micro-grid when either has no point', () => {
    expect(scoreCandidate(volunteer('v', { buildingId: 'b1' }), atLamp, NOW, DEFAULT_DISPATCH).why).toContain('同一楼栋');
    expect(scoreCandidate(volunteer('v', { buildingId: 'b1', point: LAMP }), order, NOW, DEFAULT_DISPATCH).why).toContain('同一楼栋');
  });

  it('offers the order to the nearer of two otherwise equal volunteers', () => {
    const d = dispatch(atLamp, [volunteer('far', { point: north(LAMP, 1_500) }), volunteer('near', { point: north(LAMP, 200) })], NOW);
    expect(d.chosen?.userId).toBe('near');
  });

  it('never scores a nearer volunteer lower, all else equal (property)', () => {
    fc.assert(
      fc.property(nearby, nearby, nearby, (o, a, b) => {
        const withOrder = { ...order, point: o };
        const [near, far] = distanceMeters(o, a) <= distanceMeters(o, b) ? [a, b] : [b, a];
        const sNear = scoreCandidate(volunteer('x', { point: near }), withOrder, NOW, DEFAULT_DISPATCH).score;
        const sFar = scoreCandidate(volunteer('x', { point: far }), withOrder, NOW, DEFAULT_DISPATCH).score;
        expect(sNear).toBeGreaterThanOrEqual(sFar);
      }),
    );
  });

  it('takes the order’s point from its place (dispatchOrderOf), without the resident’s name for it', () => {
    const placed = {
      category: '公共设施' as const,
      level: 'grid' as const,
      posterId: 'p',
      excluded: [],
      place: { path: { streetId: 's', communityId: 'c1', gridId: 'g1' }, buildingId: 'b1', room: null, point: { ...LAMP, name: '3号楼东侧路灯' }, label: '' },
    };
    expect(dispatchOrderOf(placed).point).toEqual(LAMP);
    expect(dispatchOrderOf({ ...placed, place: { ...placed.place, point: null } }).point).toBeUndefined();
  });
});
