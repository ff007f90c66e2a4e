import type { User } from '../../../shared/accounts/accounts.schema';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { newOrder, notEmergencyLine, orderIdOf, postedLine } from '../../../shared/orders/order.factory';
import { EMERGENCY_ERRORS, emergencyIn } from '../../../shared/orders/suggest/emergency';
import { EMERGENCY_LABEL } from '../../../shared/orders/categories';
import { mayPostFor } from '../../../shared/orders/orders.policy';
import { PLATFORM_ACTOR, create } from '../../_core/mover';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import { dispatchedOrder } from '../new-order';
import { loadOrder, ORDERS, type OrderDoc } from '../order-store';
import { toOrderView } from '../order-view';
import { checkTexts } from '../../_core/text-check';
import { ownPhotos, settlePhotoChecks, startPhotoChecks } from '../../_core/photo-checks';

type UserDoc = User & Doc;

/** 网上接单: a resident posts; a grid leader may post on behalf of a resident (代办). */
export const post = defineAction(ordersApi.post, {
  // The poster (the caller, a resident a leader posts for, or nobody for a person without an
  // account), the building, and the order this key may already have made, in one round trip.
  load: async (ctx, input, caller) => {
    const store = ctx.ports.store;
    const forResident = input.onBehalfOf ? store.get<UserDoc>('users', input.onBehalfOf) : Promise.resolve(input.contactName ? null : (caller.user as UserDoc));
    const posterId = input.onBehalfOf ?? caller.user._id;
    const direct = input.buildingId ?? (input.onBehalfOf || input.contactName ? undefined : caller.user.home?.buildingId);
    const [poster, building, existing] = await Promise.all([
      forResident,
      direct ? store.get<NodeDoc>('nodes', direct) : null,
      loadOrder(store, orderIdOf(posterId, input.clientKey)),
    ]);
    if (input.onBehalfOf && !poster) return fail('COMMON.NOT_FOUND', 'payload.onBehalfOf');
    const buildingId = direct ?? poster?.home?.buildingId;
    if (!buildingId) return fail('ORDER.NO_HOME', 'payload.buildingId');
    const found = building ?? (await store.get<NodeDoc>('nodes', buildingId));
    if (!found || found.kind !== 'building') return fail('ACCOUNT.BUILDING_NOT_FOUND', 'payload.buildingId');
    return ok({ poster, building: found, existing: existing && existing.posterId === (poster?._id ?? caller.user._id) ? existing : null });
  },
  authorize: (caller, input, { poster, building }) =>
    mayPostFor(caller, { onBehalfOf: input.onBehalfOf, contactName: input.contactName }, building.path, poster?.home?.path ?? null)
      ? { allow: true }
      : { allow: false, code: 'ORDER.NOT_A_RESIDENT_OF_PLACE' },
  run: async (ctx, input, caller, { poster, building, existing }) => {
    // Photos come from the caller's own folder only (the one who typed the order uploaded them).
    const own = ownPhotos(input.photos, caller.user._id, 'ORDER.PHOTO_NOT_YOURS');
    if (!own.ok) return own;
    // The same key posted again: the first order stands.
    if (existing) return ok({ order: await toOrderView(ctx, caller, existing, { timeline: true }) });
    // An emergency is never an order: the page shows 119/120/110 instead, unless the resident has
    // seen that screen for these words and said it is not one (the rules are wide on purpose).
    const emergency = emergencyIn(input.description);
    if (emergency && !input.notEmergency) return fail(EMERGENCY_ERRORS[emergency], 'payload.description');
    const checked = await checkTexts(ctx, [
      [input.description, 'payload.description'],
      [input.point?.name, 'payload.point.name'],
    ]);
    if (!checked.ok) return checked;
    if (input.contactName && !input.contactPhone) return fail('COMMON.INVALID_INPUT', 'payload.contactPhone');

    const posterId = poster?._id ?? caller.user._id;
    const onBehalf = posterId !== caller.user._id || Boolean(input.contactName);
    const draft = newOrder({
      posterId,
      postedBy: caller.user._id,
      clientKey: input.clientKey,
      category: input.category,
      description: input.description,
      photos: input.photos,
      urgency: input.urgency,
      preferredTime: input.preferredTime ?? null,
      building,
      placeLabel: '',
      room: input.room ?? (poster?.home?.buildingId === building._id ? poster.home.room : null),
      point: input.point ? { lat: input.point.lat, lng: input.point.lng, name: input.point.name || null } : null,
      contact: input.contactName ? { name: input.contactName, phone: input.contactPhone ?? null } : { name: poster!.name, phone: poster!.phone ?? null },
      onBehalf,
      now: ctx.now,
    });
    const { order, change: dispatched, step } = await dispatchedOrder(ctx, draft, building);
    const posted = emergency ? [postedLine(input.category, onBehalf), notEmergencyLine(EMERGENCY_LABEL[emergency])] : [postedLine(input.category, onBehalf)];
    const audit = { event: `post>${step.type}`, category: input.category, ...(emergency ? { notEmergency: emergency } : {}) };
    const change = { ...dispatched, timeline: [...posted, ...dispatched.timeline], audit };
    const role = onBehalf ? '网格长代办' : '居民';
    const poser = { id: caller.user._id, label: caller.user.name ? `${role} ${caller.user.name}` : role };
    const checks = await startPhotoChecks(ctx, { collection: 'orders', id: order._id }, input.photos, 'ORDER.PHOTO_NOT_YOURS');
    if (!checks.ok) return checks;
    const made = await create(ctx, ORDERS, { ...order, version: 1 }, change, (i) => (i === 0 ? poser : PLATFORM_ACTOR));
    if (!made.ok) {
      // The same key posted twice at the same moment: the first one stands.
      const first = await loadOrder(ctx.ports.store, order._id);
      return first ? ok({ order: await toOrderView(ctx, caller, first, { timeline: true }) }) : fail('COMMON.CONFLICT');
    }
    // A photo the check refused at once (locally) is hidden before the poster sees the order.
    if (await settlePhotoChecks(ctx, checks.data)) {
      const now = await loadOrder(ctx.ports.store, order._id);
      if (now) return ok({ order: await toOrderView(ctx, caller, now, { timeline: true }) });
    }
    return ok({ order: await toOrderView(ctx, caller, made.doc as OrderDoc, { timeline: true, events: made.lines as never }) });
  },
});
