import { holdsOver, type Actor } from '../../shared/accounts/accounts.policy';
import type { User } from '../../shared/accounts/accounts.schema';
import { api } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/envelope';
import { reportCsv, SOURCE_LABELS, summarize, withinManualCap, type Entry, type ManualStatus, type ReportRow, type Source } from '../../shared/service/record';
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
  at: string;
  month: string;
  version: number;
}

const isVolunteer = (actor: Actor) => actor.memberships.some((m) => m.role === 'volunteer');

function entryView(e: RecordDoc) {
  const note = e.source === 'manual' ? `${e.date ?? ''} ${e.description ?? ''}${e.reviewNote ? `（${e.reviewNote}）` : ''}`.trim() : e.source === 'order' ? '办结事项' : '站点值班';
  return { id: e._id, source: e.source, sourceLabel: SOURCE_LABELS[e.source], hours: e.hours, points: e.points, verified: e.verified, status: e.status ?? null, at: e.at, note };
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
    summary: summarize(entries as Entry[]),
    entries: entries.slice(0, 50).map(entryView),
    allowedActions: isVolunteer(actor) ? ['updateVolunteerProfile', 'submitHours'] : [],
  };
}

/** 我的服务记录: hours by source (never mixed), points and star level. */
const myRecord = defineAction(spec.myRecord, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor) => ok(await recordOf(ctx, actor)),
});

/** The volunteer's own profile: party member, in-service unit and branch (双报到), skills, hours. */
const updateVolunteerProfile = defineAction(spec.updateVolunteerProfile, {
  idempotent: true,
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
  idempotent: true,
  authorize: (actor) => (isVolunteer(actor) ? { allow: true } : { allow: false, code: 'SERVICE.NOT_VOLUNTEER' }),
  run: async (ctx, input, actor) => {
    const today = new Date(Date.parse(ctx.now) + 8 * 3600_000).toISOString().slice(0, 10);
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

const adminOf = (actor: Actor, node: Pick<NodeDoc, '_id' | 'kind' | 'path'>) => holdsOver(actor, ['communityAdmin', 'streetAdmin'], node.path);

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
    for (const r of rows) entries.push({ ...entryView(r), volunteerId: r.volunteerId, volunteerName: names.get(r.volunteerId) ?? '', approvedThisMonth: await approvedHours(ctx, r.volunteerId, r.month) });
    return ok({ entries, total: await ctx.ports.store.count('service_records', filter) });
  },
});

async function approvedHours(ctx: ActionContext, volunteerId: string, month: string): Promise<number> {
  const rows = await ctx.ports.store.find<RecordDoc>('service_records', { month, volunteerId, source: 'manual', status: 'approved' }, { sort: [['month', 1], ['volunteerId', 1]], limit: 1000 });
  return rows.reduce((n, r) => n + r.hours, 0);
}

/** Approve or return a hand-entered entry: once only, and within the month's cap. */
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
    if (input.approve && !withinManualCap(await approvedHours(ctx, entry.volunteerId, entry.month), entry.hours)) return fail('SERVICE.MANUAL_CAP', 'payload.entryId');
    const set = input.approve ? { status: 'approved', verified: true, reviewNote: input.note } : { status: 'rejected', verified: false, reviewNote: input.note };
    const written = await ctx.commit([{ op: 'update', collection: 'service_records', id: entry._id, version: entry.version, patch: { $set: { ...set, reviewedAt: ctx.now } } }], {
      subjectId: entry._id,
      detail: { event: input.approve ? 'approveHours' : 'rejectHours', hours: entry.hours },
    });
    // Two admins approving at once: the second finds it already reviewed.
    if (!written.ok) return fail('SERVICE.ALREADY_REVIEWED', 'payload.entryId');
    return ok({ entry: entryView({ ...entry, ...(set as Partial<RecordDoc>) }) });
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
