/** Photos residents and volunteers attach: at most 700 KB each, and the image type they claim to be. */
export const MAX_PHOTO_BYTES = 700 * 1024;

/** Bytes a base64 text decodes to, without decoding it. */
export const photoBytes = (b64: string): number => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/webp': (b) => String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
};

/** Whether the bytes start as an image of the content type says. */
export const isImageOf = (contentType: string, bytes: Uint8Array): boolean => MAGIC[contentType]?.(bytes) ?? false;

/**
 * Where a person's photos live in storage: `photos/<userId>/<name>`, `userId` being their user
 * document's id (never the openid). The weapp uploads there itself; H5 and local go through the
 * upload action, which stores at the same place.
 */
export const PHOTO_ROOT = 'photos';

const USER_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;
const PHOTO_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp'];

/** The folder of one user's photos, with its trailing slash. */
export function photoFolderOf(userId: string): string {
  if (!USER_SEGMENT.test(userId)) throw new Error('not a user id');
  return `${PHOTO_ROOT}/${userId}/`;
}

/** A fresh storage path in the user's folder: `photos/<userId>/<name>.<ext>`. */
export function photoPathOf(userId: string, name: string, ext: string): string {
  const e = ext.toLowerCase();
  if (!NAME_SEGMENT.test(name) || name.includes('..') || !PHOTO_EXTENSIONS.includes(e)) throw new Error('not a photo name');
  return `${photoFolderOf(userId)}${name}.${e}`;
}

/**
 * The owner and name of a photo's file id, or null when it is not a photo in someone's folder:
 * `cloud://<env-id>.<bucket-id>/photos/<userId>/<name>` (CloudBase) or `local://photos/<userId>/<name>`.
 * Exactly three path segments, no dot segments, nothing after the name.
 */
export function parsePhotoId(fileId: string): { userId: string; name: string } | null {
  if (typeof fileId !== 'string' || fileId.length > 256) return null;
  let path: string;
  if (fileId.startsWith('local://')) path = fileId.slice('local://'.length);
  else {
    const cloud = /^cloud:\/\/[A-Za-z0-9][A-Za-z0-9_-]*\.[A-Za-z0-9][A-Za-z0-9_-]*\/(.*)$/.exec(fileId);
    if (!cloud) return null;
    path = cloud[1]!;
  }
  const parts = path.split('/');
  if (parts.length !== 3 || parts[0] !== PHOTO_ROOT) return null;
  const [, userId, name] = parts as [string, string, string];
  if (!USER_SEGMENT.test(userId) || !NAME_SEGMENT.test(name) || name.includes('..')) return null;
  return { userId, name };
}

/** Whether the file id names a photo in this user's own folder. */
export const isPhotoOf = (fileId: string, userId: string): boolean => parsePhotoId(fileId)?.userId === userId;

/** The index of the first photo that is not in the user's folder, or -1 when all are theirs. */
export const firstForeignPhoto = (fileIds: readonly string[], userId: string): number => fileIds.findIndex((f) => !isPhotoOf(f, userId));

/** The photos of a list that are not hidden (a photo that failed the content check is hidden). */
export const visiblePhotos = (fileIds: readonly string[], hidden: readonly string[] | undefined): string[] =>
  hidden && hidden.length ? fileIds.filter((f) => !hidden.includes(f)) : [...fileIds];

/** What the content check of a photo said: WeChat's `suggest` (mediaCheckAsync v2). */
export type MediaSuggest = 'risky' | 'pass' | 'review';

/** The timeline line an order gets when one of its photos is hidden. */
export const PHOTO_HIDDEN_LINE = '一张照片未通过内容安全检查，已隐藏';
