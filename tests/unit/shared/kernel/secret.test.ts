import fc from 'fast-check';
import { BASE32, newSecret, randomText, SECRET_LENGTH, secretPattern } from '../../../../shared/kernel/secret';

describe('secrets handed out once', () => {
  it('are the prefix and 32 base32 characters, which their pattern accepts and no other prefix does', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: SECRET_LENGTH, maxLength: 64 }), (ints) => {
        const secret = newSecret('hltst_', ints);
        expect(secret).toHaveLength('hltst_'.length + SECRET_LENGTH);
        expect(secret).toMatch(secretPattern('hltst_'));
        expect(secret).not.toMatch(secretPattern('hl311_'));
      }),
    );
  });

  it('never use the letters Crockford leaves out, and refuse too few random integers', () => {
    expect(BASE32).toHaveLength(32);
    expect(BASE32).not.toMatch(/[ilou]/);
    expect(randomText([0, 31, 32, 63], 4)).toBe('0z0z');
    expect(() => newSecret('hltst_', [1, 2, 3])).toThrow(/32 random integers/);
    expect(secretPattern('hltst_').test(`hltst_${'i'.repeat(SECRET_LENGTH)}`)).toBe(false);
  });
});
