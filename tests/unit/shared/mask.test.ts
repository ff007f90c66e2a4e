import fc from 'fast-check';
import { maskName, maskPhone, withoutPeople } from '../../../shared/accounts/mask';

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

describe('withoutPeople', () => {
  it('takes the named people and any long run of digits out of what a resident wrote', () => {
    expect(withoutPeople('张桂英家 3-502 厨房漏水，电话 13812341234', ['张桂英', '3-502', '13812341234'])).toBe('＊＊家 ＊＊ 厨房漏水，电话 ＊＊');
    expect(withoutPeople('打 138 1234 1234 找我', [])).toBe('打 ＊＊ 找我');
    expect(withoutPeople('楼道灯坏了，3楼', [null, undefined, ''])).toBe('楼道灯坏了，3楼');
  });

  it('never leaves a mobile number in the text, however it is spaced (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom('', ' ', '-'), fc.string({ maxLength: 20 }), (phone, sep, around) => {
        const spaced = `${phone.slice(0, 3)}${sep}${phone.slice(3, 7)}${sep}${phone.slice(7)}`;
        const out = withoutPeople(`${around}电话${spaced}${around}`, []);
        expect(out).not.toContain(phone.slice(3, 7));
      }),
    );
  });
});
