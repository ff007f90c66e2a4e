import { isCommunityLevel } from '@shared/territory/kinds'
import type { TreeNode } from '../services/accounts'

/** The territory tree as the client needs it: children by parent, ancestors of a node. */
export interface TreeIndex {
  byId: Map<string, TreeNode>
  children: Map<string | null, TreeNode[]>
}

export function indexTree(nodes: readonly TreeNode[]): TreeIndex {
  const byId = new Map<string, TreeNode>()
  const children = new Map<string | null, TreeNode[]>()
  for (const n of nodes) {
    byId.set(n.id, n)
    const parent = n.parentId !== null && nodes.some((p) => p.id === n.parentId) ? n.parentId : null
    const list = children.get(parent) ?? []
    list.push(n)
    children.set(parent, list)
  }
  return { byId, children }
}

/** The node and its ancestors, top-down. */
export function lineage(index: TreeIndex, id: string | null): TreeNode[] {
  const out: TreeNode[] = []
  let cur = id === null ? undefined : index.byId.get(id)
  while (cur) {
    out.unshift(cur)
    cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId)
  }
  return out
}

/** Children a household can live under: the tree proper, without stations and compounds (which sit beside it). */
export function placeChildren(index: TreeIndex, id: string | null): TreeNode[] {
  return (index.children.get(id) ?? []).filter((n) => n.kind !== 'station' && n.kind !== 'compound')
}

/**
 * Only these places and what lies below them (a leader posting for a resident may post only where
 * they lead: the server's rule in orders.post). A node is offered when it lies inside one of the
 * places, or above one on the way down to it. Null: everything is offered.
 */
export function offeredWithin(index: TreeIndex, within: ReadonlySet<string> | null): (n: TreeNode) => boolean {
  if (!within) return () => true
  const above = new Set<string>()
  for (const id of within) for (const n of lineage(index, id)) above.add(n.id)
  return (n) => above.has(n.id) || lineage(index, n.id).some((x) => within.has(x.id))
}

/** One place in the picker: a building is a leaf (picking it is the answer); any other place opens. */
export interface PlaceOption {
  value: string
  text: string
  /** Absent on buildings; an empty list for a place with nothing registered below it yet. */
  children?: PlaceOption[]
}

/** The tree below `id` as the picker's options: the tree proper (no stations), only what is offered. */
export function placeOptions(index: TreeIndex, offered: (n: TreeNode) => boolean = () => true, id: string | null = null): PlaceOption[] {
  return placeChildren(index, id)
    .filter(offered)
    .map((n) => (n.kind === 'building' ? { value: n.id, text: n.name } : { value: n.id, text: n.name, children: placeOptions(index, offered, n.id) }))
}

/**
 * Where the picker opens, top-down: at a chosen building (its path), at `startAt` (a station's grid),
 * or past the levels that offer one choice only (one street, one community), where choosing begins.
 */
export function openingPath(index: TreeIndex, offered: (n: TreeNode) => boolean = () => true, at: string | null = null): string[] {
  if (at && index.byId.has(at)) return lineage(index, at).map((n) => n.id)
  const path: string[] = []
  for (;;) {
    const kids = placeChildren(index, path[path.length - 1] ?? null).filter(offered)
    if (kids.length !== 1 || kids[0]!.kind === 'building') return path
    path.push(kids[0]!.id)
  }
}

/** A community a leader may look at. */
export interface CommunityChoice {
  id: string
  name: string
}

/**
 * The communities behind the places the server opens a menu at for the caller: a community (or
 * 集中居住区) place is itself, a street place each community and settlement under it (from the tree;
 * none until it has loaded).
 */
export function communitiesOf(
  places: readonly { nodeId: string; nodeKind: string; nodeName: string }[],
  tree: readonly { id: string; kind: string; name: string; parentId: string | null }[] | null,
): CommunityChoice[] {
  const out: CommunityChoice[] = []
  const seen = new Set<string>()
  const add = (id: string, name: string) => {
    if (seen.has(id)) return
    seen.add(id)
    out.push({ id, name })
  }
  for (const p of places) {
    if (isCommunityLevel(p.nodeKind)) add(p.nodeId, p.nodeName)
    else if (p.nodeKind === 'street' && tree) for (const n of tree) if (isCommunityLevel(n.kind) && n.parentId === p.nodeId) add(n.id, n.name)
  }
  return out
}
