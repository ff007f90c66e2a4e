import fc from 'fast-check';
import { redact } from '../../../cloudfunctions/_core/pipeline';

/** What of a failed call's error message reaches the log (`logFailure`): never a person's data, still the kind of failure. */
describe('redact, for the log line of a failed call', () => {
  it('takes out phone numbers, id cards, openids and Chinese words, and keeps what an operator needs', () => {
    expect(redact('duplicate key users.phone 13552950245')).toBe('duplicate key users.phone [redacted]');
    expect(redact('id 11010519491231002X rejected')).toBe('id [redacted] rejected');
    expect(redact('no user for oAbCdEfGhIjKlMnOpQrStUvWxYz0 in users')).toBe('no user for [openid] in users');
    expect(redact('cannot parse 张桂英 3栋3-504室')).toBe('cannot parse [text] 3[text]3-504[text]');
    expect(redact('DATABASE_TRANSACTION_CONFLICT at orders/ord_7cdb788e55ba6117')).toBe('DATABASE_TRANSACTION_CONFLICT at orders/ord_7cdb788e55ba6117');
    expect(redact(undefined)).toBe('');
  });

  it('never lets a Chinese character or an 11-digit run through, and stays short', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 11 }), (text, digits) => {
        const out = redact(`${text} 1${digits.slice(1)} ${text}`);
        expect(out).not.toMatch(/[\u3400-\u9fff]/u);
        expect(out).not.toMatch(/\d{11}/);
        expect(out.length).toBeLessThanOrEqual(300);
      }),
    );
  });
});
