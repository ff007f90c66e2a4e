import * as z from 'zod';

/**
 * 街道 → 社区 → 网格 → 微网格 → 楼栋; 党群服务站 hang off a community and serve grids. A rural
 * 集中居住区 (settlement) is the street's other basic unit beside the urban 社区: it stands at community
 * depth, its path names it as the community (`path.communityId`), and grids hang below it. A
 * residential compound (小区, 三方共治) hangs off a grid and spans some of its buildings: their paths
 * name it (`path.compoundId`), so everything copied from a building's path (homes, orders) does too.
 */
export const NODE_KINDS = ['street', 'community', 'settlement', 'grid', 'microGrid', 'building', 'station', 'compound'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * The levels of the tree proper, top-down. A station is beside the tree, under a community; a
 * settlement is not a level of its own but stands at the community level (`isCommunityLevel`).
 */
export const TREE_LEVELS = ['street', 'community', 'grid', 'microGrid', 'building'] as const;
export type TreeLevel = (typeof TREE_LEVELS)[number];

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  street: '街道',
  community: '社区',
  settlement: '集中居住区',
  grid: '网格',
  microGrid: '微网格',
  building: '楼栋',
  station: '党群服务站',
  compound: '小区',
};

/**
 * The ancestors of a node, and the node itself, keyed by level. Stored on every node, and copied
 * onto everything that hangs on a node (households, roles, later orders), so "at this node and below"
 * is one indexed equality: `path.<kind>Id = nodeId`.
 */
export const PlacePath = z.object({
  streetId: z.string(),
  /** The community or settlement (集中居住区): both stand at this level. */
  communityId: z.string().optional(),
  gridId: z.string().optional(),
  microGridId: z.string().optional(),
  buildingId: z.string().optional(),
  /** The residential compound (小区) the place lies in, when it lies in one: beside the levels, not one of them. */
  compoundId: z.string().optional(),
});
export type PlacePath = z.infer<typeof PlacePath>;

export const TerritoryNode = z.object({
  _id: z.string(),
  kind: z.enum(NODE_KINDS),
  name: z.string(),
  parentId: z.string().nullable(),
  path: PlacePath,
  /** Stations only: the grids the station serves (of its community or settlement). */
  servesGridIds: z.array(z.string()).optional(),
  /** Stations only. */
  address: z.string().optional(),
  openingHours: z.string().optional(),
  order: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TerritoryNode = z.infer<typeof TerritoryNode>;

/** What a client sees of a node. */
export const NodeView = z.object({
  id: z.string(),
  kind: z.enum(NODE_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  servesGridIds: z.array(z.string()).optional(),
  address: z.string().optional(),
  openingHours: z.string().optional(),
});
export type NodeView = z.infer<typeof NodeView>;
