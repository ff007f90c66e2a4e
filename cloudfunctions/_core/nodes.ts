import type { NodeIndex } from '../../shared/accounts/accounts.view';
import { fail, ok, type Result } from '../../shared/api/envelope';
import type { NodeKind, TerritoryNode } from '../../shared/territory/territory.schema';
import type { Store } from './ports';
import type { Doc } from './ports/store';

export type NodeDoc = TerritoryNode & Doc;

/** The named nodes, in one indexed query. */
export async function loadNodes(store: Store, ids: readonly string[]): Promise<NodeIndex & Map<string, NodeDoc>> {
  const unique = [...new Set(ids.filter(Boolean))];
  const nodes = unique.length ? await store.find<NodeDoc>('nodes', { _id: { $in: unique } }, { limit: Math.min(unique.length, 1000) }) : [];
  return new Map(nodes.map((n) => [n._id, n]));
}

/** Every node of the tree, paged through the 1,000-per-call limit. */
export async function loadTree(store: Store): Promise<NodeDoc[]> {
  const all: NodeDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<NodeDoc>('nodes', {}, { sort: [['_id', 1]], skip, limit: 1000 });
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

/**
 * The node an action is about, by id and of one of `kinds` (any kind when none are given); any other
 * id answers TERRITORY.NODE_NOT_FOUND on `field`, the same whether it is missing or of another kind.
 */
export async function loadNodeOf(store: Store, id: string, field: string, kinds?: readonly NodeKind[]): Promise<Result<NodeDoc>> {
  const node = await store.get<NodeDoc>('nodes', id);
  return node && (!kinds || kinds.includes(node.kind)) ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', field);
}
