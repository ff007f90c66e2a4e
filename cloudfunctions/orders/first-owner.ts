import type { Compound, ResponsibilityRule } from '../../shared/compounds/compounds.schema';
import { firstOwner, type FirstOwner } from '../../shared/orders/desk';
import type { Order } from '../../shared/orders/orders.schema';
import type { NodeDoc } from '../_core/nodes';
import type { Doc, Store } from '../_core/ports/store';
import { RESPONSIBILITY_LISTS, responsibilityListId } from '../compounds/list-id';

type CompoundNode = NodeDoc & Compound;

/**
 * What 三方共治 needs to place a new order in a compound: the community's responsibility list and the
 * staff of the compound's desk, read together (one round trip, and none outside a compound).
 */
export async function loadDeskFacts(store: Store, path: Order['place']['path']): Promise<{ rules: readonly ResponsibilityRule[]; staffIds: string[] } | null> {
  if (!path.compoundId || !path.communityId) return null;
  const [list, staffIds] = await Promise.all([
    store.get<Doc & { rules: ResponsibilityRule[] }>(RESPONSIBILITY_LISTS, responsibilityListId(path.communityId)),
    deskStaffIds(store, path.compoundId),
  ]);
  // A community that never saved a list routes by the defaults, and the reason says so (默认责任清单).
  return { rules: list?.rules ?? [], staffIds };
}

/** The staff of a compound's desk: the holders of 物业客服 there (the memberships' compound index). */
export async function deskStaffIds(store: Store, compoundId: string): Promise<string[]> {
  const held = await store.find<Doc & { userId: string }>('memberships', { 'path.compoundId': compoundId, role: 'property' }, { limit: 100 });
  return [...new Set(held.map((m) => m.userId))];
}

/** The first owner of a new order, from the compound node (read with the place's names) and the facts above. */
export function ownerOf(
  order: Pick<Order, 'category' | 'refusals' | 'place'>,
  nodes: ReadonlyMap<string, NodeDoc>,
  facts: { rules: readonly ResponsibilityRule[]; staffIds: readonly string[] } | null,
  now: string,
): FirstOwner {
  const node = order.place.path.compoundId ? nodes.get(order.place.path.compoundId) : undefined;
  const compound = node && node.kind === 'compound' ? (node as CompoundNode) : null;
  return firstOwner(order, compound, facts?.rules ?? [], facts?.staffIds ?? [], now);
}
