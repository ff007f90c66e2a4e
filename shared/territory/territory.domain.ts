import { NODE_KIND_LABELS, TREE_LEVELS, type NodeKind, type NodeView, type PlacePath, type TerritoryNode, type TreeLevel } from './territory.schema';

export { COMMUNITY_KINDS, isCommunityLevel, LEAD_KINDS, leadLevelOf, type CommunityKind, type LeadLevel } from './kinds';

/** The field of a PlacePath that names a node of this kind. Stations scope like their community; a settlement is its path's community. */
export function pathKey(kind: NodeKind): `${TreeLevel}Id` | 'compoundId' {
  return kind === 'station' || kind === 'settlement' ? 'communityId' : `${kind}Id`;
}

/** The id a station scopes by is its community's; every other node scopes by itself. */
export function scopeIdOf(node: Pick<TerritoryNode, '_id' | 'kind' | 'path'>): string {
  return node.kind === 'station' ? (node.path.communityId ?? node._id) : node._id;
}

/** Is the place `path` at `node` or below it? The whole of "role at node, and below". */
export function isWithin(path: PlacePath, node: Pick<TerritoryNode, '_id' | 'kind' | 'path'>): boolean {
  return path[pathKey(node.kind)] === scopeIdOf(node);
}

/** Depth of a level, 0 for street. Stations and settlements sit at community depth; a compound between its grid and its buildings. */
export function levelDepth(kind: NodeKind): number {
  if (kind === 'compound') return TREE_LEVELS.indexOf('microGrid');
  return kind === 'station' || kind === 'settlement' ? 1 : TREE_LEVELS.indexOf(kind);
}

/** The kind a child of `kind` has in the tree proper, or null below buildings. A settlement's children are grids. */
export function childLevel(kind: NodeKind): TreeLevel | null {
  if (kind === 'station' || kind === 'compound') return null;
  if (kind === 'settlement') return 'grid';
  return TREE_LEVELS[TREE_LEVELS.indexOf(kind) + 1] ?? null;
}

/** A child's path: the parent's path plus the child itself at the child's level (a settlement's is the community's). */
export function childPath(parent: Pick<TerritoryNode, 'path'>, kind: Exclude<NodeKind, 'station'>, id: string): PlacePath {
  return { ...parent.path, [pathKey(kind)]: id };
}

export function toNodeView(node: TerritoryNode): NodeView {
  const view: NodeView = {
    id: node._id,
    kind: node.kind,
    kindLabel: NODE_KIND_LABELS[node.kind],
    name: node.name,
    parentId: node.parentId,
  };
  if (node.servesGridIds) view.servesGridIds = node.servesGridIds;
  if (node.address) view.address = node.address;
  if (node.openingHours) view.openingHours = node.openingHours;
  return view;
}

/** Names along a path, top-down, for "街道 › 社区 › 网格 › 楼栋" breadcrumbs. */
export function breadcrumb(path: PlacePath, byId: ReadonlyMap<string, Pick<TerritoryNode, 'name'>>): string[] {
  const names: string[] = [];
  for (const level of TREE_LEVELS) {
    const id = path[`${level}Id`];
    const node = id === undefined ? undefined : byId.get(id);
    if (node) names.push(node.name);
  }
  return names;
}
