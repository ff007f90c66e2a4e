import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Ports } from '../ports';
import type { Store } from '../ports/store';
import { localClock, type LocalClock } from './clock';
import { wordListContentCheck } from './content-check';
import { localFileReader, localFiles } from './files';
import { localIdentity } from './identity';
import { cryptoIds } from './ids';
import { outboxNotifier, type LocalNotifier } from './notifier';
import { createQrSigner, localQrText } from './qr';

export interface LocalPortsOptions {
  /** Usually the SQLite store; any Store works (tests). */
  store: Store;
  /** Holds `files/` and the generated QR secret. */
  dataDir: string;
  clock?: LocalClock;
  /** The QR secret; by default one generated once per data folder (`<dataDir>/qr-secret`). */
  secret?: string;
}

export type LocalPorts = Ports & { clock: LocalClock; notifier: LocalNotifier };

/** Reads the data folder's QR secret, creating it (readable by the owner only) on first use. */
export function localQrSecret(dataDir: string): string {
  const file = join(dataDir, 'qr-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return existing;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The local adapters: persona identity, a movable clock, the outbox, a word list (and an image marker), qrcode PNGs, a folder. */
export function localPorts(options: LocalPortsOptions): LocalPorts {
  const clock = options.clock ?? localClock();
  const ids = cryptoIds();
  const secret = options.secret ?? localQrSecret(options.dataDir);
  return {
    store: options.store,
    identity: localIdentity(),
    clock,
    ids,
    notifier: outboxNotifier(options.store, ids, clock),
    contentCheck: wordListContentCheck(undefined, localFileReader(join(options.dataDir, 'files'))),
    qr: createQrSigner(secret, async (scene, page) => ({
      contentType: 'image/png',
      bytes: new Uint8Array(await QRCode.toBuffer(localQrText(scene, page), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 })),
    })),
    files: localFiles(join(options.dataDir, 'files')),
  };
}
