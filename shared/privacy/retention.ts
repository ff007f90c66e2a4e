/**
 * How long personal data is kept (PIPL art. 19: no longer than the purpose needs). Each period is
 * configuration with a default; the README lists them. The retention jobs
 * (`cloudfunctions/privacy/retention-jobs.ts`) read the policy once per run.
 */
export interface RetentionPolicy {
  /** Contact details (name, phone, room) of an order closed this many days ago are removed. */
  contactDays: number;
  /** Photos of an order closed this many days ago are deleted from storage. */
  photoDays: number;
  /** Replays of answered writes (`idempotency`) are removed this many hours after they expire. */
  replayHours: number;
  /** Outbox rows are removed this many days after they were delivered (or given up). */
  outboxDays: number;
  /** Audit entries older than this many years keep ids only (their `detail` is emptied). */
  auditYears: number;
  /** An account nobody has used for this many years is told, then anonymised. */
  inactiveYears: number;
  /** Days between that notice and the anonymisation: any use in between keeps the account. */
  inactiveNoticeDays: number;
}

export const RETENTION_DEFAULTS: Readonly<RetentionPolicy> = {
  contactDays: 180,
  photoDays: 365,
  replayHours: 24,
  outboxDays: 30,
  auditYears: 3,
  inactiveYears: 2,
  inactiveNoticeDays: 30,
};

/** The environment variable of each period (the deploy merges them into the scheduler's variables). */
export const RETENTION_ENV: Readonly<Record<keyof RetentionPolicy, string>> = {
  contactDays: 'HONGLIN_RETAIN_CONTACT_DAYS',
  photoDays: 'HONGLIN_RETAIN_PHOTO_DAYS',
  replayHours: 'HONGLIN_RETAIN_REPLAY_HOURS',
  outboxDays: 'HONGLIN_RETAIN_OUTBOX_DAYS',
  auditYears: 'HONGLIN_RETAIN_AUDIT_YEARS',
  inactiveYears: 'HONGLIN_INACTIVE_YEARS',
  inactiveNoticeDays: 'HONGLIN_INACTIVE_NOTICE_DAYS',
};

/** The least each period may be set to: shorter would break what the data is kept for (a replay within its day, a rating within its week, the audit's legal period). */
export const RETENTION_MINIMUM: Readonly<RetentionPolicy> = {
  contactDays: 30,
  photoDays: 30,
  replayHours: 24,
  outboxDays: 1,
  auditYears: 3,
  inactiveYears: 1,
  inactiveNoticeDays: 7,
};

/** What each period means, in the words of the README's table. */
export const RETENTION_LABELS: Readonly<Record<keyof RetentionPolicy, string>> = {
  contactDays: '已办结事项的联系人姓名、电话、门牌（天）',
  photoDays: '已办结事项的照片（天）',
  replayHours: '重复提交保护的答复记录（小时）',
  outboxDays: '已发送的通知（天）',
  auditYears: '操作留痕的详情，之后只留编号（年）',
  inactiveYears: '多久未使用的账号先提醒、再注销（年）',
  inactiveNoticeDays: '提醒后多少天注销（天）',
};

/**
 * The policy from the environment: each variable a whole number at least its minimum, the default
 * when unset. A bad value throws naming the variable: a retention run never guesses a period.
 */
export function retentionPolicy(env: Readonly<Record<string, string | undefined>>): RetentionPolicy {
  const out = { ...RETENTION_DEFAULTS };
  for (const key of Object.keys(RETENTION_ENV) as (keyof RetentionPolicy)[]) {
    const raw = env[RETENTION_ENV[key]];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw.trim());
    if (!Number.isInteger(n) || n < RETENTION_MINIMUM[key]) {
      throw new Error(`${RETENTION_ENV[key]} must be a whole number of at least ${RETENTION_MINIMUM[key]} (got "${raw}")`);
    }
    out[key] = n;
  }
  return out;
}

const DAY_MS = 24 * 3600 * 1000;
const minus = (at: string, ms: number): string => new Date(Date.parse(at) - ms).toISOString();
/** The same instant `years` calendar years earlier (29 February falls back to 28 February). */
function yearsBefore(at: string, years: number): string {
  const d = new Date(at);
  const target = new Date(Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}

/** The instants before which each kind of data is due at `at`: a record is due when its time is at or before its cutoff. */
export interface RetentionCutoffs {
  contactsClosedBy: string;
  photosClosedBy: string;
  replaysExpiredBy: string;
  outboxDoneBy: string;
  auditBy: string;
  /** Not seen since this instant: told now. */
  inactiveSeenBy: string;
  /** Told at or before this instant and not seen since: anonymised now. */
  inactiveToldBy: string;
}

export function retentionCutoffs(policy: RetentionPolicy, at: string): RetentionCutoffs {
  return {
    contactsClosedBy: minus(at, policy.contactDays * DAY_MS),
    photosClosedBy: minus(at, policy.photoDays * DAY_MS),
    replaysExpiredBy: minus(at, policy.replayHours * 3600 * 1000),
    outboxDoneBy: minus(at, policy.outboxDays * DAY_MS),
    auditBy: yearsBefore(at, policy.auditYears),
    inactiveSeenBy: yearsBefore(at, policy.inactiveYears),
    inactiveToldBy: minus(at, policy.inactiveNoticeDays * DAY_MS),
  };
}
