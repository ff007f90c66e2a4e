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

/** Children a household can live under: the tree proper, without stations. */
export function placeChildren(index: TreeIndex, id: string | null): TreeNode[] {
  return (index.children.get(id) ?? []).filter((n) => n.kind !== 'station')
}
