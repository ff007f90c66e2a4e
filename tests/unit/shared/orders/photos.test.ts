import fc from 'fast-check';
import { FileId } from '../../../../shared/api/fields';
import { firstForeignPhoto, isPhotoOf, parsePhotoId, photoFolderOf, photoPathOf, visiblePhotos } from '../../../../shared/orders/photos';

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
const userId = fc.array(fc.constantFrom(...ID_CHARS), { minLength: 1, maxLength: 24 }).map((c) => `usr_${c.join('')}`);
const name = fc.array(fc.constantFrom(...ID_CHARS), { minLength: 1, maxLength: 24 }).map((c) => `img_${c.join('')}`);
const ext = fc.constantFrom('jpg', 'png', 'webp', 'jpeg');
/** CloudBase's file ids: `cloud://<env-id>.<bucket-id>/<path>`. */
const cloudPrefix = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/), fc.stringMatching(/^[a-z0-9]{4,20}(-[0-9]{4,12})?$/)).map(([env, bucket]) => `cloud://${env}.${bucket}/`);
const fileIdOf = (prefix: string, path: string) => `${prefix}${path}`;
const anyPrefix = fc.oneof(fc.constant('local://'), cloudPrefix);

describe('photo file ids (who a photo belongs to)', () => {
  it('a path made for a user parses back to that user, in both storages, and passes the input schema', () => {
    fc.assert(
      fc.property(anyPrefix, userId, name, ext, (prefix, user, n, e) => {
        const id = fileIdOf(prefix, photoPathOf(user, n, e));
        expect(parsePhotoId(id)).toEqual({ userId: user, name: `${n}.${e}` });
        expect(isPhotoOf(id, user)).toBe(true);
        expect(FileId.safeParse(id).success).toBe(true);
      }),
    );
  });

  it('never belongs to anyone else', () => {
    fc.assert(
      fc.property(anyPrefix, userId, userId, name, ext, (prefix, owner, other, n, e) => {
        fc.pre(owner !== other);
        expect(isPhotoOf(fileIdOf(prefix, photoPathOf(owner, n, e)), other)).toBe(false);
      }),
    );
  });

  it('a user id that is a prefix of another names a different folder', () => {
    expect(isPhotoOf('local://photos/usr-00012/img_1.png', 'usr-0001')).toBe(false);
    expect(isPhotoOf('local://photos/usr-0001/img_1.png', 'usr-00012')).toBe(false);
  });

  it('refuses anything but exactly photos/<user>/<name>: dot segments, extra or missing segments, other roots, other schemes', () => {
    const u = 'usr-0001';
    for (const id of [
      `local://photos/${u}/../usr-0002/img_1.png`,
      `local://photos/${u}/sub/img_1.png`,
      `local://photos/${u}/`,
      `local://photos/${u}`,
      `local://photos/${u}/..`,
      `local://photos/${u}/.hidden`,
      `local://photos/${u}/a..b.png`,
      `local:///photos/${u}/img_1.png`,
      `local://photos//${u}/img_1.png`,
      `local://Photos/${u}/img_1.png`,
      `local://evidence/${u}/img_1.png`,
      `cloud://photos/${u}/img_1.png`,
      `cloud://env.bucket//photos/${u}/img_1.png`,
      `cloud://env.bucket/photos/${u}/img_1.png?x=1`,
      `https://evil.example/photos/${u}/img_1.png`,
      `photos/${u}/img_1.png`,
      `local://photos/${u}/img_1.png\n`,
      `local://photos/${'u'.repeat(65)}/img_1.png`,
      '',
    ]) {
      expect([id, parsePhotoId(id)]).toEqual([id, null]);
      expect([id, isPhotoOf(id, u)]).toEqual([id, false]);
    }
  });

  it('never throws and never claims a folder for random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), userId, (text, user) => {
        const parsed = parsePhotoId(text);
        if (parsed) {
          expect(text.endsWith(`photos/${parsed.userId}/${parsed.name}`)).toBe(true);
          expect(parsed.name).not.toContain('..');
        }
        expect(isPhotoOf(text, user)).toBe(parsed?.userId === user);
      }),
    );
  });

  it('names the first photo of a list that is not the caller’s', () => {
    const mine = 'local://photos/usr-0001/a.png';
    const theirs = 'local://photos/usr-0002/b.png';
    expect(firstForeignPhoto([], 'usr-0001')).toBe(-1);
    expect(firstForeignPhoto([mine, mine], 'usr-0001')).toBe(-1);
    expect(firstForeignPhoto([mine, theirs, mine], 'usr-0001')).toBe(1);
  });

  it('refuses to make a folder or path of what is not an id or a photo name', () => {
    expect(photoFolderOf('usr-0001')).toBe('photos/usr-0001/');
    for (const bad of ['', '../x', 'a/b', 'x'.repeat(65)]) expect(() => photoFolderOf(bad)).toThrow();
    expect(() => photoPathOf('usr-0001', '..', 'png')).toThrow();
    expect(() => photoPathOf('usr-0001', 'img_1', 'svg')).toThrow();
    expect(() => photoPathOf('usr-0001', 'a/b', 'png')).toThrow();
  });

  it('leaves hidden photos out, keeping the order of the others', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 9 }), fc.array(fc.nat(8), { maxLength: 9 }), (names, picks) => {
        const hidden = picks.map((i) => names[i]).filter((x): x is string => x !== undefined);
        const shown = visiblePhotos(names, hidden);
        expect(shown).toEqual(names.filter((n) => !hidden.includes(n)));
        expect(visiblePhotos(names, undefined)).toEqual(names);
      }),
    );
  });
});
