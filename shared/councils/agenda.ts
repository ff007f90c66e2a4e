/**
 * The pure rules of a council meeting (议事会): the agenda and its time, the quorum, the vote tally
 * and the minutes' first draft. No I/O; the handlers and the pages both use these.
 */

/** Minutes an agenda item may be given: at least 1, at most a whole day's meeting. */
export const ITEM_MINUTES = { min: 1, max: 240 } as const;
/** A meeting lasts 15 minutes to 8 hours. */
export const MEETING_MINUTES = { min: 15, max: 480 } as const;
/** At most this many items on one agenda. */
export const MAX_AGENDA_ITEMS = 20;

export interface AgendaItemTime {
  id: string;
  minutes: number;
}

/** The agenda's total in minutes. */
export const agendaTotal = (items: readonly { minutes: number }[]): number => items.reduce((sum, i) => sum + i.minutes, 0);

/** How many minutes the agenda runs over the meeting's length (0 when it fits). */
export const overrunOf = (items: readonly { minutes: number }[], lengthMinutes: number): number => Math.max(0, agendaTotal(items) - lengthMinutes);

/**
 * Moves one item up or down by one place. An item already first (up) or last (down), or one that
 * is not on the agenda, leaves the agenda as it is. The items are otherwise untouched.
 */
export function moveItem<T extends { id: string }>(items: readonly T[], id: string, direction: 'up' | 'down'): T[] {
  const out = [...items];
  const i = out.findIndex((x) => x.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

// ---- quorum -------------------------------------------------------------------------------------

/**
 * When a meeting is quorate: more than `share` of the invited participants signed in (default
 * more than half). A meeting with nobody invited has no quorum to reach: it is quorate when anyone
 * signed in.
 */
export interface QuorumRule {
  /** The share of invited participants that must be exceeded, 0 < share < 1. */
  share: number;
}

export const DEFAULT_QUORUM: QuorumRule = { share: 0.5 };

export interface Quorum {
  invited: number;
  /** Invited participants who signed in (others who signed in are attendees, not counted). */
  present: number;
  /** The least number of present invitees that makes the meeting quorate. */
  needed: number;
  reached: boolean;
}

export function quorumOf(invited: number, presentInvited: number, rule: QuorumRule = DEFAULT_QUORUM): Quorum {
  // The product is rounded first: 0.29 × 100 is 28.999999999999996 in floating point, and its
  // floor would make 29 of 100 count as "more than 29%".
  const needed = invited === 0 ? 1 : Math.floor(Math.round(invited * rule.share * 1e9) / 1e9) + 1;
  return { invited, present: presentInvited, needed, reached: presentInvited >= needed };
}

// ---- votes --------------------------------------------------------------------------------------

export const CHOICES = ['agree', 'oppose', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export const CHOICE_LABELS: Record<Choice, string> = { agree: '同意', oppose: '反对', abstain: '弃权' };

export const OUTCOMES = ['adopted', 'rejected', 'deferred'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { adopted: '通过', rejected: '不通过', deferred: '暂缓' };

export interface Tally {
  agree: number;
  oppose: number;
  abstain: number;
  total: number;
}

export const EMPTY_TALLY: Tally = { agree: 0, oppose: 0, abstain: 0, total: 0 };

/** Counts ballots: each ballot is one choice. */
export function tally(ballots: readonly { choice: Choice }[]): Tally {
  const t = { ...EMPTY_TALLY };
  for (const b of ballots) {
    t[b.choice] += 1;
    t.total += 1;
  }
  return t;
}

/**
 * What the tally suggests: adopted when more agree than half of the votes cast, rejected when the
 * votes cast are not a majority for it, nothing when nobody voted. The leader records the outcome;
 * this is the suggestion the page preselects.
 */
export function suggestedOutcome(t: Tally): Outcome | null {
  if (t.total === 0) return null;
  return t.agree * 2 > t.total ? 'adopted' : 'rejected';
}

// ---- minutes ------------------------------------------------------------------------------------

export interface MinutesInput {
  title: string;
  typeLabel: string;
  startAt: string;
  placeText: string;
  convenerName: string;
  attendees: readonly { name: string; roleLabel: string; invited: boolean }[];
  invitedCount: number;
  quorum: Quorum;
  items: readonly {
    title: string;
    presenterName: string;
    tally: Tally | null;
    outcome: Outcome | null;
    notes: string;
    actions: readonly { text: string; ownerName: string; deadline: string; budget: number }[];
  }[];
  /** `2026年11月5日 14:30`, formatted by the caller in Beijing time. */
  whenText: string;
}

/**
 * The minutes' first draft: attendance, each item with its vote and outcome and actions. The
 * recorder adds the discussion below it.
 */
export function draftMinutes(m: MinutesInput): string {
  const lines: string[] = [];
  lines.push(`${m.typeLabel}：${m.title}`);
  lines.push(`时间：${m.whenText}　地点：${m.placeText}　召集人：${m.convenerName}`);
  const invited = m.attendees.filter((a) => a.invited);
  lines.push(
    `应到 ${m.invitedCount} 人，实到 ${invited.length} 人${m.attendees.length > invited.length ? `，列席 ${m.attendees.length - invited.length} 人` : ''}；${m.quorum.reached ? '达到' : '未达到'}法定人数（需 ${m.quorum.needed} 人）。`,
  );
  if (m.attendees.length > 0) lines.push(`出席：${m.attendees.map((a) => `${a.name}（${a.roleLabel}）`).join('、')}`);
  lines.push('');
  m.items.forEach((item, i) => {
    lines.push(`${i + 1}. ${item.title}（汇报人：${item.presenterName}）`);
    if (item.tally && item.tally.total > 0) lines.push(`   表决：同意 ${item.tally.agree}，反对 ${item.tally.oppose}，弃权 ${item.tally.abstain}`);
    lines.push(`   结果：${item.outcome ? OUTCOME_LABELS[item.outcome] : '未表决'}${item.notes ? `。${item.notes}` : ''}`);
    for (const a of item.actions) lines.push(`   行动：${a.text}（负责人 ${a.ownerName}，${a.deadline} 前${a.budget > 0 ? `，预算 ${a.budget} 元` : ''}）`);
  });
  lines.push('');
  lines.push('讨论情况：');
  return lines.join('\n');
}
