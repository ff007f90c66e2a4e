import { LOCAL_RISKY_IMAGE_MARKER } from '../../cloudfunctions/_core/adapters/content-check';
import type { TestGateway } from './local-gateway';

/** The smallest bytes the upload action takes as a PNG. */
export const PNG = [0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82];
/** A picture the local check refuses (the stand-in for one WeChat would call risky). */
export const RISKY_PNG = [...PNG, ...Buffer.from(LOCAL_RISKY_IMAGE_MARKER)];

/** Uploads a photo as `persona` (the H5 and local path) and answers its file id, in the persona's own folder. */
export async function uploadPhoto(gw: TestGateway, persona: string, bytes: number[] = PNG): Promise<string> {
  const res = await gw.call(persona, 'orders', 'uploadPhoto', { contentType: 'image/png', dataBase64: Buffer.from(bytes).toString('base64') });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.fileId as string;
}
