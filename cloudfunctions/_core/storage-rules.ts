/**
 * The cloud storage's security rule, for the deploy to apply. Residents' photos are never readable
 * by a client directly: the functions (admin, not bound by the rule) hand out temporary URLs to
 * those entitled to see the order. A client may write only files it owns (the weapp uploads to
 * `photos/<its user id>/…`; the functions refuse file ids from anyone else's folder).
 */
export const STORAGE_RULE = { read: false, write: 'resource.openid == auth.openid' } as const;

/** The rule as the CloudBase console and API take it (a JSON text). */
export const STORAGE_RULE_JSON = JSON.stringify(STORAGE_RULE);
