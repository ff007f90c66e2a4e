import type { User } from '../accounts/accounts.schema';
import type { PlacePath } from '../territory/territory.schema';
import type { AvailabilityWindow } from './dispatch';
import type { VolunteerDoc } from './orders.schema';

/** Ordinary hours for a new volunteer: every day 7:00–22:00 Beijing time, until they set their own. */
export const DEFAULT_AVAILABILITY: AvailabilityWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], from: 7 * 60, to: 22 * 60 }];

/** The dispatch profile a volunteer gets when they become one at a grid. */
export function volunteerProfileDoc(
  user: Pick<User, '_id' | 'name' | 'volunteer' | 'home'>,
  grid: PlacePath,
  availability: AvailabilityWindow[] = DEFAULT_AVAILABILITY,
): VolunteerDoc {
  return {
    _id: user._id,
    userId: user._id,
    name: user.name,
    active: true,
    skills: user.volunteer?.skills ?? [],
    availability,
    openLoad: 0,
    lastAssignedAt: null,
    ratingSum: 0,
    ratingCount: 0,
    streetId: grid.streetId,
    communityId: grid.communityId ?? '',
    gridId: grid.gridId ?? '',
    ...(user.home?.path.microGridId ? { microGridId: user.home.path.microGridId } : {}),
    ...(user.home?.buildingId ? { buildingId: user.home.buildingId } : {}),
    version: 1,
  };
}
