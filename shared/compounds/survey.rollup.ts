import { registerRollupRule, type Contribution } from '../kernel/rollup';
import { beijingMonth } from '../kernel/time';
import type { PlacePath } from '../territory/territory.schema';
import { surveyCounts, type SurveyScores } from './survey';

/**
 * What a resident's quarterly answer about their compound's desk (`compound_surveys`) adds to the
 * rollups of kind `property`: one document per place of the compound's path — its street, community
 * (or settlement), grid and the compound itself — in the Beijing month the answer was last given.
 * The counts are `surveyCounts`: `answers` 1, `satisfied` when the overall score is 4–5, each
 * question's `s_<key>` (the score) and `n_<key>` (1), and the overall score's bucket `o_<n>`. A
 * person answering again in the same quarter replaces their answer: the writer moves its counts.
 *
 * A compound's rollup names its community as its parent, so a community reads its compounds' rows
 * in one query (the `parent_month` index).
 */
export const PROPERTY_ROLLUP_KIND = 'property';

export const propertyRollupId = (nodeId: string, month: string) => `${PROPERTY_ROLLUP_KIND}:${nodeId}:${month}`;

/** A stored answer as the rule reads it. */
export interface RolledSurvey {
  path: PlacePath;
  /** The compound's name as it was when answered: the dashboard's row label. */
  compoundName?: string;
  scores: SurveyScores;
  updatedAt: string;
}

export function surveyContributions(s: RolledSurvey): Contribution[] {
  const month = beijingMonth(s.updatedAt);
  const counts = surveyCounts(s.scores);
  const at = (level: 'street' | 'community' | 'grid' | 'compound', nodeId: string | undefined, parentId: string | null): Contribution[] =>
    nodeId
      ? [
          {
            id: propertyRollupId(nodeId, month),
            init: { kind: PROPERTY_ROLLUP_KIND, level, nodeId, parentId, month },
            counts,
            ...(level === 'compound' && s.compoundName ? { labels: { name: s.compoundName } } : {}),
          },
        ]
      : [];
  const p = s.path;
  return [
    ...at('street', p.streetId, null),
    ...at('community', p.communityId, p.streetId ?? null),
    ...at('grid', p.gridId, p.communityId ?? null),
    ...at('compound', p.compoundId, p.communityId ?? null),
  ];
}

registerRollupRule('compound_surveys', surveyContributions);
