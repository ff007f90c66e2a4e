import { type Actor } from '../../shared/accounts/accounts.policy';
import { opensAt } from '../../shared/accounts/scopes';
import { RECORD_ACTIONS } from '../../shared/service/service.schema';
import type { User } from '../../shared/accounts/accounts.schema';
import { api } from '../../shared/api/contract';
import { beijingDate } from '../../shared/kernel/time';
import { fail, ok } from '../../shared/api/envelope';
import { checkApproval, hoursThatFit, POINTS_PER_HOUR, reportCsv, SOURCE_LABELS, summarize, type Entry, type ManualStatus, type ReportRow, type Source } from '../../shared/service/record';
import { autoCloseWords, type AutoCloseReason, type DutyConfirmation } from '../../shared/stations/duty';
import { pathKey, scopeIdOf } from '../../shared/territory/territory.domain';
import type { NodeDoc } from '../_core/nodes';
import { loadNodes } from '../_core/nodes';
import { defineAction, type ActionContext, type FunctionDefinition } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';

const spec = api.service;
type UserDoc = User & Doc;

export interface RecordDoc extends Doc {
  volunteerId: string;
  source: Source;
  hours: number;
  points: number;
  verified: boolean;
  status?: ManualStatus;
  communityId?: string;
  description?: string;
  date?: string;
  reviewNote?: string;
  /** Approved in part: what was entered (`hours` then holds what was approved). */
  requestedHours?: number;
  dutyId?: string;
  stationId?: string;
  /** Duty entries: closed by the person or by the scheduler (missing on older entries). */
  closedBy?: 'checkOut' | 'auto';
  confirmNote?: string;
  at: string;
  month: string;
  version: number;
}

/** What a service entry needs to know of its duty, to say 自动签退 in the duty list's words. */
interface DutyFacts extends Doc {
  status: 'open' | 'closed' | 'autoClosed';
  planned: boolean;
  checkOutAt: string | null;
  closeReason?: AutoCloseReason;
  shiftEndAt?: string | null;
  confirmation?: DutyConfirmation;
  confirmNote?: string;
}

const isVolunteer = (actor: Actor) => actor.memberships.some((m) => m.role === 'volunteer');

function entryView(e: RecordDoc, duty?: { facts: DutyFacts | undefined; stationName: string }) {
  const facts = duty?.facts;
  const autoClosed = e.source === 'duty' && (e.closedBy === 'auto' || facts?.status === 'autoClosed');
  const confirmation = e.source === 'duty' ? (facts?.confirmation ?? 'none') : 'none';
  const dutyNote = () => {
    const where = duty?.stationName ? `${duty.stationName} 值班` : '站点值班';
    if (!autoClosed) return where;
    const words = autoCloseWords({ reason: facts?.closeReason ?? null, planned: facts?.planned ?? false, confirmation, closedAt: facts?.checkOutAt ?? null, shiftEnd: facts?.shiftEndAt ?? null });
    return `${where} · 自动签退：${words}`;
  };
  const note = e.source === 'manual' ? `${e.date ?? ''} ${e.description ?? ''}`.trim() : e.source === 'order' ? '办结事项' : dutyNote();
  const reviewNote = (e.source === 'manual' ? e.reviewNote : (e.confirmNote ?? facts?.confirmNote)) || null;
  return {
    id: e._id,
    source: e.source,
    sourceLabel: SOURCE_LABELS[e.source],
    hours: e.hours,
    points: e.points,
    verified: e.verified,
    status: e.status ?? null,
    at: e.at,
    note,
    requestedHours: e.requestedHours ?? null,
    reviewNote,
    autoClosed,
    confirmation,
  };
}

/** The duties behind duty entries (one read), for their 自动签退 words and station names. */
async function dutyViews(ctx: ActionContext, entries: readonly RecordDoc[]) {
  const ids = [...new Set(entries.filter((e) => e.source === 'duty').map((e) => e.dutyId ?? e._id.replace(/^duty\./, '')))];
  const duties = ids.length ? await ctx.ports.store.find<DutyFacts & { stationId: string }>('duty', { _id: { $in: ids } }, { limit: ids.length }) : [];
  const stations = await loadNodes(ctx.ports.store, [...new Set(duties.map((d) => d.stationId))]);
  const byId = new Map(duties.map((d) => [d._id, d]));
  return (e: RecordDoc) => {
    if (e.source !== 'duty') return entryView(e);
    const facts = byId.get(e.dutyId ?? e._id.replace(/^duty\./, ''));
    return entryView(e, { facts, stationName: facts ? (stations.get(facts.stationId)?.name ?? '') : '' });
  };
}

async function entriesOf(ctx: ActionContext, volunteerId: string): Promise<RecordDoc[]> {
  const all: RecordDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await ctx.ports.store.find<RecordDoc>('service_records', { volunteerId }, { sort: [['volunteerId', 1], ['at', -1]], skip, limit: 1000 });
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

async function recordOf(ctx: ActionContext, actor: Actor) {
  const entries = await entriesOf(ctx, actor.user._id);
  const shown = entries.slice(0, 50);
  const v = actor.user.volunteer;
  const nodes = actor.user.home?.path.gridId ? await loadNodes(ctx.ports.store, [actor.user.home.path.gridId]) : new Map();
  const profile = await ctx.ports.store.get<Doc & { availability: { days: number[]; from: number; to: number }[] }>('volunteers', actor.user._id);
  return {
    profile: v
      ? {
          partyMember: v.partyMember,
          inService: v.inService,
          workUnit: v.workUnit ?? null,
          partyBranch: v.partyBranch ?? null,
          skills: v.skills,
          availability: profile?.availability ?? [],
          homeGrid: actor.user.home?.path.gridId ? (nodes.get(actor.user.home.path.gridId)?.name ?? null) : null,
        }
      : null,
    summary: summarize(entries.map((e) => ({ ...e, ...(e.source === 'duty' && !e.verified ? { confirmation: 'awaiting' as const } : {}) })) as Entry[]),
    entries: shown.map(await dutyViews(ctx, shown)),
    allowedActions: isVolunteer(actor) ? [...RECORD_ACTIONS] : [],
  };
}

/** 我的服务记录: hours by source (never mixed), points and star level. */
const myRecord = defineAction(spec.myRecord, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor) => ok(await recordOf(ctx, actor)),
});

/** The volunteer's own profile: party member, in-service unit and branch (双报到), skills, hours. */
const updateVolunteerProfile = defineAction(spec.updateVolunteerProfile, {
  authorize: (actor) => (isVolunteer(actor) ? { allow: true } : { allow: false, code: 'SERVICE.NOT_VOLUNTEER' }),
  run: async (ctx, input, actor) => {
    const profile = {
      partyMember: input.partyMember,
      inService: input.inService,
      skills: input.skills,
      ...(input.inService ? { workUnit: input.workUnit, partyBranch: input.partyBranch } : {}),
    };
    const dispatch = await ctx.ports.store.get<Doc & { version: number }>('volunteers', actor.user._id);
    const written = await ctx.commit(
      [
        { op: 'update', collection: 'users', id: actor.user._id, version: actor.user.version, patch: { $set: { volunteer: profile, updatedAt: ctx.now } } },
        ...(dispatch ? [{ op: 'update' as const, collection: 'volunteers', id: dispatch._id, version: dispatch.version, patch: { $set: { skills: input.skills, availability: input.availability } } }] : []),
      ],
      { subjectId: actor.user._id, detail: { event: 'volunteerProfile', inService: input.inService } },
    );
    if (!written.ok) return written;
    const fresh = (await ctx.ports.store.get<UserDoc>('users', actor.user._id))!;
    return ok(await recordOf(ctx, { ...actor, user: fresh }));
  },
});

/** Hand-entered hours wait for the community's approval. */
const submitHours = defineAction(spec.submitHours, {
  authorize: (actor) => (isVolunteer(actor) ? { allow: true } : { allow: false, code: 'SERVICE.NOT_VOLUNTEER' }),
  run: async (ctx, input, actor) => {
    const today = beijingDate(ctx.now);
    if (input.date > today) return fail('SERVICE.FUTURE_DATE', 'payload.date');
    const community = actor.memberships.find((m) => m.role === 'volunteer')?.path.communityId ?? actor.user.home?.path.communityId ?? '';
    const entry: RecordDoc = {
      _id: ctx.ports.ids.id('man'),
      volunteerId: actor.user._id,
      source: 'manual',
      hours: input.hours,
      points: input.hours * 10,
      verified: false,
      status: 'pending',
      communityId: community,
      description: input.description,
      date: input.date,
      at: ctx.now,
      month: input.date.slice(0, 7),
      version: 1,
    };
    const written = await ctx.commit([{ op: 'insert', collection: 'service_records', doc: entry }], { subjectId: entry._id, detail: { event: 'submitHours', hours: input.hours } });
    if (!written.ok) return written;
    return ok({ entry: entryView(entry) });
  },
});

const adminOf = (actor: Actor, node: Pick<NodeDoc, '_id' | 'kind' | 'path'>) => opensAt(actor, 'approvals', node.path);

const pendingHours = defineAction(spec.pendingHours, {
  load: async (ctx, input) => {
    const node = await ctx.ports.store.get<NodeDoc>('nodes', input.communityId);
    return node && node.kind === 'community' ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', 'payload.communityId');
  },
  authorize: (actor, _input, node) => (adminOf(actor, node) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _actor, node) => {
    const filter = { source: 'manual', status: 'pending', communityId: node._id };
    const rows = await ctx.ports.store.find<RecordDoc>('service_records', filter, { sort: [['source', 1], ['status', 1], ['communityId', 1], ['at', 1]], skip: input.offset, limit: input.limit });
    const users = rows.length ? await ctx.ports.store.find<UserDoc>('users', { _id: { $in: [...new Set(rows.map((r) => r.volunteerId))] } }, { limit: 50 }) : [];
    const names = new Map(users.map((u) => [u._id, u.name]));
    const entries = [];
    for (const r of rows) {
      const approvedThisMonth = await approvedHours(ctx, r.volunteerId, r.month);
      entries.push({ ...entryView(r), volunteerId: r.volunteerId, volunteerName: names.get(r.volunteerId) ?? '', approvedThisMonth, fitsHours: hoursThatFit(approvedThisMonth, r.hours) });
    }
    return ok({ entries, total: await ctx.ports.store.count('service_records', filter) });
  },
});

async function approvedHours(ctx: ActionContext, volunteerId: string, month: string): Promise<number> {
  const rows = await ctx.ports.store.find<RecordDoc>('service_records', { month, volunteerId, source: 'manual', status: 'approved' }, { sort: [['month', 1], ['volunteerId', 1]], limit: 1000 });
  return rows.reduce((n, r) => n + r.hours, 0);
}

/**
 * Approve or return a hand-entered entry: once only, and within the month's cap. `hours` approves
 * a part (e.g. 4 of 8) with a reason; the entry then credits what was approved and keeps what was
 * entered, and the volunteer reads both and the reason in their record.
 */
const reviewHours = defineAction(spec.reviewHours, {
  load: async (ctx, input) => {
    const entry = await ctx.ports.store.get<RecordDoc>('service_records', input.entryId);
    if (!entry || entry.source !== 'manual') return fail('COMMON.NOT_FOUND', 'payload.entryId');
    const community = await ctx.ports.store.get<NodeDoc>('nodes', entry.communityId ?? '');
    return community ? ok({ entry, community }) : fail('COMMON.NOT_FOUND', 'payload.entryId');
  },
  authorize: (actor, _input, { community }) => (adminOf(actor, community) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _actor, { entry }) => {
    if (entry.status !== 'pending') return fail('SERVICE.ALREADY_REVIEWED', 'payload.entryId');
    let set: Partial<RecordDoc> = { status: 'rejected', verified: false, reviewNote: input.note };
    if (input.approve) {
      const check = checkApproval({ requested: entry.hours, ...(input.hours !== undefined ? { hours: input.hours } : {}), approvedThisMonth: await approvedHours(ctx, entry.volunteerId, entry.month), note: input.note });
      if (!check.ok) {
        if (check.reason === 'overCap') return fail('SERVICE.MANUAL_CAP', input.hours !== undefined ? 'payload.hours' : 'payload.entryId');
        return check.reason === 'overEntry' ? fail('SERVICE.HOURS_OVER_ENTRY', 'payload.hours') : fail('SERVICE.REASON_REQUIRED', 'payload.note');
      }
      set = { status: 'approved', verified: true, reviewNote: input.note, ...(check.partial ? { hours: check.hours, points: check.hours * POINTS_PER_HOUR, requestedHours: entry.hours } : {}) };
    }
    const written = await ctx.commit([{ op: 'update', collection: 'service_records', id: entry._id, version: entry.version, patch: { $set: { ...set, reviewedAt: ctx.now } } }], {
      subjectId: entry._id,
      detail: { event: input.approve ? 'approveHours' : 'rejectHours', hours: set.hours ?? entry.hours, requestedHours: entry.hours },
    });
    // Two admins approving at once: the second finds it already reviewed.
    if (!written.ok) return fail('SERVICE.ALREADY_REVIEWED', 'payload.entryId');
    return ok({ entry: entryView({ ...entry, ...set }) });
  },
});

/** A work unit's month: its in-service party members' verified service, for the unit's party branch. */
const workUnitReport = defineAction(spec.workUnitReport, {
  load: async (ctx, input) => {
    const node = await ctx.ports.store.get<NodeDoc>('nodes', input.nodeId);
    return node && (node.kind === 'community' || node.kind === 'street') ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', 'payload.nodeId');
  },
  authorize: (actor, _input, node) => (adminOf(actor, node) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _actor, node) => {
    const store = ctx.ports.store;
    // Volunteers of the place: their memberships at this node and below.
    const memberships = await store.find<Doc & { userId: string; role: string }>('memberships', { [`path.${pathKey(node.kind)}`]: scopeIdOf(node) }, { limit: 1000 });
    const ids = [...new Set(memberships.filter((m) => m.role === 'volunteer').map((m) => m.userId))];
    const users = ids.length ? await store.find<UserDoc>('users', { _id: { $in: ids } }, { limit: 1000 }) : [];
    const inService = users.filter((u) => u.volunteer?.inService && u.volunteer.workUnit && (!input.workUnit || u.volunteer.workUnit === input.workUnit));
    const records = inService.length ? await store.find<RecordDoc>('service_records', { month: input.month, volunteerId: { $in: inService.map((u) => u._id) } }, { sort: [['month', 1], ['volunteerId', 1]], limit: 1000 }) : [];
    const units = [...new Set(inService.map((u) => u.volunteer!.workUnit!))].sort();
    const r2 = (n: number) => Math.round(n * 100) / 100;
    return ok({
      month: input.month,
      units: units.map((unit) => {
        const rows: ReportRow[] = inService
          .filter((u) => u.volunteer!.workUnit === unit)
          .map((u) => {
            const mine = records.filter((r) => r.volunteerId === u._id && r.verified);
            const sum = (s: Source) => r2(mine.filter((r) => r.source === s).reduce((n, r) => n + r.hours, 0));
            const row = { name: u.name, partyBranch: u.volunteer!.partyBranch ?? '', orderHours: sum('order'), dutyHours: sum('duty'), manualHours: sum('manual'), totalHours: 0 };
            row.totalHours = r2(row.orderHours + row.dutyHours + row.manualHours);
            return row;
          })
          .sort((a, b) => b.totalHours - a.totalHours || a.name.localeCompare(b.name));
        return { workUnit: unit, rows, totalHours: r2(rows.reduce((n, r) => n + r.totalHours, 0)), csv: reportCsv(unit, input.month, rows) };
      }),
    });
  },
});

export const serviceFunction: FunctionDefinition = {
  name: 'service',
  actions: { myRecord, updateVolunteerProfile, submitHours, pendingHours, reviewHours, workUnitReport },
};
