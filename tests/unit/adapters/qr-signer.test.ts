import fc from 'fast-check';
import { createQrSigner, localQrText, MAC_CHARS, PAYLOAD_MAX, SCENE_MAX, wxacodeImage, type QrImage } from '../../../cloudfunctions/_core/adapters/qr';

const SECRET = 'a-test-secret-of-enough-length';
const noImage: QrImage = async () => ({ contentType: 'image/png', bytes: new Uint8Array() });
const signer = createQrSigner(SECRET, noImage);
const SCENE_ALPHABET = [..."abcXYZ019!#$&'()*+,/:;=?@-._~"];
const payloads = fc.array(fc.constantFrom(...SCENE_ALPHABET), { minLength: 1, maxLength: PAYLOAD_MAX }).map((cs) => cs.join(''));

describe('QR signer', () => {
  it('has the documented budget: 20-character payload + "." + 11-character MAC = 32', () => {
    expect(PAYLOAD_MAX).toBe(20);
    expect(MAC_CHARS).toBe(11);
    expect(PAYLOAD_MAX + 1 + MAC_CHARS).toBe(SCENE_MAX);
    const scene = signer.sign('s:st_0123456789abcde');
    expect(scene).toHaveLength(32);
    expect(scene).toMatch(/^s:st_0123456789abcde\.[A-Za-z0-9_-]{11}$/);
  });

  it('signs any allowed payload into a scene of at most 32 characters that verifies to the payload', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const scene = signer.sign(payload);
        expect(scene.length).toBeLessThanOrEqual(32);
        expect(signer.verify(scene)).toEqual({ ok: true, payload });
      }),
    );
  });

  it('refuses a payload over 20 characters, an empty one, or one with characters WeChat does not allow', () => {
    expect(() => signer.sign('x'.repeat(21))).toThrow(/1\.\.20/);
    expect(() => signer.sign('')).toThrow(/1\.\.20/);
    expect(() => signer.sign('中文')).toThrow(/characters/);
    expect(() => signer.sign('a b')).toThrow(/characters/);
  });

  it('rejects any single-character change to a signed scene', () => {
    fc.assert(
      fc.property(payloads, fc.nat(), fc.constantFrom(...'aZ0-_.x'), (payload, at, replacement) => {
        const scene = signer.sign(payload);
        const i = at % scene.length;
        fc.pre(scene[i] !== replacement);
        const forged = scene.slice(0, i) + replacement + scene.slice(i + 1);
        expect(signer.verify(forged).ok).toBe(false);
      }),
    );
  });

  it('rejects a scene signed with another secret, and malformed scenes', () => {
    const other = createQrSigner('another-secret-of-enough-length', noImage);
    expect(signer.verify(other.sign('m:123')).ok).toBe(false);
    for (const bad of ['', 'nodot', '.onlymac', 'm:123.', 'm:123.short', `${'x'.repeat(30)}.abcdefghijk`]) expect(signer.verify(bad)).toEqual({ ok: false });
    expect(signer.verify(123 as unknown as string)).toEqual({ ok: false });
  });

  it('refuses a short secret, and reads a lazy secret only when signing', () => {
    expect(() => createQrSigner('short', noImage).sign('a')).toThrow(/16/);
    let reads = 0;
    const lazy = createQrSigner(() => (reads++, SECRET), noImage);
    expect(reads).toBe(0);
    expect(lazy.verify(signer.sign('p'))).toEqual({ ok: true, payload: 'p' });
    expect(reads).toBe(1);
    expect(() =>
      createQrSigner(() => {
        throw new Error('HONGLIN_QR_SECRET is not set');
      }, noImage).sign('a'),
    ).toThrow(/HONGLIN_QR_SECRET/);
  });

  it('asks WeChat for an unlimited code with a bare page and check_path off', async () => {
    const calls: unknown[] = [];
    const image = wxacodeImage({
      wxacode: {
        async getUnlimited(params) {
          calls.push(params);
          return { contentType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8]) };
        },
      },
    });
    const qr = createQrSigner(SECRET, image);
    const scene = qr.sign('st:42');
    await expect(qr.image(scene, '/pages/scan/index?x=1')).resolves.toEqual({ contentType: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8]) });
    expect(calls).toEqual([{ scene, page: 'pages/scan/index', checkPath: false }]);
    expect(() => qr.image('x'.repeat(33), 'pages/a')).toThrow(/32/);
  });

  it('puts the page and the scene in a local code', () => {
    expect(localQrText('st:42.abc', 'pages/scan/index')).toBe('/pages/scan/index?scene=st%3A42.abc');
  });
});
