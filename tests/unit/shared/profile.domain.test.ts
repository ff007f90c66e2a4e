import fc from 'fast-check';
import type { User } from '../../../shared/accounts/accounts.schema';
import { UpdateProfileInput } from '../../../shared/accounts/accounts.schema';
import { planProfileUpdate } from '../../../shared/accounts/profile.domain';

const NOW = '2026-11-22T08:00:00.000Z';
const resident: User = { _id: 'u1', openid: 'o1', name: '居民', largeText: false, createdAt: NOW, updatedAt: NOW, version: 1 };
const building = { _id: 'b1', kind: 'building' as const, path: { streetId: 's', communityId: 'c', gridId: 'g', microGridId: 'm', buildingId: 'b1' } };

describe('planProfileUpdate', () => {
  it('needs consent for a phone number, given now or before', () => {
    expect(planProfileUpdate(resident, { phone: '13812345678' }, null, NOW)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'ACCOUNT.PHONE_CONSENT_REQUIRED', field: 'payload.phoneConsent' }),
    });
    const now = planProfileUpdate(resident, { phone: '13812345678', phoneConsent: true }, null, NOW);
    expect(now.ok && now.data.set).toEqual(expect.objectContaining({ phone: '13812345678', phoneConsentAt: NOW }));
    const before = planProfileUpdate({ ...resident, phoneConsentAt: '2026-01-01T00:00:00.000Z' }, { phone: '13912345678' }, null, NOW);
    expect(before.ok && before.data.set.phone).toBe('13912345678');
    expect(before.ok && before.data.set.phoneConsentAt).toBeUndefined();
  });

  it('removes the number when consent is withdrawn, and refuses a number with consent withdrawn', () => {
    const off = planProfileUpdate({ ...resident, phone: '13812345678', phoneConsentAt: NOW }, { phoneConsent: false }, null, NOW);
    expect(off.ok && off.data.unset).toEqual(['phone', 'phoneConsentAt']);
    expect(planProfileUpdate(resident, { phone: '13812345678', phoneConsent: false }, null, NOW).ok).toBe(false);
  });

  it('takes the household’s whole place in the tree from its building', () => {
    const res = planProfileUpdate(resident, { buildingId: 'b1', room: '2-301' }, building, NOW);
    expect(res.ok && res.data.set.home).toEqual({ buildingId: 'b1', room: '2-301', path: building.path });
  });

  it('refuses a missing building, a node that is not a building, and a building without a room', () => {
    expect(planProfileUpdate(resident, { buildingId: 'x', room: '1' }, null, NOW)).toEqual({ ok: false, error: expect.objectContaining({ field: 'payload.buildingId' }) });
    expect(planProfileUpdate(resident, { buildingId: 'g', room: '1' }, { ...building, kind: 'grid' as never }, NOW).ok).toBe(false);
    expect(planProfileUpdate(resident, { buildingId: 'b1' }, building, NOW)).toEqual({ ok: false, error: expect.objectContaining({ field: 'payload.room' }) });
  });

  it('never sets a phone without consent on record, whatever the input (property)', () => {
    const input = fc.record(
      {
        name: fc.constantFrom('王秀兰', '李', 'Anna'),
        phone: fc.stringMatching(/^1[3-9]\d{9}$/),
        phoneConsent: fc.boolean(),
        largeText: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, fc.boolean(), (raw, consentedBefore) => {
        const parsed = UpdateProfileInput.safeParse(raw);
        if (!parsed.success) return;
        const user = consentedBefore ? { ...resident, phoneConsentAt: NOW } : resident;
        const res = planProfileUpdate(user, parsed.data, null, NOW);
        if (res.ok && res.data.set.phone !== undefined) {
          expect(res.data.set.phoneConsentAt !== undefined || consentedBefore).toBe(true);
          expect(parsed.data.phoneConsent).not.toBe(false);
        }
      }),
    );
  });
});
