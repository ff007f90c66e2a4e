import { ok, type Result } from '../../shared/api/envelope';
import { isCommunityLevel } from '../../shared/territory/kinds';
import { loadNodeOf, type NodeDoc } from '../_core/nodes';
import type { Store } from '../_core/ports';
import { effectiveTemplate } from './check-store';
import type { Template } from '../../shared/liuyou/template';

/** A street, its community-level places (communities and 集中居住区) in tree order, and its current template. */
export interface StreetScope {
  street: NodeDoc;
  places: NodeDoc[];
  template: Template;
}

/** The street's scope, read in one round trip; a street that is not one answers at `payload.streetId`. */
export async function loadStreetScope(store: Store, streetId: string): Promise<Result<StreetScope>> {
  const [street, children, template] = await Promise.all([
    loadNodeOf(store, streetId, 'payload.streetId', ['street']),
    store.find<NodeDoc>(
      'nodes',
      { parentId: streetId },
      {
        sort: [
          ['parentId', 1],
          ['order', 1],
        ],
        limit: 1000,
      },
    ),
    effectiveTemplate(store, streetId),
  ]);
  if (!street.ok) return street;
  return ok({ street: street.data, places: children.filter((n) => isCommunityLevel(n.kind)), template });
}
