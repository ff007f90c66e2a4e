/**
 * Bytes without Node: UTF-8, base64, CRC-32 and a ZIP writer of stored (uncompressed) entries, on
 * Uint8Array only, so the same code runs in a cloud function, a browser and a weapp's JS engine
 * (none of Buffer, TextEncoder or btoa is on all three). STORE and not DEFLATE: no engine here ships a
 * compressor, and the files it packs (an export's .xlsx) are small.
 */

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of bytes. */
export function base64Of(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
    // Strings built a piece at a time stay cheap; join them now and then.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, the ZIP one) of bytes. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** The path inside the archive, `/`-separated (`xl/workbook.xml`). */
  name: string;
  data: Uint8Array;
}

/** DOS date and time of 1980-01-01 00:00, the earliest ZIP can say: the same input packs to the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800;
const VERSION = 20;

/**
 * A ZIP archive of the entries, stored (method 0), in the order given. No ZIP64: the whole archive
 * must stay under 4 GiB and 65,535 entries (a RangeError otherwise).
 */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError('zip: too many entries');
  const names = entries.map((e) => utf8Bytes(e.name));
  const locals = entries.reduce((n, e, i) => n + 30 + names[i]!.length + e.data.length, 0);
  const central = entries.reduce((n, _e, i) => n + 46 + names[i]!.length, 0);
  const size = locals + central + 22;
  if (size > 0xffffffff) throw new RangeError('zip: archive too large');
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v >>> 0, true);
    at += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  const offsets: number[] = [];
  const crcs = entries.map((e) => crc32(e.data));
  entries.forEach((e, i) => {
    offsets.push(at);
    u32(0x04034b50);
    u16(VERSION);
    u16(UTF8_FLAG);
    u16(0); // stored
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(crcs[i]!);
    u32(e.data.length);
    u32(e.data.length);
    u16(names[i]!.length);
    u16(0);
    bytes(names[i]!);
    bytes(e.data);
  });
  const centralAt = at;
  entries.forEach((e, i) => {
    u32(0x02014b50);
    u16(VERSION);
    u16(VERSION);
    u16(UTF8_FLAG);
    u16(0);
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(crcs[i]!);
    u32(e.data.length);
    u32(e.data.length);
    u16(names[i]!.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i]!);
    bytes(names[i]!);
  });
  const centralSize = at - centralAt;
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(centralSize);
  u32(centralAt);
  u16(0);
  return out;
}
