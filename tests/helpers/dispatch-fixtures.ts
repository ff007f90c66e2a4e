import type { Candidate, DispatchOrder } from '../../shared/orders/dispatch';

/** The dispatch tests' shared world: one water-repair order in grid g1 and volunteers to score for it. */
export const NOW = '2026-11-23T02:00:00.000Z'; // Monday 10:00 in Beijing
const ALL_DAY = [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }];
export const order: DispatchOrder = { category: '水电维修', level: 'grid', posterId: 'poster', gridId: 'g1', communityId: 'c1', microGridId: 'm1', buildingId: 'b1', excluded: [] };

/** An active, available, unloaded volunteer of grid g1 skilled in 水电维修; `extra` changes what a test is about. */
export const volunteer = (id: string, extra: Partial<Candidate> = {}): Candidate => ({
  userId: id,
  name: id,
  active: true,
  skills: ['水电维修'],
  availability: ALL_DAY,
  openLoad: 0,
  lastAssignedAt: '2026-11-20T02:00:00.000Z',
  ratingSum: 0,
  ratingCount: 0,
  gridId: 'g1',
  communityId: 'c1',
  ...extra,
});
