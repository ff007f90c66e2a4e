import type { CollectionName } from '../_core/collections';

/**
 * Where a person's data lives, one entry per collection (PIPL arts. 44–47). The export
 * (`actions/export-mine.ts`) reads the `links` of every entry with a `section`; the erasure
 * (`erase.ts`) does what `erase` says. A collection added tomorrow fails
 * `tests/unit/privacy/personal-data.test.ts` until it is classified here.
 */

/** The export's sections, in the order the readable page shows them. */
export const EXPORT_SECTIONS = {
  profile: '我的资料',
  roles: '我的角色',
  orders: '我报的事',
  work: '我参与办理的事',
  comments: '我的留言',
  service: '服务记录',
  councils: '议题和表决',
  surveys: '我的小区服务评价',
  consents: '同意记录',
  reveals: '谁查看过我的信息',
  messages: '消息',
  web: '电脑登录',
} as const;
export type SectionKey = keyof typeof EXPORT_SECTIONS;

/** A field that holds a person's id, and the index of its collection that finds a person's documents by it. */
export interface PersonLink {
  field: string;
  index: string;
}

/**
 * What deleting an account does to the collection's documents about the person:
 * - `anonymise`: the account itself: personal fields removed, name replaced, openid made a tombstone;
 * - `delete`: the person's documents are removed;
 * - `scrub`: the documents are kept (they are counted, or they are other people's records too) and the
 *   named fields are removed or the person's name in them replaced by 「已注销居民」;
 * - `keep`: kept as they are: they hold ids only (of the anonymised account), or no personal data.
 */
export type Erasure = 'anonymise' | 'delete' | 'scrub' | 'keep';

export interface PersonalDataEntry {
  /** Whether documents of this collection can be about a person at all. */
  personal: boolean;
  /** How a person's documents are found (each through an index); `_id` for the account itself. */
  links: readonly PersonLink[];
  /** The export section the person's documents feed, or null with `notExported` saying why. */
  section: SectionKey | null;
  notExported?: string;
  erase: Erasure;
  /** The fields removed or replaced, for `scrub` and `anonymise`. */
  fields?: readonly string[];
  /** In plain words, for the README and the reviewers. */
  note: string;
}

const none = (note: string): PersonalDataEntry => ({ personal: false, links: [], section: null, notExported: note, erase: 'keep', note });

export const PERSONAL_DATA: Readonly<Record<CollectionName, PersonalDataEntry>> = {
  users: {
    personal: true,
    links: [{ field: '_id', index: '_id' }],
    section: 'profile',
    erase: 'anonymise',
    fields: ['name', 'phone', 'phoneConsentAt', 'home', 'personalToken', 'volunteer', 'inactiveNoticeAt', 'largeText', 'openid'],
    note: 'The account: kept as 「已注销居民」 so ids elsewhere stay valid; its openid becomes a tombstone, so the same WeChat user comes back as a new resident.',
  },
  memberships: { personal: true, links: [{ field: 'userId', index: 'user' }], section: 'roles', erase: 'delete', note: 'Roles held: released.' },
  invites: {
    personal: true,
    links: [
      { field: 'createdBy', index: 'creator' },
      { field: 'redeemedBy', index: 'redeemer' },
    ],
    section: 'roles',
    erase: 'keep',
    note: 'Invite codes made or redeemed: ids only; codes the person made and nobody used are revoked.',
  },
  nodes: none('Places (street, community, grid, building): no person.'),
  orders: {
    personal: true,
    links: [
      { field: 'posterId', index: 'poster' },
      { field: 'postedBy', index: 'posted_by' },
      { field: 'assigneeId', index: 'assignee' },
      { field: 'offer.volunteerId', index: 'offeree' },
    ],
    section: 'orders',
    erase: 'scrub',
    fields: ['contact', 'place.room', 'place.point', 'rating.comment', 'photos', 'dispatchReason'],
    note: 'Orders are counted (rollups): kept without the contact, room, point, photos and rating comment; names in texts replaced.',
  },
  order_followers: { personal: true, links: [{ field: 'userId', index: 'user' }], section: 'orders', erase: 'delete', note: '我也遇到了: the order keeps the household count.' },
  order_events: {
    personal: true,
    links: [{ field: 'actorId', index: 'actor' }],
    section: 'comments',
    erase: 'scrub',
    fields: ['actorLabel', 'text'],
    note: 'Timeline lines: kept; the actor label and the person’s name in texts become 「已注销居民」. Comments are exported as 我的留言.',
  },
  media_checks: none('A photo check’s verdict: a file id and a label, no person.'),
  volunteers: {
    personal: true,
    links: [{ field: '_id', index: '_id' }],
    section: 'service',
    erase: 'delete',
    note: 'The dispatch record (skills, hours, counters): removed once the person’s orders in hand are handed back.',
  },
  service_records: {
    personal: true,
    links: [{ field: 'volunteerId', index: 'volunteer' }],
    section: 'service',
    erase: 'keep',
    note: '双报到 service hours: counted (rollups), ids only; kept.',
  },
  duty: { personal: true, links: [{ field: 'userId', index: 'user' }], section: 'service', erase: 'keep', note: 'Station duty: counted in duty overviews, ids only; kept.' },
  topics: {
    personal: true,
    links: [{ field: 'proposerId', index: 'proposer' }],
    section: 'councils',
    erase: 'scrub',
    fields: ['(texts)'],
    note: 'Topics are counted (rollups): kept; the person’s name in the topics of their grids and of their meetings’ agendas (an action’s owner, say) becomes 「已注销居民」.',
  },
  topic_events: {
    personal: true,
    links: [{ field: 'actorId', index: 'actor' }],
    section: null,
    notExported: 'A topic’s timeline; the person’s own topics are exported as topics.',
    erase: 'scrub',
    fields: ['actorLabel', 'text'],
    note: 'Timeline lines: the actor label and name become 「已注销居民」.',
  },
  topic_supports: {
    personal: true,
    links: [{ field: 'userId', index: 'user' }],
    section: 'councils',
    erase: 'keep',
    note: 'Topics supported: ids only; the topic’s count rests on them.',
  },
  topic_ratings: {
    personal: true,
    links: [{ field: 'userId', index: 'user' }],
    section: 'councils',
    erase: 'keep',
    note: 'Ratings of decisions: counted (rollups), written once without a version; kept with ids only (the comment stays, unsigned).',
  },
  council_settings: none('A grid’s support threshold: no person.'),
  meetings: {
    personal: true,
    links: [{ field: 'convenerId', index: 'convener' }],
    section: 'councils',
    erase: 'scrub',
    fields: ['invitees.name', 'convenerName'],
    note: 'Meetings are counted (rollups): kept; the person’s name in the invitee list becomes 「已注销居民」.',
  },
  meeting_events: {
    personal: true,
    links: [{ field: 'actorId', index: 'actor' }],
    section: null,
    notExported: 'A meeting’s timeline, the convener’s work in office; the person’s attendance and votes are exported.',
    erase: 'scrub',
    fields: ['actorLabel', 'text'],
    note: 'Timeline lines: the actor label and name become 「已注销居民」.',
  },
  council_attendance: {
    personal: true,
    links: [{ field: 'userId', index: 'user' }],
    section: 'councils',
    erase: 'scrub',
    fields: ['name'],
    note: 'Sign-ins: the quorum counts them; kept as 「已注销居民」.',
  },
  council_ballots: {
    personal: true,
    links: [{ field: 'voterId', index: 'voter' }],
    section: 'councils',
    erase: 'keep',
    note: 'Named ballots: ids only, the tally rests on them. Anonymous ballots carry no voter and are never exported.',
  },
  council_rolls: {
    personal: true,
    links: [{ field: 'userId', index: 'user' }],
    section: 'councils',
    erase: 'keep',
    note: 'Who voted in an anonymous vote (not how): ids only; exported as a vote whose choice is not kept.',
  },
  meeting_invitations: { personal: true, links: [{ field: 'userId', index: 'user' }], section: 'councils', erase: 'keep', note: 'Invitations: ids only.' },
  audit: {
    personal: true,
    links: [{ field: 'reveal.personId', index: 'reveal_person' }],
    section: 'reveals',
    erase: 'keep',
    note: 'The operations log: ids only, kept for the legal period. The reads of the person’s data are exported (谁查看过我的信息); the rest are the platform’s own records.',
  },
  outbox: {
    personal: true,
    links: [{ field: 'recipientId', index: 'recipient' }],
    section: 'messages',
    erase: 'delete',
    note: 'Messages to the person: removed. Messages to others naming the person: the name replaced.',
  },
  idempotency: {
    personal: true,
    links: [{ field: '_id', index: '_id' }],
    section: null,
    notExported: 'Replays of answers to the person’s own calls, kept a day; what they hold is exported from where it lives.',
    erase: 'delete',
    note: 'Replays: removed (found by the hash of the openid that prefixes their keys), but the deletion call’s own.',
  },
  meta: none('Platform settings (locally also the demo personas list): no resident’s data.'),
  liuyou_templates: none('六有 templates: the street’s checklist.'),
  liuyou_checks: {
    personal: true,
    links: [],
    section: null,
    notExported: '六有 checks: the community’s official record, filled by staff in office.',
    erase: 'scrub',
    fields: ['(texts)'],
    note: 'Official record of a community: kept; the person’s name in the checks of their communities and of their 整改任务 becomes 「已注销居民」.',
  },
  rollups: none('Counts per place and month: no person.'),
  liuyou_scores: none('A scored check’s numbers: no person.'),
  liuyou_check_events: {
    personal: true,
    links: [],
    section: null,
    notExported: 'A 六有 check’s timeline: staff acting in office.',
    erase: 'scrub',
    fields: ['actorLabel', 'text'],
    note: 'Official record of staff acting in office: kept; the person’s name in the lines of those checks becomes 「已注销居民」.',
  },
  liuyou_tasks: {
    personal: true,
    links: [{ field: 'ownerId', index: 'owner' }],
    section: 'work',
    erase: 'scrub',
    fields: ['ownerName'],
    note: '整改任务 owned: kept; the owner’s name becomes 「已注销居民」.',
  },
  open311_keys: none('Platform API keys of a street: hashes and a platform name.'),
  open311_rate: none('Request counters per API key.'),
  station_devices: none('Station screens: token hashes and labels.'),
  web_login_tickets: {
    personal: true,
    links: [{ field: 'userId', index: 'user' }],
    section: null,
    notExported: 'A PC waiting for a scan, a few minutes long; the sessions it opens are exported.',
    erase: 'delete',
    note: 'Removed.',
  },
  web_sessions: { personal: true, links: [{ field: 'userId', index: 'user' }], section: 'web', erase: 'delete', note: 'PC sign-ins: ended and removed.' },
  compound_surveys: {
    personal: true,
    links: [{ field: 'userId', index: 'user' }],
    section: 'surveys',
    erase: 'scrub',
    fields: ['comment'],
    note: 'Quarterly answers about a compound’s desk: counted (rollups), so kept with ids only; the comment, which may name people, is removed.',
  },
  responsibility_lists: {
    personal: true,
    links: [],
    section: null,
    notExported: 'A community’s responsibility list: its change log names who saved it by id only, staff acting in office.',
    erase: 'keep',
    note: 'The community’s official list: kept; the change log holds the changers’ ids only, so a deleted account shows as its anonymised name.',
  },
};

/** What a deleted account is called wherever its name stood. */
export const ERASED_NAME = '已注销居民';
