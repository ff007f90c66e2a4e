import type { Actor } from '../../shared/accounts/accounts.policy';
import type { ResponsibilitiesOutput, ResponsibilityChangeView } from '../../shared/compounds/compounds.api.schema';
import { responsibilityListActions } from '../../shared/compounds/compounds.policy';
import type { Compound, ResponsibilityRule } from '../../shared/compounds/compounds.schema';
import { DEFAULT_RESPONSIBILITIES, responsibilityTable } from '../../shared/compounds/responsibility';
import type { PlacePath } from '../../shared/territory/territory.schema';
import type { NodeDoc } from '../_core/nodes';
import { ok } from '../../shared/api/envelope';
import { COMMUNITY_KINDS } from '../../shared/territory/kinds';
import { loadNodeOf } from '../_core/nodes';
import type { Doc, Store } from '../_core/ports/store';
import { RESPONSIBILITY_LISTS, responsibilityListId } from './list-id';

export { RESPONSIBILITY_LISTS, responsibilityListId };

/** The change log keeps this many saves; the 公示 shows the newest `SHOWN_CHANGES`. */
export const KEPT_CHANGES = 50;
export const SHOWN_CHANGES = 20;

/** One save that changed the list: who (by id, named at read time), as what, and the lines it changed. */
export interface ResponsibilityChange {
  at: string;
  byId: string;
  roleLabel: string;
  lines: string[];
}

export interface ResponsibilityListDoc extends Doc {
  communityId: string;
  path: PlacePath;
  version: number;
  rules: ResponsibilityRule[];
  /** Oldest first. */
  changes: ResponsibilityChange[];
  updatedAt: string;
}

export type CompoundDoc = Compound & NodeDoc;

export const loadResponsibilityList = (store: Store, communityId: string) => store.get<ResponsibilityListDoc>(RESPONSIBILITY_LISTS, responsibilityListId(communityId));

/**
 * The rules orders are routed by in the community: its stored list, or the street's defaults when it
 * never saved one.
 */
export async function loadResponsibilities(store: Store, communityId: string): Promise<readonly ResponsibilityRule[]> {
  return (await loadResponsibilityList(store, communityId))?.rules ?? DEFAULT_RESPONSIBILITIES;
}

/** The community's compounds, in the order of the tree (the `kind` index). */
export const compoundsOf = (store: Store, communityId: string) =>
  store.find<CompoundDoc>(
    'nodes',
    { kind: 'compound', 'path.communityId': communityId },
    {
      sort: [
        ['kind', 1],
        ['order', 1],
      ],
      limit: 1000,
    },
  );

/** A name that is no longer there (an account removed since). */
const GONE = '（已注销）';

/** The 公示 of the community's list as the caller reads it: the changers named in one round trip. */
export async function responsibilitiesView(
  store: Store,
  actor: Actor,
  community: NodeDoc,
  stored: ResponsibilityListDoc | null,
  compounds: readonly CompoundDoc[],
): Promise<ResponsibilitiesOutput> {
  const recent = (stored?.changes ?? []).slice(-SHOWN_CHANGES).reverse();
  const ids = [...new Set(recent.map((c) => c.byId))];
  const users = ids.length ? await store.find<Doc & { name: string }>('users', { _id: { $in: ids } }, { limit: ids.length }) : [];
  const names = new Map(users.map((u) => [u._id, u.name]));
  const rules = stored?.rules ?? [...DEFAULT_RESPONSIBILITIES];
  const changes: ResponsibilityChangeView[] = recent.map((c) => ({ at: c.at, by: { name: names.get(c.byId) ?? GONE, roleLabel: c.roleLabel }, lines: c.lines }));
  return {
    communityId: community._id,
    communityName: community.name,
    version: stored?.version ?? 0,
    rules,
    isDefault: stored === null,
    // Never saved: the cells say the street's defaults speak (source 'default'), as routing without a list does.
    table: responsibilityTable(stored?.rules ?? []),
    compounds: compounds.map((c) => ({ id: c._id, name: c.name, model: c.model })),
    changes,
    allowedActions: responsibilityListActions(actor, community),
  };
}

/** What reading and saving the list both start from: the community, its stored list and its compounds, together. */
export async function loadCommunityList(store: Store, communityId: string) {
  const [community, stored, compounds] = await Promise.all([
    loadNodeOf(store, communityId, 'payload.communityId', COMMUNITY_KINDS),
    loadResponsibilityList(store, communityId),
    compoundsOf(store, communityId),
  ]);
  return community.ok ? ok({ community: community.data, stored, compounds }) : community;
}
