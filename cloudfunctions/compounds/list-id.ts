/** Where a community's responsibility list (责任清单) lives: one document per community, read by id (orders read it too). */
export const RESPONSIBILITY_LISTS = 'responsibility_lists';
export const responsibilityListId = (communityId: string) => `rl_${communityId}`;
