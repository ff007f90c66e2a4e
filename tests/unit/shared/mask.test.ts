import fc from 'fast-check';
import { maskName, maskPhone } from '../../../shared/accounts/mask';

describe('maskPhone', () => {
  it('shows the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('never reveals the middle four digits (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhone(phone)!;
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe('****');
        expect(masked.slice(0, 3) + masked.slice(7)).toBe(phone.slice(0, 3) + phone.slice(7));
      }),
    );
  });

  it('masks anything that is not a mobile number whole', () => {
    expect(maskPhone('010-12345')).toBe('********');
    expect(maskPhone(undefined)).toBeUndefined();
  });
});

describe('maskName', () => {
  it('keeps the surname only', () => {
    expect(maskName('张桂英')).toBe('张**');
    expect(maskName('李')).toBe('李');
  });
});
