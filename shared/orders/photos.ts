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
