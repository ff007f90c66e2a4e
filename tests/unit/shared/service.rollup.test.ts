import fc from 'fast-check';
import { rollupTotals } from '../../../shared/kernel/rollup';
import { unitKeyOf, type ServiceEntry } from '../../../shared/service/entry';
import { workUnitReports } from '../../../shared/service/record';
import { serviceContributions, type RolledEntry } from '../../../shared/service/service.rollup';

const PLACE = { streetId: 's1', communityId: 'c1', gridId: 'g1' };
const entry = (e: Partial<RolledEntry> & { status?: string }): RolledEntry => ({ source: 'order', verified: true, hours: 1.5, month: '2026-11', ...PLACE, workUnit: null, ...e });
const countsOf = (e: RolledEntry) => Object.fromEntries(serviceContributions(e).map((c) => [c.id, c.counts]));

describe('service rollups (kind service)', () => {
  it('counts a verified entry once at its street, community and grid, in hundredths of an hour by source', () => {
    expect(serviceContributions(entry({ hours: 1.67 }))).toEqual([
      { id: 'service:s1:2026-11', init: { kind: 'service', level: 'street', nodeId: 's1', parentId: null, month: '2026-11' }, counts: { h_order: 167 } },
      { id: 'service:c1:2026-11', init: { kind: 'service', level: 'community', nodeId: 'c1', parentId: 's1', month: '2026-11' }, counts: { h_order: 167 } },
      { id: 'service:g1:2026-11', init: { kind: 'service', level: 'grid', nodeId: 'g1', parentId: 'c1', month: '2026-11' }, counts: { h_order: 167 } },
    ]);
  });

  it.each([
    ['a closed order', entry({ source: 'order' }), { h_order: 150 }],
    ['a duty credited at check-out', entry({ source: 'duty' }), { h_duty: 150 }],
    ['a duty awaiting a leader (not verified)', entry({ source: 'duty', verified: false, hours: 0 }), null],
    ['a duty a leader confirmed at 0 minutes', entry({ source: 'duty', verified: true, hours: 0 }), null],
    ['hand-entered hours pending', entry({ source: 'manual', verified: false, status: 'pending' }), null],
    ['hand-entered hours returned', entry({ source: 'manual', verified: false, status: 'rejected' }), null],
    ['hand-entered hours approved', entry({ source: 'manual', verified: true, status: 'approved', hours: 3 }), { h_manual: 300 }],
    ['hand-entered hours approved in part (what was approved)', entry({ source: 'manual', verified: true, status: 'approved', hours: 4 }), { h_manual: 400 }],
  ])('%s', (_name, e, counts) => {
    expect(countsOf(e)['service:g1:2026-11'] ?? null).toEqual(counts);
  });

  it("counts an in-service party member's hours again under their work unit (双报到), its name as the label", () => {
    const key = `u_${unitKeyOf('区卫健委')}`;
    const [street] = serviceContributions(entry({ source: 'duty', hours: 2, workUnit: '区卫健委' }));
    expect(street).toEqual(expect.objectContaining({ counts: { h_duty: 200, [key]: 200 }, labels: { [key]: '区卫健委' } }));
    expect(key).toMatch(/^u_[a-z0-9]{1,16}$/);
  });

  it('counts an older entry where it names a place (its community) and for no unit; an older order entry nowhere', () => {
    expect(serviceContributions(entry({ source: 'duty', streetId: undefined, gridId: undefined, workUnit: undefined }))).toEqual([
      { id: 'service:c1:2026-11', init: { kind: 'service', level: 'community', nodeId: 'c1', parentId: null, month: '2026-11' }, counts: { h_duty: 150 } },
    ]);
    expect(serviceContributions(entry({ streetId: undefined, communityId: undefined, gridId: undefined }))).toEqual([]);
  });

  const volunteer = fc.record({ id: fc.constantFrom('v1', 'v2', 'v3', 'v4') });
  const anyEntry = fc.record({
    source: fc.constantFrom('order' as const, 'duty' as const, 'manual' as const),
    verified: fc.boolean(),
    status: fc.constantFrom('pending', 'approved', 'rejected'),
    hundredths: fc.integer({ min: 0, max: 800 }),
    month: fc.constantFrom('2026-10', '2026-11'),
    gridId: fc.constantFrom('g1', 'g2'),
  });

  it('property: the rollups of any entries are the hours computed from the entries — by source, and by unit as the work-unit report counts them', () => {
    // Each volunteer keeps one unit (or none) here, so the work-unit report of their entries is comparable.
    const units: Record<string, string | null> = { v1: '区卫健委', v2: '区税务局', v3: null, v4: '区卫健委' };
    fc.assert(
      fc.property(fc.array(fc.tuple(volunteer, anyEntry), { maxLength: 40 }), (rows) => {
        const entries = rows.map(([v, e], i) => {
          // A hand entry is verified exactly when approved, as the review writes it.
          const verified = e.source === 'manual' ? e.status === 'approved' : e.verified;
          return {
            _id: `e${i}`,
            volunteerId: v.id,
            source: e.source,
            verified,
            ...(e.source === 'manual' ? { status: e.status } : {}),
            hours: e.hundredths / 100,
            month: e.month,
            streetId: 's1',
            communityId: 'c1',
            gridId: e.gridId,
            workUnit: units[v.id] ?? null,
          } as RolledEntry & { _id: string; volunteerId: string };
        });
        const totals = rollupTotals(serviceContributions, entries);
        for (const month of ['2026-10', '2026-11']) {
          for (const [node, at] of [
            ['c1', () => true],
            ['g1', (e: { gridId?: string }) => e.gridId === 'g1'],
          ] as const) {
            const mine = entries.filter((e) => e.month === month && at(e) && e.verified);
            const t = totals.get(`service:${node}:${month}`)?.counts ?? {};
            for (const source of ['order', 'duty', 'manual'] as const) {
              expect(t[`h_${source}`] ?? 0).toBe(Math.round(mine.filter((e) => e.source === source).reduce((n, e) => n + e.hours, 0) * 100));
            }
            const members = Object.entries(units).flatMap(([id, unit]) => (unit ? [{ id, name: id, workUnit: unit, partyBranch: '' }] : []));
            for (const report of workUnitReports(month, members, mine as unknown as (ServiceEntry & { volunteerId: string })[])) {
              expect(t[`u_${unitKeyOf(report.workUnit)}`] ?? 0).toBe(Math.round(report.totalHours * 100));
            }
          }
          // The street is the sum of its grids.
          const street = totals.get(`service:s1:${month}`)?.counts ?? {};
          const grids = ['g1', 'g2'].map((g) => totals.get(`service:${g}:${month}`)?.counts ?? {});
          for (const k of new Set([...Object.keys(street), ...grids.flatMap(Object.keys)])) expect(street[k] ?? 0).toBe(grids.reduce((n, g) => n + (g[k] ?? 0), 0));
        }
      }),
    );
  });
});
