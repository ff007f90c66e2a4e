import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { CloudBase } from '@cloudbase/node-sdk';
import type { FileStoragePort } from '../ports';

/**
 * A storage key is a relative path of plain segments: `orders/ord_x/1.jpg`. No `..`, no absolute
 * paths, no backslashes, no empty or dot segments: a key can never name a file outside the folder.
 */
const SEGMENT_RE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function assertFileKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 255) throw new Error('a file key is 1..255 characters');
  const segments = key.split('/');
  if (!segments.every((s) => SEGMENT_RE.test(s) && s !== '.' && s !== '..' && !s.includes('..'))) throw new Error(`invalid file key: ${key}`);
  return key;
}

const LOCAL_PREFIX = 'local://';

/** Local: files under `<dataDir>/files/<key>`, served by the gateway at `/files/<key>`. */
export function localFiles(filesDir: string): FileStoragePort {
  const root = resolve(filesDir);
  const pathOf = (key: string): string => {
    const file = resolve(join(root, assertFileKey(key)));
    if (!file.startsWith(root + sep)) throw new Error(`invalid file key: ${key}`);
    return file;
  };
  return {
    async put(key, bytes) {
      const file = pathOf(key);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
      return { fileId: `${LOCAL_PREFIX}${key}`, url: `/files/${key}` };
    },
    async url(fileId) {
      if (!fileId.startsWith(LOCAL_PREFIX)) throw new Error('not a local file id');
      const key = fileId.slice(LOCAL_PREFIX.length);
      pathOf(key);
      return `/files/${key}`;
    },
    async remove(fileIds) {
      const failed: { fileId: string; reason: string }[] = [];
      for (const fileId of fileIds) {
        try {
          if (!fileId.startsWith(LOCAL_PREFIX)) throw new Error('not a local file id');
          await rm(pathOf(fileId.slice(LOCAL_PREFIX.length)), { force: true });
        } catch (e) {
          failed.push({ fileId, reason: (e as Error).message });
        }
      }
      return { failed };
    },
  };
}

/** Local: a stored file's bytes by its file id (the local image check reads them), null when there is none. */
export function localFileReader(filesDir: string): (fileId: string) => Promise<Uint8Array | null> {
  const root = resolve(filesDir);
  return async (fileId) => {
    if (!fileId.startsWith(LOCAL_PREFIX)) return null;
    try {
      const file = resolve(join(root, assertFileKey(fileId.slice(LOCAL_PREFIX.length))));
      if (!file.startsWith(root + sep)) return null;
      return new Uint8Array(await readFile(file));
    } catch {
      return null;
    }
  };
}

/** Temporary URLs live this long (seconds); pages ask again when they render. */
const URL_MAX_AGE = 3600;

/** Production: CloudBase cloud storage (`uploadFile`, `getTempFileURL`). */
export function cloudFiles(app: Pick<CloudBase, 'uploadFile' | 'getTempFileURL' | 'deleteFile'>): FileStoragePort {
  const url = async (fileId: string): Promise<string> => {
    const res = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: URL_MAX_AGE }] });
    const entry = res.fileList?.[0];
    if (!entry || (entry.code && entry.code !== 'SUCCESS') || !entry.tempFileURL) throw new Error(`no URL for the file (${entry?.code ?? 'missing'})`);
    return entry.tempFileURL;
  };
  return {
    async put(key, bytes) {
      const { fileID } = await app.uploadFile({ cloudPath: assertFileKey(key), fileContent: Buffer.from(bytes) });
      return { fileId: fileID, url: await url(fileID) };
    },
    url,
    async remove(fileIds) {
      const failed: { fileId: string; reason: string }[] = [];
      // deleteFile takes at most 50 ids a call; a file already gone answers STORAGE_FILE_NONEXIST, which is what we wanted.
      for (let i = 0; i < fileIds.length; i += 50) {
        const res = await app.deleteFile({ fileList: fileIds.slice(i, i + 50) as string[] });
        for (const entry of res.fileList ?? []) {
          if (entry.code && entry.code !== 'SUCCESS' && entry.code !== 'STORAGE_FILE_NONEXIST') failed.push({ fileId: entry.fileID, reason: entry.code });
        }
      }
      return { failed };
    },
  };
}
