/**
 * Every collection and its indexes, declared once. The SQLite adapter creates these as expression
 * indexes; `npm run deploy` creates them in CloudBase. A query that is not served by one of these
 * is a bug (the benchmarks check the SQLite plans).
 */
export interface IndexSpec {
  name: string;
  fields: ReadonlyArray<readonly [path: string, direction: 1 | -1]>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: readonly IndexSpec[];
}

export const COLLECTIONS = [
  {
    name: 'users',
    indexes: [
      { name: 'openid', fields: [['openid', 1]], unique: true },
      {
        name: 'home_grid',
        fields: [
          ['home.path.gridId', 1],
          ['createdAt', 1],
        ],
      },
      {
        name: 'home_community',
        fields: [
          ['home.path.communityId', 1],
          ['createdAt', 1],
        ],
      },
      {
        name: 'home_street',
        fields: [
          ['home.path.streetId', 1],
          ['createdAt', 1],
        ],
      },
      {
        name: 'home_micro',
        fields: [
          ['home.path.microGridId', 1],
          ['createdAt', 1],
        ],
      },
      {
        name: 'home_building',
        fields: [
          ['home.path.buildingId', 1],
          ['createdAt', 1],
        ],
      },
      { name: 'personal_token', fields: [['personalToken', 1]] },
      // Accounts not used for a long while (the inactive-account retention job): the Beijing day last seen.
      {
        name: 'seen',
        fields: [
          ['seenOn', 1],
          ['createdAt', 1],
        ],
      },
      // Accounts told they will be anonymised, by when (the same job's second step).
      { name: 'inactive_notice', fields: [['inactiveNoticeAt', 1]] },
      {
        name: 'work_unit',
        fields: [
          ['volunteer.workUnit', 1],
          ['createdAt', 1],
        ],
      },
    ],
  },
  {
    name: 'memberships',
    indexes: [
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['role', 1],
        ],
      },
      {
        name: 'street',
        fields: [
          ['path.streetId', 1],
          ['grantedAt', 1],
        ],
      },
      {
        name: 'community',
        fields: [
          ['path.communityId', 1],
          ['grantedAt', 1],
        ],
      },
      {
        name: 'grid',
        fields: [
          ['path.gridId', 1],
          ['grantedAt', 1],
        ],
      },
      {
        name: 'micro',
        fields: [
          ['path.microGridId', 1],
          ['grantedAt', 1],
        ],
      },
      // A compound's desk staff (物业客服) and owners' committee.
      {
        name: 'compound',
        fields: [
          ['path.compoundId', 1],
          ['role', 1],
        ],
      },
    ],
  },
  {
    name: 'invites',
    indexes: [
      { name: 'code', fields: [['code', 1]], unique: true },
      {
        name: 'status_expiry',
        fields: [
          ['status', 1],
          ['expiresAt', 1],
        ],
      },
      {
        name: 'creator',
        fields: [
          ['createdBy', 1],
          ['createdAt', -1],
        ],
      },
      // A person's data (privacy): the invites they redeemed.
      {
        name: 'redeemer',
        fields: [
          ['redeemedBy', 1],
          ['redeemedAt', -1],
        ],
      },
    ],
  },
  {
    name: 'nodes',
    indexes: [
      {
        name: 'parent',
        fields: [
          ['parentId', 1],
          ['order', 1],
        ],
      },
      {
        name: 'kind',
        fields: [
          ['kind', 1],
          ['order', 1],
        ],
      },
    ],
  },
  {
    name: 'orders',
    indexes: [
      {
        name: 'poster',
        fields: [
          ['posterId', 1],
          ['postedAt', -1],
        ],
      },
      // A person's data (privacy): orders a leader posted for someone else (代办).
      {
        name: 'posted_by',
        fields: [
          ['postedBy', 1],
          ['postedAt', -1],
        ],
      },
      {
        name: 'assignee',
        fields: [
          ['assigneeId', 1],
          ['state', 1],
          ['acceptedAt', -1],
        ],
      },
      {
        name: 'offeree',
        fields: [
          ['offer.volunteerId', 1],
          ['state', 1],
        ],
      },
      {
        name: 'grid_queue',
        fields: [
          ['place.path.gridId', 1],
          ['level', 1],
          ['state', 1],
          ['levelDeadline', 1],
        ],
      },
      {
        name: 'community_queue',
        fields: [
          ['place.path.communityId', 1],
          ['level', 1],
          ['state', 1],
          ['levelDeadline', 1],
        ],
      },
      {
        name: 'street_queue',
        fields: [
          ['place.path.streetId', 1],
          ['level', 1],
          ['state', 1],
          ['levelDeadline', 1],
        ],
      },
      {
        name: 'offer_expiry',
        fields: [
          ['state', 1],
          ['offer.expiresAt', 1],
        ],
      },
      {
        name: 'clock',
        fields: [
          ['state', 1],
          ['levelDeadline', 1],
        ],
      },
      {
        name: 'auto_close',
        fields: [
          ['state', 1],
          ['resolvedAt', 1],
        ],
      },
      {
        name: 'grid_month',
        fields: [
          ['place.path.gridId', 1],
          ['month', 1],
        ],
      },
      {
        name: 'community_month',
        fields: [
          ['place.path.communityId', 1],
          ['month', 1],
        ],
      },
      // The 六有 check's active volunteers: orders of a community resolved in a period (liuyou/autofill.ts).
      {
        name: 'community_resolved',
        fields: [
          ['place.path.communityId', 1],
          ['resolvedAt', 1],
        ],
      },
      // The 六有 check's 小事不出格: a community's orders that left the grid, by month, without the others.
      {
        name: 'community_level_month',
        fields: [
          ['place.path.communityId', 1],
          ['maxLevel', 1],
          ['month', 1],
        ],
      },
      {
        name: 'street_month',
        fields: [
          ['place.path.streetId', 1],
          ['month', 1],
        ],
      },
      // The Open311 view: a street's orders by posting time, newest first (open311/http.ts).
      {
        name: 'street_posted',
        fields: [
          ['place.path.streetId', 1],
          ['postedAt', -1],
        ],
      },
      // 重复提醒: a micro-grid's recent orders (orders.similar), or its grid's when the building has no micro-grid.
      {
        name: 'micro_posted',
        fields: [
          ['place.path.microGridId', 1],
          ['postedAt', -1],
        ],
      },
      {
        name: 'grid_posted',
        fields: [
          ['place.path.gridId', 1],
          ['postedAt', -1],
        ],
      },
      // The retention jobs (privacy/retention-jobs.ts): ended orders whose contact, or photos, are still kept, by when they closed.
      {
        name: 'contact_due',
        fields: [
          ['state', 1],
          ['contactPurgedAt', 1],
          ['closedAt', 1],
        ],
      },
      {
        name: 'photo_due',
        fields: [
          ['state', 1],
          ['photosPurgedAt', 1],
          ['closedAt', 1],
        ],
      },
    ],
  },
  /**
   * One per neighbour who said 我也遇到了 (`<orderId>.<userId>`), written with it: their 我的事项
   * finds the orders they joined, since array fields are not queryable in the SQLite subset.
   */
  {
    name: 'order_followers',
    indexes: [
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  {
    name: 'order_events',
    indexes: [
      {
        name: 'order',
        fields: [
          ['orderId', 1],
          ['at', 1],
        ],
      },
      // A person's data (privacy): the lines they wrote, to export and to anonymise.
      {
        name: 'actor',
        fields: [
          ['actorId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  {
    // A photo's content check waiting for its verdict (_core/photo-checks.ts): found by WeChat's trace id.
    name: 'media_checks',
    indexes: [{ name: 'trace', fields: [['traceId', 1]], unique: true }],
  },
  {
    name: 'volunteers',
    indexes: [
      {
        name: 'grid',
        fields: [
          ['gridId', 1],
          ['active', 1],
        ],
      },
      {
        name: 'community',
        fields: [
          ['communityId', 1],
          ['active', 1],
        ],
      },
    ],
  },
  {
    name: 'service_records',
    indexes: [
      {
        name: 'volunteer',
        fields: [
          ['volunteerId', 1],
          ['at', -1],
        ],
      },
      {
        name: 'month',
        fields: [
          ['month', 1],
          ['volunteerId', 1],
        ],
      },
      {
        name: 'review',
        fields: [
          ['source', 1],
          ['status', 1],
          ['communityId', 1],
          ['at', 1],
        ],
      },
      // The entries behind a dashboard's hours of a place, by month, newest first (dashboards/hours-records.ts).
      {
        name: 'street_month',
        fields: [
          ['streetId', 1],
          ['month', 1],
          ['at', -1],
        ],
      },
      {
        name: 'community_month',
        fields: [
          ['communityId', 1],
          ['month', 1],
          ['at', -1],
        ],
      },
      {
        name: 'grid_month',
        fields: [
          ['gridId', 1],
          ['month', 1],
          ['at', -1],
        ],
      },
    ],
  },
  {
    name: 'duty',
    indexes: [
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['status', 1],
          ['checkInAt', -1],
        ],
      },
      {
        name: 'station',
        fields: [
          ['stationId', 1],
          ['checkInAt', 1],
        ],
      },
      {
        name: 'community',
        fields: [
          ['communityId', 1],
          ['checkInAt', 1],
        ],
      },
      {
        name: 'closing',
        fields: [
          ['status', 1],
          ['closesAt', 1],
        ],
      },
    ],
  },
  {
    name: 'topics',
    indexes: [
      { name: 'order', fields: [['sourceOrderId', 1]] },
      {
        name: 'grid',
        fields: [
          ['path.gridId', 1],
          ['createdAt', -1],
        ],
      },
      // A grid's topics in one state (the list's filters, the 民主评议会's done topics).
      {
        name: 'grid_state',
        fields: [
          ['path.gridId', 1],
          ['state', 1],
          ['createdAt', -1],
        ],
      },
      // Topics I raised (the ones I supported: `topic_supports`).
      {
        name: 'proposer',
        fields: [
          ['proposerId', 1],
          ['createdAt', -1],
        ],
      },
      // The follow-up job: topics whose actions are under way.
      {
        name: 'state',
        fields: [
          ['state', 1],
          ['updatedAt', 1],
        ],
      },
      // The 六有 check's decisions done: a community's topics finished (办结) in a period.
      {
        name: 'community_done',
        fields: [
          ['path.communityId', 1],
          ['doneAt', 1],
        ],
      },
      // The dashboard's export of decisions: the topics of some communities decided in a period.
      {
        name: 'community_decided',
        fields: [
          ['path.communityId', 1],
          ['decision.at', 1],
        ],
      },
    ],
  },
  {
    name: 'topic_events',
    indexes: [
      {
        name: 'topic',
        fields: [
          ['topicId', 1],
          ['at', 1],
        ],
      },
      // A person's data (privacy): the lines they wrote, to export and to anonymise.
      {
        name: 'actor',
        fields: [
          ['actorId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  /**
   * One per supporter of a topic (`<topicId>.<userId>`), written with the support (or carried over by
   * a merge): "topics I supported", since array fields are not queryable in the SQLite subset.
   */
  {
    name: 'topic_supports',
    indexes: [
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  {
    name: 'topic_ratings',
    indexes: [
      {
        name: 'topic',
        fields: [
          ['topicId', 1],
          ['at', 1],
        ],
      },
      {
        name: 'grid',
        fields: [
          ['path.gridId', 1],
          ['at', 1],
        ],
      },
      // A person's data (privacy).
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  /** Per grid: its support threshold (附议人数). The id is the grid's. */
  {
    name: 'council_settings',
    indexes: [],
  },
  {
    name: 'meetings',
    indexes: [
      {
        name: 'node',
        fields: [
          ['nodeId', 1],
          ['startAt', -1],
        ],
      },
      {
        name: 'grid',
        fields: [
          ['path.gridId', 1],
          ['startAt', -1],
        ],
      },
      {
        name: 'community',
        fields: [
          ['path.communityId', 1],
          ['startAt', -1],
        ],
      },
      // The 六有 check's meetings with minutes on time: a community's meetings closed in a period.
      {
        name: 'community_closed',
        fields: [
          ['path.communityId', 1],
          ['closedAt', 1],
        ],
      },
      {
        name: 'convener',
        fields: [
          ['convenerId', 1],
          ['startAt', -1],
        ],
      },
      // The reminder jobs: due reminders of published meetings, due minutes of closed ones.
      {
        name: 'remind',
        fields: [
          ['state', 1],
          ['remindAt', 1],
        ],
      },
      {
        name: 'minutes_due',
        fields: [
          ['state', 1],
          ['minutesRemindAt', 1],
        ],
      },
      // A grid's published decisions (公示), newest first.
      {
        name: 'decisions',
        fields: [
          ['path.gridId', 1],
          ['decisionsPublishedAt', -1],
        ],
      },
    ],
  },
  {
    name: 'meeting_events',
    indexes: [
      {
        name: 'meeting',
        fields: [
          ['meetingId', 1],
          ['at', 1],
        ],
      },
      // A person's data (privacy): the lines they wrote, to export and to anonymise.
      {
        name: 'actor',
        fields: [
          ['actorId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  /** One per person signed in to a meeting: `<meetingId>.<userId>` (or `.h<hash>` for a name signed in by hand). */
  {
    name: 'council_attendance',
    indexes: [
      {
        name: 'meeting',
        fields: [
          ['meetingId', 1],
          ['at', 1],
        ],
      },
      // A person's data (privacy).
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  /**
   * Ballots: named ones are `<meetingId>.<itemId>.<userId>`; an anonymous ballot has a random id and
   * no voter, and the roll (`council_rolls`, `<meetingId>.<itemId>.<userId>`) says who voted.
   */
  {
    name: 'council_ballots',
    indexes: [
      {
        name: 'item',
        fields: [
          ['meetingId', 1],
          ['itemId', 1],
        ],
      },
      // A person's named ballots (privacy); anonymous ballots carry no voter.
      {
        name: 'voter',
        fields: [
          ['voterId', 1],
          ['meetingId', 1],
        ],
      },
    ],
  },
  {
    name: 'council_rolls',
    indexes: [
      {
        name: 'item',
        fields: [
          ['meetingId', 1],
          ['itemId', 1],
        ],
      },
      // A person's data (privacy): that they voted, never how.
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  /**
   * One per person invited to a published meeting (`<meetingId>.<userId>`), for "meetings I am
   * invited to": the store's filters do not match inside arrays, so the meeting's own invitee list
   * cannot serve that list.
   */
  {
    name: 'meeting_invitations',
    indexes: [
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['at', -1],
        ],
      },
    ],
  },
  {
    name: 'audit',
    indexes: [
      {
        name: 'actor',
        fields: [
          ['actorId', 1],
          ['at', -1],
        ],
      },
      {
        name: 'subject',
        fields: [
          ['subjectId', 1],
          ['at', -1],
        ],
      },
      { name: 'request', fields: [['requestId', 1]] },
      // 谁查看了我的信息: the reveals of one person's data, newest first (shared/privacy/privacy.schema.ts RevealMark).
      {
        name: 'reveal_person',
        fields: [
          ['reveal.personId', 1],
          ['at', -1],
        ],
      },
      // The street's reveal log, newest first.
      {
        name: 'reveal_street',
        fields: [
          ['reveal.streetId', 1],
          ['at', -1],
        ],
      },
      // The street's reveal log of one reader (the filter a street admin uses to look into one reader), newest first.
      {
        name: 'reveal_street_actor',
        fields: [
          ['reveal.streetId', 1],
          ['actorId', 1],
          ['at', -1],
        ],
      },
      // The retention job: entries past their period whose detail is still kept, oldest first.
      {
        name: 'detail_due',
        fields: [
          ['detailPurgedAt', 1],
          ['at', 1],
        ],
      },
    ],
  },
  {
    name: 'outbox',
    indexes: [
      {
        name: 'recipient',
        fields: [
          ['recipientId', 1],
          ['createdAt', -1],
        ],
      },
      // What the scheduler retries: rows not delivered whose holder's time ran out (`_core/outbox.ts`).
      {
        name: 'due',
        fields: [
          ['status', 1],
          ['dueAt', 1],
        ],
      },
      // The retention job: rows delivered long enough ago (rows given up are found by `due`).
      {
        name: 'delivered',
        fields: [
          ['status', 1],
          ['sentAt', 1],
        ],
      },
    ],
  },
  {
    name: 'idempotency',
    indexes: [{ name: 'expiry', fields: [['expiresAt', 1]] }],
  },
  {
    name: 'meta',
    indexes: [],
  },
  /** 六有 template versions a street published (`lyt_<streetId>_v<n>`): the effective one is the highest. */
  {
    name: 'liuyou_templates',
    indexes: [
      {
        name: 'street_version',
        fields: [
          ['streetId', 1],
          ['version', -1],
        ],
      },
    ],
  },
  /** 六有 checks, one per community (or 集中居住区) and period (`lyc_<communityId>_<period>`). */
  {
    name: 'liuyou_checks',
    indexes: [
      // A community's checks, newest period first.
      {
        name: 'community_period',
        fields: [
          ['path.communityId', 1],
          ['period', -1],
        ],
      },
      // A street's checks of some periods: the list, the matrix and its trend, the CSV.
      {
        name: 'street_period',
        fields: [
          ['path.streetId', 1],
          ['period', 1],
        ],
      },
    ],
  },
  /**
   * Rollups kept on write (`_core/rollups.ts`): per kind, place and month, the counts every measure
   * is read from (id `orders:<nodeId>:<month>`). A place's own months, and its children's.
   */
  {
    name: 'rollups',
    indexes: [
      {
        name: 'node_month',
        fields: [
          ['kind', 1],
          ['nodeId', 1],
          ['month', 1],
        ],
      },
      {
        name: 'parent_month',
        fields: [
          ['kind', 1],
          ['parentId', 1],
          ['month', 1],
        ],
      },
    ],
  },
  /** A scored check's numbers, written once when it is scored (id = the check's): the street's trend reads these. */
  {
    name: 'liuyou_scores',
    indexes: [
      {
        name: 'street_period',
        fields: [
          ['streetId', 1],
          ['period', 1],
        ],
      },
    ],
  },
  {
    name: 'liuyou_check_events',
    indexes: [
      {
        name: 'check',
        fields: [
          ['checkId', 1],
          ['at', 1],
        ],
      },
    ],
  },
  /** 整改任务 of returned or failed items. */
  {
    name: 'liuyou_tasks',
    indexes: [
      // My tasks, by state, the most overdue first.
      {
        name: 'owner',
        fields: [
          ['ownerId', 1],
          ['state', 1],
          ['dueAt', 1],
        ],
      },
      // A street's open and overdue tasks (the matrix).
      {
        name: 'street_state',
        fields: [
          ['path.streetId', 1],
          ['state', 1],
          ['dueAt', 1],
        ],
      },
      // A check's tasks.
      {
        name: 'check',
        fields: [
          ['checkId', 1],
          ['createdAt', 1],
        ],
      },
      // The reminder job: open tasks whose reminder is due.
      {
        name: 'remind',
        fields: [
          ['state', 1],
          ['remindAt', 1],
        ],
      },
    ],
  },
  /** Open311 API keys of the platforms a street serves (区平台、12345 热线); only each key's hash is kept. */
  {
    name: 'open311_keys',
    indexes: [
      { name: 'hash', fields: [['hash', 1]], unique: true },
      // A street's keys, newest first (open311.listKeys).
      {
        name: 'street',
        fields: [
          ['streetId', 1],
          ['createdAt', -1],
        ],
      },
    ],
  },
  /** One fixed-window request counter per Open311 key (id = the key's hash), read and written by id only. */
  {
    name: 'open311_rate',
    indexes: [],
  },
  /** 大屏设备: the monitors a station's admin authorized to act as the station; only each token's hash is kept. */
  {
    name: 'station_devices',
    indexes: [
      { name: 'hash', fields: [['hash', 1]], unique: true },
      // A station's devices, newest first (stations.listDevices, and the count before issuing).
      {
        name: 'station',
        fields: [
          ['stationId', 1],
          ['issuedAt', -1],
        ],
      },
    ],
  },
  /** 扫码登录: a PC waiting for a scan; read by id. Only the hash of its secret is kept. */
  {
    name: 'web_login_tickets',
    // The tickets started in the last minute (accounts.startWebLogin's limit).
    indexes: [
      { name: 'created', fields: [['createdAt', -1]] },
      // A person's data (privacy): tickets they confirmed, removed with the account.
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['createdAt', -1],
        ],
      },
    ],
  },
  /** A person signed in on a PC; only the hash of its token is kept. */
  {
    name: 'web_sessions',
    indexes: [
      { name: 'hash', fields: [['hash', 1]], unique: true },
      // A person's web sessions, newest first (accounts.listWebSessions).
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['createdAt', -1],
        ],
      },
    ],
  },
  /** 三方共治: a community's responsibility list (责任清单), one document per community (`rl_<communityId>`), read by id. */
  { name: 'responsibility_lists', indexes: [] },
  /**
   * 物业服务季度评价: one resident's answer about their compound's desk in a quarter
   * (`csv_<quarter>_<compoundId>_<userId>`, read by id when they answer again), counted in the
   * `property` rollups.
   */
  {
    name: 'compound_surveys',
    indexes: [
      // A compound's answers of a quarter, latest first (the review's comments).
      {
        name: 'compound_quarter',
        fields: [
          ['compoundId', 1],
          ['quarter', 1],
          ['updatedAt', -1],
        ],
      },
      // A community's answers of a 六有 period (the 有机制理事 item's figure).
      {
        name: 'community',
        fields: [
          ['path.communityId', 1],
          ['updatedAt', 1],
        ],
      },
      // A person's data (privacy).
      {
        name: 'user',
        fields: [
          ['userId', 1],
          ['updatedAt', -1],
        ],
      },
    ],
  },
] as const satisfies readonly CollectionSpec[];

export type CollectionName = (typeof COLLECTIONS)[number]['name'];
