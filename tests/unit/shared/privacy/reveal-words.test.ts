import type { Membership } from '../../../../shared/accounts/accounts.schema';
import { dayRange, isCalendarDay, nearestRoleOver, orderWords, readerRoleWords, revealerWords, roleWords } from '../../../../shared/privacy/reveal-words';
import { LEADER_ROLES } from '../../../../shared/accounts/roles';

const held = (role: Membership['role'], nodeId: string, nodeKind: string, path: Membership['path']) => ({ role, nodeId, nodeKind, path });
const home = { streetId: 'st01', communityId: 'cm01', gridId: 'cm01-gd1', buildingId: 'cm01-gd1-bd1' };

describe('who read it, in the words the person reads', () => {
  it('names a leader by role and name, and an assignee only by what they did', () => {
    expect(revealerWords('leader', 'gridLeader', '李建国')).toBe('网格长 李建国');
    expect(revealerWords('leader', 'streetAdmin', '王芳')).toBe('街道管理员 王芳');
    expect(revealerWords('assignee', 'volunteer', '王小明')).toBe('接单志愿者');
  });

  it('says 工作人员 when the role is not known, and leaves out a name that is gone', () => {
    expect(roleWords(null)).toBe('工作人员');
    expect(roleWords('toString')).toBe('工作人员');
    expect(revealerWords('leader', null, '李建国')).toBe('工作人员 李建国');
    expect(revealerWords('leader', 'gridLeader', null)).toBe('网格长');
    expect(readerRoleWords('assignee', null)).toBe('接单志愿者');
    expect(readerRoleWords('leader', 'communityAdmin')).toBe('社区书记');
  });

  it('names the order by its category and the Beijing day it was posted', () => {
    // 17:30 UTC on 30 Nov is already 1 December in Beijing.
    expect(orderWords({ category: '水电维修', postedAt: '2026-11-30T17:30:00.000Z' })).toBe('水电维修 · 12月1日');
  });
});

describe('the role by which a leader sees a place', () => {
  it('is the nearest of the roles held over it', () => {
    const memberships = [
      held('streetAdmin', 'st01', 'street', { streetId: 'st01' }),
      held('gridLeader', 'cm01-gd1', 'grid', { streetId: 'st01', communityId: 'cm01', gridId: 'cm01-gd1' }),
    ];
    expect(nearestRoleOver(memberships, home, LEADER_ROLES)).toBe('gridLeader');
    expect(nearestRoleOver(memberships, { streetId: 'st01', communityId: 'cm02' }, LEADER_ROLES)).toBe('streetAdmin');
  });

  it('is none for a place not led, or roles that do not count', () => {
    expect(nearestRoleOver([held('gridLeader', 'cm01-gd2', 'grid', { streetId: 'st01', communityId: 'cm01', gridId: 'cm01-gd2' })], home, LEADER_ROLES)).toBeNull();
    expect(nearestRoleOver([held('volunteer', 'cm01-gd1', 'grid', { streetId: 'st01', communityId: 'cm01', gridId: 'cm01-gd1' })], home, LEADER_ROLES)).toBeNull();
  });
});

describe('Beijing days as instants', () => {
  it('bounds both days included, from Beijing midnight to the next', () => {
    expect(dayRange('2026-12-01', '2026-12-01')).toEqual({ $gte: '2026-11-30T16:00:00.000Z', $lt: '2026-12-01T16:00:00.000Z' });
    expect(dayRange(undefined, '2026-12-31')).toEqual({ $lt: '2026-12-31T16:00:00.000Z' });
    expect(dayRange('2026-12-01', undefined)).toEqual({ $gte: '2026-11-30T16:00:00.000Z' });
    expect(dayRange(undefined, undefined)).toBeNull();
  });

  it('knows the days of the calendar', () => {
    expect(['2026-12-01', '2028-02-29', '2026-12-31'].map(isCalendarDay)).toEqual([true, true, true]);
    expect(['2026-13-01', '2026-02-29', '2026-00-10', '2026-04-31', '2026-12-1', ''].map(isCalendarDay)).toEqual([false, false, false, false, false, false]);
  });
});
