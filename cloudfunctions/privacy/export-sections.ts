import { scoreWord } from '../../shared/compounds/survey';
import { LEADER_ROLES, ROLE_LABELS, type GrantedRole } from '../../shared/accounts/roles';
import { fullDateTimeText } from '../../shared/kernel/time';
import { ORDER_STATE_LABELS, type OrderState } from '../../shared/orders/order.machine';
import { REVEAL_KIND_LABELS, type ExportRecord, type ExportSection, type RevealKind } from '../../shared/privacy/privacy.schema';
import { EXPORT_SECTIONS, type SectionKey } from './personal-data';

/**
 * The export's records, built from stored documents. Pure: what each record keeps of a document is
 * the person's own data; other people appear by role (「接单志愿者」, 「网格长 李建国」), never with
 * an id, a phone, a room or an openid.
 */

type D = Record<string, unknown> & { _id: string };

const at = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const when = (v: unknown): string => (at(v) ? fullDateTimeText(v as string) : '');
/** The fields of `doc` named, those that are set. */
const pick = (doc: D, fields: readonly string[]): Record<string, unknown> => Object.fromEntries(fields.filter((f) => doc[f] !== undefined).map((f) => [f, doc[f]]));
const record = (id: string, instant: unknown, summary: string, data: Record<string, unknown>): ExportRecord => ({ id, at: at(instant), summary, data });
const orderState = (s: unknown) => ORDER_STATE_LABELS[s as OrderState] ?? String(s);

export function profileRecords(user: D): ExportRecord[] {
  const home = user.home as { buildingId?: string; room?: string; path?: Record<string, string> } | undefined;
  return [
    record(
      user._id,
      user.createdAt,
      `${when(user.createdAt)} 注册：${String(user.name)}${user.phone ? `，手机 ${String(user.phone)}` : ''}${home?.room ? `，门牌 ${home.room}` : ''}`,
      {
        ...pick(user, ['name', 'phone', 'phoneConsentAt', 'largeText', 'seenOn', 'createdAt', 'updatedAt', 'inactiveNoticeAt']),
        ...(home ? { home: { buildingId: home.buildingId ?? null, room: home.room ?? null, path: home.path ?? null } } : {}),
      },
    ),
  ];
}

export function consentRecords(user: D): ExportRecord[] {
  return user.phoneConsentAt
    ? [record(`${user._id}.phoneConsent`, user.phoneConsentAt, `${when(user.phoneConsentAt)} 同意为自己报的事被联系（留手机号）`, { phoneConsentAt: user.phoneConsentAt })]
    : [];
}

export function roleRecords(memberships: readonly D[], invites: readonly D[], me: string, placeName: (id: string) => string): ExportRecord[] {
  return [
    ...memberships.map((m) =>
      record(
        m._id,
        m.grantedAt,
        `${when(m.grantedAt)} 成为${placeName(String(m.nodeId))}的${ROLE_LABELS[m.role as GrantedRole] ?? m.role}`,
        pick(m, ['role', 'nodeId', 'nodeKind', 'grantedAt']),
      ),
    ),
    ...invites.map((i) =>
      record(
        i._id,
        i.createdBy === me ? i.createdAt : i.redeemedAt,
        i.createdBy === me
          ? `${when(i.createdAt)} 发出邀请码：${ROLE_LABELS[i.role as GrantedRole] ?? i.role}（${String(i.status)}）`
          : `${when(i.redeemedAt)} 用邀请码成为${ROLE_LABELS[i.role as GrantedRole] ?? i.role}`,
        { ...pick(i, ['role', 'nodeId', 'status', 'expiresAt']), ...(i.createdBy === me ? pick(i, ['createdAt']) : pick(i, ['redeemedAt'])) },
      ),
    ),
  ];
}

/** An order the person posted (or had posted for them): all of it that is theirs, nobody else's identity. */
export function postedRecords(orders: readonly D[], me: string): ExportRecord[] {
  return orders.map((o) => {
    const mine = o.posterId === me;
    const place = o.place as { label?: string; room?: string | null; point?: unknown };
    const rating = o.rating as { stars: number; comment: string } | null;
    const neighbour = ((o.neighbourRatings as { userId: string }[] | undefined) ?? []).filter((r) => r.userId === me);
    return record(
      o._id,
      o.postedAt,
      `${when(o.postedAt)} ${mine ? '报事' : '为居民代办'}：${String(o.category)}（${orderState(o.state)}）${rating ? `，评价 ${rating.stars} 星` : ''}`,
      {
        ...pick(o, [
          'category',
          'description',
          'urgency',
          'preferredTime',
          'state',
          'level',
          'postedAt',
          'acceptedAt',
          'resolvedAt',
          'closedAt',
          'cancelledAt',
          'cancelReason',
          'private',
        ]),
        place: { label: place.label ?? null, ...(mine ? { room: place.room ?? null, point: place.point ?? null } : {}) },
        ...(mine ? { contact: o.contact, photos: o.photos, rating: o.rating ?? null } : {}),
        ...(neighbour.length ? { myNeighbourRating: neighbour } : {}),
        postedFor: mine ? (o.postedBy === me ? '本人' : '网格长代办') : '其他居民',
      },
    );
  });
}

/** An order the person joined (我也遇到了). */
export function followedRecords(followers: readonly D[], orders: ReadonlyMap<string, D>, me: string): ExportRecord[] {
  return followers.map((f) => {
    const o = orders.get(String(f.orderId));
    const mine = ((o?.neighbourRatings as { userId: string }[] | undefined) ?? []).filter((r) => r.userId === me);
    return record(f._id, f.at, `${when(f.at)} 我也遇到了：${o ? `${String(o.category)}（${orderState(o.state)}）` : '一件事'}`, {
      orderId: f.orderId,
      at: f.at,
      ...(o ? { category: o.category, state: o.state } : {}),
      ...(mine.length ? { myRating: mine } : {}),
    });
  });
}

/** An order in the person's hands as a volunteer: what they did, without the resident's contact or room. */
export function workRecords(orders: readonly D[], tasks: readonly D[]): ExportRecord[] {
  return [
    ...orders.map((o) => {
      const rating = o.rating as { stars: number } | null;
      return record(
        o._id,
        o.acceptedAt ?? o.postedAt,
        `${when(o.acceptedAt ?? o.postedAt)} 接单：${String(o.category)}（${orderState(o.state)}）${rating ? `，居民评价 ${rating.stars} 星` : ''}`,
        {
          ...pick(o, ['category', 'state', 'acceptedAt', 'resolvedAt', 'closedAt', 'resolution']),
          place: { label: (o.place as { label?: string }).label ?? null },
          ...(rating ? { stars: rating.stars } : {}),
        },
      );
    }),
    ...tasks.map((t) =>
      record(
        t._id,
        t.createdAt,
        `${when(t.createdAt)} 整改任务：${String(t.itemTitle)}（${String(t.state)}）`,
        pick(t, ['itemTitle', 'communityName', 'period', 'note', 'state', 'dueDate', 'doneAt', 'doneNote']),
      ),
    ),
  ];
}

/** Lines the person wrote on orders' timelines (posted, rated, commented…). */
export function lineRecords(lines: readonly D[]): ExportRecord[] {
  return lines.map((l) => record(l._id, l.at, `${when(l.at)} ${String(l.text)}`, pick(l, ['orderId', 'kind', 'text', 'at'])));
}

export function serviceRecords(volunteer: D | null, profile: unknown, entries: readonly D[], duties: readonly D[]): ExportRecord[] {
  return [
    ...(volunteer
      ? [
          record(volunteer._id, null, `志愿者资料：${((volunteer.skills as string[] | undefined) ?? []).join('、') || '未填技能'}`, {
            ...pick(volunteer, ['skills', 'availability', 'active', 'ratingSum', 'ratingCount']),
            ...(profile ? { profile } : {}),
          }),
        ]
      : []),
    ...entries.map((e) =>
      record(
        e._id,
        e.at,
        `${when(e.at)} 服务 ${String(e.hours)} 小时（${e.source === 'order' ? '接单服务' : '自行填报'}）`,
        pick(e, ['source', 'orderId', 'hours', 'points', 'stars', 'at', 'month', 'status', 'description', 'workUnit']),
      ),
    ),
    ...duties.map((d) =>
      record(
        d._id,
        d.checkInAt,
        `${when(d.checkInAt)} 服务站值班 ${String(d.creditedMinutes ?? d.minutes ?? 0)} 分钟`,
        pick(d, ['stationId', 'checkInAt', 'checkOutAt', 'status', 'minutes', 'creditedMinutes', 'month']),
      ),
    ),
  ];
}

export interface CouncilInputs {
  topics: readonly D[];
  supports: readonly D[];
  ratings: readonly D[];
  attendance: readonly D[];
  ballots: readonly D[];
  rolls: readonly D[];
  invitations: readonly D[];
  meetings: ReadonlyMap<string, D>;
  topicTitles: ReadonlyMap<string, string>;
}

export function councilRecords(c: CouncilInputs): ExportRecord[] {
  const meetingTitle = (id: unknown) => String(c.meetings.get(String(id))?.title ?? '议事会');
  // A ballot of an anonymous meeting is never attributable: only named ballots of named meetings.
  const named = c.ballots.filter((b) => c.meetings.get(String(b.meetingId))?.anonymous === false);
  return [
    ...c.topics.map((t) =>
      record(
        t._id,
        t.createdAt,
        `${when(t.createdAt)} 提出议题：${String(t.title)}（${String(t.state)}）`,
        pick(t, ['title', 'description', 'state', 'createdAt', 'supportCount']),
      ),
    ),
    ...c.supports.map((s) => record(s._id, s.at, `${when(s.at)} 附议：${c.topicTitles.get(String(s.topicId)) ?? '议题'}`, pick(s, ['topicId', 'at']))),
    ...c.ratings.map((r) => record(r._id, r.at, `${when(r.at)} 评价决议落实：${String(r.score)} 星`, pick(r, ['topicId', 'score', 'comment', 'at']))),
    ...c.invitations.map((i) => record(i._id, i.at, `${when(i.at)} 受邀参加：${meetingTitle(i.meetingId)}`, pick(i, ['meetingId', 'at']))),
    ...c.attendance.map((a) => record(a._id, a.at, `${when(a.at)} 签到：${meetingTitle(a.meetingId)}`, pick(a, ['meetingId', 'roleLabel', 'at', 'via']))),
    ...named.map((b) =>
      record(
        b._id,
        null,
        `表决（${meetingTitle(b.meetingId)}）：${b.choice === 'agree' ? '同意' : b.choice === 'oppose' ? '反对' : '弃权'}`,
        pick(b, ['meetingId', 'itemId', 'choice']),
      ),
    ),
    ...c.rolls.map((r) => record(r._id, r.at, `${when(r.at)} 参加不记名表决（${meetingTitle(r.meetingId)}），选择不记录`, pick(r, ['meetingId', 'itemId', 'at']))),
    ...[...c.meetings.values()].map((m) => record(m._id, m.startAt, `${when(m.startAt)} 议事会：${String(m.title)}`, pick(m, ['title', 'type', 'startAt', 'placeText', 'state']))),
  ];
}

/** A read of the person's data: a leader by role and name (acting in office), an assignee as 「接单志愿者」. */
export function revealRecords(entries: readonly D[], leaders: ReadonlyMap<string, string>): ExportRecord[] {
  return entries.map((e) => {
    const r = e.reveal as { kind: RevealKind; as: 'leader' | 'assignee'; orderId: string | null };
    const by = r.as === 'assignee' ? '接单志愿者' : (leaders.get(String(e.actorId)) ?? '负责人');
    return record(e._id, e.at, `${when(e.at)} ${by} 查看了您的${REVEAL_KIND_LABELS[r.kind] ?? r.kind}`, { by, kind: r.kind, orderId: r.orderId, at: e.at });
  });
}

/** 「网格长 李建国」: a leader's highest office and name. */
export function leaderLabel(name: string, roles: readonly string[]): string {
  const role = [...LEADER_ROLES].reverse().find((r) => roles.includes(r));
  return role ? `${ROLE_LABELS[role]} ${name}` : '负责人';
}

export function messageRecords(rows: readonly D[]): ExportRecord[] {
  return rows.map((m) =>
    record(m._id, m.createdAt, `${when(m.createdAt)} ${String(m.title)}：${String(m.body)}`, pick(m, ['template', 'title', 'body', 'page', 'createdAt', 'status', 'sentAt'])),
  );
}

export function webRecords(sessions: readonly D[]): ExportRecord[] {
  return sessions.map((s) =>
    record(s._id, s.createdAt, `${when(s.createdAt)} 电脑登录：${String(s.label)}${s.revokedAt ? '（已退出）' : ''}`, pick(s, ['label', 'createdAt', 'lastUsedAt', 'revokedAt'])),
  );
}

/** 物业服务季度评价: each quarter's answer, with its scores in words. */
export function surveyRecords(surveys: readonly D[]): ExportRecord[] {
  return surveys.map((s) => {
    const scores = s.scores as Record<string, number>;
    return record(
      s._id,
      String(s.updatedAt),
      `${when(String(s.updatedAt))} ${String(s.quarter)} 小区服务评价：总体${scoreWord(scores.overall ?? 3)}${s.comment ? `，意见：${String(s.comment)}` : ''}`,
      pick(s, ['compoundId', 'quarter', 'scores', 'comment', 'at', 'updatedAt']),
    );
  });
}

export const section = (key: SectionKey, records: ExportRecord[]): ExportSection => ({ key, title: EXPORT_SECTIONS[key], records });
