import type { NodeKind } from './territory.schema';

/*
 * Which kinds of node stand at which level, without the schemas: the app imports this (zod stays out
 * of it), the server through territory.domain.
 */

/**
 * The kinds of node at the community level: the urban 社区 and the rural 集中居住区. Both are judged
 * by the street alike, held by a community admin (社区书记), scoped by `path.communityId`, and have
 * grids below them. Ask `isCommunityLevel(kind)` wherever the question is "is this a community?".
 */
export const COMMUNITY_KINDS = ['community', 'settlement'] as const satisfies readonly NodeKind[];
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

/** Is a node of this kind at the community level (a 社区 or a 集中居住区)? */
export function isCommunityLevel(kind: string): kind is CommunityKind {
  return (COMMUNITY_KINDS as readonly string[]).includes(kind);
}

/** The levels whose leaders handle requests, meetings and checks: grid, community, street. */
export type LeadLevel = 'grid' | 'community' | 'street';

/** The kinds of node led at one of those levels: a grid, a community or settlement, a street. */
export const LEAD_KINDS = ['grid', ...COMMUNITY_KINDS, 'street'] as const satisfies readonly NodeKind[];

/** The level a node of this kind is led at (a settlement's is the community's), or null: micro-grids, buildings, stations. */
export function leadLevelOf(kind: string): LeadLevel | null {
  if (kind === 'grid' || kind === 'street') return kind;
  return isCommunityLevel(kind) ? 'community' : null;
}
