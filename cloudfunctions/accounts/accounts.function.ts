import { authorizeAccounts, type Actor } from '../../shared/accounts/accounts.policy';
import { INVITE_ALPHABET, type Invite, type Membership, type User } from '../../shared/accounts/accounts.schema';
import { nodesNeeded, toProfileView, toRoleView } from '../../shared/accounts/accounts.view';
import { effectiveInviteStatus, makeInviteCode, nextInviteStatus } from '../../shared/accounts/invite.machine';
import { maskPhone } from '../../shared/accounts/mask';
import { personaSummary, type PersonaNote } from '../../shared/accounts/persona';
import { planProfileUpdate } from '../../shared/accounts/profile.domain';
import { ROLE_LABELS, type GrantedRole } from '../../shared/accounts/roles';
import { opensAt } from '../../shared/accounts/scopes';
import { api } from '../../shared/api/contract';
import { volunteerProfileDoc } from '../../shared/orders/volunteer';
import { fail, ok } from '../../shared/api/envelope';
import { breadcrumb, pathKey, scopeIdOf, toNodeView } from '../../shared/territory/territory.domain';
import { TREE_LEVELS } from '../../shared/territory/territory.schema';
import { loadNodes, loadTree, type NodeDoc } from '../_core/nodes';
import { defineAction, loadActor, type ActionContext, type FunctionDefinition } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';

const spec = api.accounts;
type UserDoc = User & Doc;
type InviteDoc = Invite & Doc;
type MembershipDoc = Membership & Doc;

async function profileOf(ctx: ActionContext, actor: Actor) {
  const nodes = await loadNodes(ctx.ports.store, nodesNeeded(actor.user, actor.memberships));
  return toProfileView(actor, nodes);
}

async function reloadProfile(ctx: ActionContext) {
  const actor = await loadActor(ctx.ports, ctx.openid);
  return profileOf(ctx, actor!);
}

async function loadNode(ctx: ActionContext, id: string) {
  const node = await ctx.ports.store.get<NodeDoc>('nodes', id);
  return node ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', 'payload.nodeId');
}

/** 我的: the caller's profile; the first call of a new OPENID registers a resident. */
const me = defineAction(spec.me, {
  registers: true,
  authorize: (actor) => authorizeAccounts(actor, { action: 'me' }),
  run: async (ctx, _input, actor) => ok({ user: await profileOf(ctx, actor), registered: actor.user.createdAt === ctx.now }),
});

/** Edit name, phone (with consent), household (building + room → grid), large-text mode. */
const updateProfile = defineAction(spec.updateProfile, {
  load: async (ctx, input) => {
    if (input.buildingId === undefined) return ok(null);
    return ok(await ctx.ports.store.get<NodeDoc>('nodes', input.buildingId));
  },
  authorize: (actor) => authorizeAccounts(actor, { action: 'updateProfile' }),
  run: async (ctx, input, actor, building) => {
    const change = planProfileUpdate(actor.user, input, building, ctx.now);
    if (!change.ok) return change;
    const fields = Object.keys(change.data.set).filter((f) => f !== 'updatedAt');
    const written = await ctx.commit(
      [{ op: 'update', collection: 'users', id: actor.user._id, version: actor.user.version, patch: { $set: change.data.set, $unset: change.data.unset } }],
      { subjectId: actor.user._id, detail: { fields: [...fields, ...change.data.unset].join(',') } },
    );
    if (!written.ok) return written;
    return ok({ user: await reloadProfile(ctx) });
  },
});

/** An admin of the level above makes a one-time code for a role at a node of their place. */
const createInvite = defineAction(spec.createInvite, {
  load: (ctx, input) => loadNode(ctx, input.nodeId),
  authorize: (actor, input, node) => authorizeAccounts(actor, { action: 'createInvite', role: input.role as GrantedRole, node }),
  run: async (ctx, input, actor, node) => {
    const expiresAt = new Date(Date.parse(ctx.now) + input.expiresInHours * 3600_000).toISOString();
    // A code collision is astronomically rare but possible: try a fresh code a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      const invite: Invite = {
        _id: ctx.ports.ids.id('inv'),
        code: makeInviteCode(ctx.ports.ids.randomInts(8), INVITE_ALPHABET),
        role: input.role as GrantedRole,
        nodeId: node._id,
        nodeKind: node.kind,
        path: node.path,
        createdBy: actor.user._id,
        createdAt: ctx.now,
        expiresAt,
        status: 'active',
        version: 1,
      };
      const written = await ctx.commit([{ op: 'insert', collection: 'invites', doc: invite as InviteDoc }], {
        subjectId: invite._id,
        detail: { role: invite.role, nodeId: node._id },
      });
      if (written.ok) {
        return ok({
          invite: { id: invite._id, code: invite.code, role: invite.role, roleLabel: ROLE_LABELS[invite.role], nodeId: node._id, nodeName: node.name, expiresAt, status: 'active' as const },
        });
      }
    }
    return fail('COMMON.CONFLICT');
  },
});

/** Redeem a code: once, before it expires; the role is held at the invite's node. */
const redeemInvite = defineAction(spec.redeemInvite, {
  load: async (ctx, input) => {
    const [invite] = await ctx.ports.store.find<InviteDoc>('invites', { code: input.code }, { limit: 1 });
    return invite ? ok(invite) : fail('INVITE.NOT_FOUND', 'payload.code');
  },
  authorize: (actor) => authorizeAccounts(actor, { action: 'redeemInvite' }),
  run: async (ctx, _input, actor, invite) => {
    const status = effectiveInviteStatus(invite, ctx.now);
    if (status !== 'active' || nextInviteStatus(status, 'redeem') === null) {
      return fail(status === 'redeemed' ? 'INVITE.ALREADY_REDEEMED' : status === 'revoked' ? 'INVITE.REVOKED' : 'INVITE.EXPIRED', 'payload.code');
    }
    if (actor.memberships.some((m) => m.role === invite.role && m.nodeId === invite.nodeId)) return fail('ACCOUNT.ROLE_ALREADY_HELD', 'payload.code');
    const membership: Membership = {
      _id: `${actor.user._id}.${invite.role}.${invite.nodeId}`,
      userId: actor.user._id,
      role: invite.role,
      nodeId: invite.nodeId,
      nodeKind: invite.nodeKind,
      path: invite.path,
      grantedBy: invite.createdBy,
      inviteId: invite._id,
      grantedAt: ctx.now,
      version: 1,
    };
    // A new volunteer gets a dispatch profile at the grid (one per person; a second grid keeps the first).
    const profile = invite.role === 'volunteer' && !(await ctx.ports.store.get('volunteers', actor.user._id)) ? [{ op: 'insert' as const, collection: 'volunteers', doc: volunteerProfileDoc(actor.user, invite.path) as unknown as Doc }] : [];
    const written = await ctx.commit(
      [
        { op: 'update', collection: 'invites', id: invite._id, version: invite.version, patch: { $set: { status: 'redeemed', redeemedBy: actor.user._id, redeemedAt: ctx.now } } },
        { op: 'insert', collection: 'memberships', doc: membership as MembershipDoc },
        ...profile,
      ],
      { subjectId: invite._id, detail: { role: invite.role, nodeId: invite.nodeId } },
      // The one who issued the code hears of it (an outbox row, delivered after the commit).
      [{ recipientId: invite.createdBy, template: 'invite.redeemed', title: '邀请码已被使用', body: `您发放的「${ROLE_LABELS[invite.role]}」邀请码已被兑换`, page: '/pages/me/index' }],
    );
    // Lost a race for the same code: someone else redeemed it a moment ago.
    if (!written.ok) return fail('INVITE.ALREADY_REDEEMED', 'payload.code');
    const nodes = await loadNodes(ctx.ports.store, [invite.nodeId]);
    return ok({ role: toRoleView(membership, nodes), user: await reloadProfile(ctx) });
  },
});

/** Admins list the role holders or the residents at a node and below; phones masked. */
const listMembers = defineAction(spec.listMembers, {
  load: (ctx, input) => loadNode(ctx, input.nodeId),
  authorize: (actor, _input, node) => authorizeAccounts(actor, { action: 'listMembers', node }),
  run: async (ctx, input, actor, node) => {
    const store = ctx.ports.store;
    const key = pathKey(node.kind);
    const scope = scopeIdOf(node);
    const page = { skip: input.offset, limit: input.limit };
    let users: UserDoc[];
    let memberships: MembershipDoc[];
    let total: number;
    if (input.kind === 'roles') {
      const filter = { [`path.${key}`]: scope };
      const rows = await store.find<MembershipDoc>('memberships', filter, { ...page, sort: [[`path.${key}`, 1], ['grantedAt', 1]] });
      total = await store.count('memberships', filter);
      memberships = rows;
      users = await store.find<UserDoc>('users', { _id: { $in: [...new Set(rows.map((m) => m.userId))] } }, { limit: input.limit });
    } else {
      const filter = { [`home.path.${key}`]: scope };
      users = await store.find<UserDoc>('users', filter, { ...page, sort: [[`home.path.${key}`, 1], ['createdAt', 1]] });
      total = await store.count('users', filter);
      memberships = users.length ? await store.find<MembershipDoc>('memberships', { userId: { $in: users.map((u) => u._id) } }, { limit: 1000 }) : [];
    }
    const nodes = await loadNodes(store, [...memberships.map((m) => m.nodeId), ...users.flatMap((u) => (u.home ? Object.values(u.home.path) : []))]);
    const order = input.kind === 'roles' ? [...new Set(memberships.map((m) => m.userId))] : users.map((u) => u._id);
    const byId = new Map(users.map((u) => [u._id, u]));
    const members = order.flatMap((id) => {
      const u = byId.get(id);
      if (!u) return [];
      return [
        {
          userId: u._id,
          name: u.name,
          ...(u.phone ? { phoneMasked: maskPhone(u.phone) } : {}),
          roles: memberships.filter((m) => m.userId === id).map((m) => toRoleView(m, nodes)),
          homeBreadcrumb: u.home ? breadcrumb(u.home.path, nodes) : [],
          allowedActions: u.home && opensAt(actor, 'proxy', u.home.path) ? ['postOnBehalf' as const] : [],
        },
      ];
    });
    return ok({ members, total, offset: input.offset, limit: input.limit });
  },
});

/** A leader of the person's place reads their full phone number; every reveal is on the record. */
const revealContact = defineAction(spec.revealContact, {
  load: async (ctx, input) => {
    const user = await ctx.ports.store.get<UserDoc>('users', input.userId);
    if (!user) return fail('COMMON.NOT_FOUND', 'payload.userId');
    const memberships = await ctx.ports.store.find<MembershipDoc>('memberships', { userId: user._id }, { limit: 100 });
    return ok({ user, memberships });
  },
  authorize: (actor, _input, target) => authorizeAccounts(actor, { action: 'revealContact', target }),
  run: async (ctx, input, _actor, target) => {
    await ctx.audit({ subjectId: target.user._id, detail: { reveal: 'phone', reason: input.reason } });
    return ok({ userId: target.user._id, phone: target.user.phone ?? null });
  },
});

/** The tree: streets, communities, grids, micro-grids, buildings and stations, top-down. */
const tree = defineAction(spec.tree, {
  authorize: (actor) => authorizeAccounts(actor, { action: 'tree' }),
  run: async (ctx) => {
    const nodes = await loadTree(ctx.ports.store);
    const depth = (k: string) => (k === 'station' ? TREE_LEVELS.length : TREE_LEVELS.indexOf(k as (typeof TREE_LEVELS)[number]));
    nodes.sort((a, b) => depth(a.kind) - depth(b.kind) || a.order - b.order);
    return ok({ nodes: nodes.map(toNodeView) });
  },
});

/** 消息: what the platform told the caller, newest first. */
const inbox = defineAction(spec.inbox, {
  authorize: () => ({ allow: true }),
  run: async (ctx, input, actor) => {
    const filter = { recipientId: actor.user._id };
    const rows = await ctx.ports.store.find<Doc & { template: string; title: string; body: string; page: string | null; createdAt: string }>('outbox', filter, {
      sort: [['recipientId', 1], ['createdAt', -1]],
      skip: input.offset,
      limit: input.limit,
    });
    return ok({
      messages: rows.map((m) => ({ id: m._id, template: m.template, title: m.title, body: m.body, page: m.page, createdAt: m.createdAt })),
      total: await ctx.ports.store.count('outbox', filter),
    });
  },
});

/** Local demo only: the personas the switcher offers. */
const personas = defineAction(spec.personas, {
  authorize: () => ({ allow: true }),
  run: async (ctx) => {
    const meta = await ctx.ports.store.get<Doc & { openids: string[]; notes?: Record<string, PersonaNote> }>('meta', 'personas');
    const openids = meta?.openids ?? [];
    const users = openids.length ? await ctx.ports.store.find<UserDoc>('users', { openid: { $in: openids } }, { limit: openids.length }) : [];
    const memberships = users.length ? await ctx.ports.store.find<MembershipDoc>('memberships', { userId: { $in: users.map((u) => u._id) } }, { limit: 1000 }) : [];
    const nodes = await loadNodes(ctx.ports.store, memberships.map((m) => m.nodeId));
    const byOpenid = new Map(users.map((u) => [u.openid, u]));
    return ok({
      personas: openids.flatMap((openid) => {
        const u = byOpenid.get(openid);
        if (!u) return [];
        const held = memberships.filter((m) => m.userId === u._id);
        const labels = held.map((m) => ROLE_LABELS[m.role]);
        const note = meta?.notes?.[openid];
        return [
          {
            openid,
            name: u.name,
            roleLabels: labels.length ? [...new Set(labels)] : [ROLE_LABELS.resident],
            summary: personaSummary({ user: u, roles: held.map((m) => ({ role: m.role, nodeName: nodes.get(m.nodeId)?.name ?? '' })), ...(note ? { note } : {}) }),
            purpose: note?.purpose ?? '',
          },
        ];
      }),
    });
  },
});

export const accountsFunction: FunctionDefinition = {
  name: 'accounts',
  actions: { me, updateProfile, createInvite, redeemInvite, listMembers, revealContact, tree, inbox, personas },
};
