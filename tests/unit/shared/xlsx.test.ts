import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { columnName, xlsxFile, XLSX_MAX_CELL_TEXT, type XlsxCell } from '../../../shared/kernel/xlsx';
import { base64Of, crc32, utf8Bytes, zipStored } from '../../../shared/kernel/zip';

/**
 * The .xlsx writer and the ZIP under it, read back by a ZIP reader written here from the format
 * (central directory → local headers → stored data), with Node's own CRC-32 to check each entry, and
 * by `unzip -t` and Python's zipfile and XML parser where the machine has them.
 */

// ---- a minimal ZIP reader ---------------------------------------------------------------------------

interface ReadEntry {
  name: string;
  method: number;
  crc: number;
  data: Uint8Array;
}

function readZip(bytes: Uint8Array): ReadEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  const centralSize = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  expect(at + centralSize).toBe(eocd);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: ReadEntry[] = [];
  for (let n = 0; n < count; n++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(flags & 0x0800).toBe(0x0800);
    expect(compressed).toBe(size);
    // The local header says the same.
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    expect(view.getUint32(local + 14, true)).toBe(crc);
    expect(view.getUint32(local + 22, true)).toBe(size);
    const localName = view.getUint16(local + 26, true);
    const localExtra = view.getUint16(local + 28, true);
    expect(decoder.decode(bytes.subarray(local + 30, local + 30 + localName))).toBe(name);
    const start = local + 30 + localName + localExtra;
    entries.push({ name, method, crc, data: bytes.subarray(start, start + size) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const text = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);
const partsOf = (file: Uint8Array) => new Map(readZip(file).map((e) => [e.name, text(e.data)]));

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The cells of the sheet, row by row, read back from the XML this writer produces. */
function cellsOf(sheet: string): { ref: string; style: string | null; type: 'inlineStr' | 'n'; value: string | number }[][] {
  const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)];
  return rows.map(([, , body]) =>
    [...body!.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="(inlineStr)")?>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/gs)].map((m) => ({
      ref: m[1]!,
      style: m[2] ?? null,
      type: m[3] ? ('inlineStr' as const) : ('n' as const),
      value: m[3] ? unescapeXml(m[4]!) : Number(m[5]),
    })),
  );
}

// ---- the tests --------------------------------------------------------------------------------------

describe('zip', () => {
  it('computes the CRC-32 that Node computes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => crc32(b) === nodeCrc32(b)));
    expect(crc32(utf8Bytes('123456789'))).toBe(0xcbf43926);
  });

  it('encodes UTF-8 and base64 as Node does, without Buffer', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => Buffer.from(utf8Bytes(s)).equals(Buffer.from(s, 'utf8'))));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20_000 }), (b) => base64Of(b) === Buffer.from(b).toString('base64')));
  });

  it('packs entries that a reader gets back whole, CRCs matching', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 40 }), data: fc.uint8Array({ maxLength: 500 }) }), { maxLength: 8 }), (entries) => {
        const read = readZip(zipStored(entries));
        expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
        read.forEach((e, i) => {
          expect(e.method).toBe(0);
          expect(Buffer.from(e.data).equals(Buffer.from(entries[i]!.data))).toBe(true);
          expect(e.crc).toBe(nodeCrc32(e.data));
        });
      }),
    );
  });
});

describe('xlsx', () => {
  const header = ['编号', '内容', '次数'];
  const rows: XlsxCell[][] = [
    ['ord-1', '=1+1', 3],
    ['ord-2', "+cmd|' /C calc'!A0", -1],
    ['ord-3', '-1', 2.5],
    ['ord-4', '@SUM(A1:A9)', 0],
    ['ord-5', '<b>"水电" & \'维修\'</b>', 12],
    ['ord-6', 'bell\u0007 nul\u0000 lone\ud800 ok', null],
  ];
  const file = xlsxFile({ name: '工单明细', header, rows });
  const parts = partsOf(file);

  it('holds the parts of a SpreadsheetML package, each CRC matching', () => {
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    for (const e of readZip(file)) expect(e.crc).toBe(nodeCrc32(e.data));
    expect(parts.get('[Content_Types].xml')).toContain('spreadsheetml.sheet.main+xml');
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="工单明细" sheetId="1" r:id="rId1"/>');
    expect(parts.get('xl/styles.xml')).toContain('<b/>');
  });

  it('writes a bold, frozen header, column widths, and the rows', () => {
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toContain('ySplit="1"');
    expect(sheet).toMatch(/<cols>(<col min="\d+" max="\d+" width="\d+" customWidth="1"\/>){3}<\/cols>/);
    const cells = cellsOf(sheet);
    expect(cells[0]!.map((c) => [c.ref, c.style, c.value])).toEqual([
      ['A1', '1', '编号'],
      ['B1', '1', '内容'],
      ['C1', '1', '次数'],
    ]);
    expect(cells[1]!.map((c) => c.value)).toEqual(['ord-1', '=1+1', 3]);
    expect(cells[3]!.map((c) => [c.type, c.value])).toEqual([
      ['inlineStr', 'ord-3'],
      ['inlineStr', '-1'],
      ['n', 2.5],
    ]);
  });

  it('never writes a formula: =, +, - and @ texts are inline strings', () => {
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).not.toMatch(/<f[ >]/);
    const texts = cellsOf(sheet)
      .slice(1)
      .map((r) => r[1]!);
    for (const c of texts.slice(0, 4)) expect(c.type).toBe('inlineStr');
    expect(texts.slice(0, 4).map((c) => c.value)).toEqual(['=1+1', "+cmd|' /C calc'!A0", '-1', '@SUM(A1:A9)']);
  });

  it('escapes XML and drops the characters XML cannot hold', () => {
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain("&lt;b&gt;&quot;水电&quot; &amp; '维修'&lt;/b&gt;");
    const cells = cellsOf(sheet);
    expect(cells[5]!.map((c) => c.value)).toEqual(['ord-5', '<b>"水电" & \'维修\'</b>', 12]);
    expect(cells[6]!.map((c) => c.value)).toEqual(['ord-6', 'bell nul lone ok']);
    expect(cells[6]).toHaveLength(2);
  });

  it('cuts text at what a cell holds, and names columns past Z', () => {
    const long = xlsxFile({ name: 'x', header: ['a'], rows: [['字'.repeat(XLSX_MAX_CELL_TEXT + 10)]] });
    expect((cellsOf(partsOf(long).get('xl/worksheets/sheet1.xml')!)[1]![0]!.value as string).length).toBe(XLSX_MAX_CELL_TEXT);
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('round-trips any table of strings and numbers', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    const valid = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 6 }), fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), (head, body) => {
        const cells = cellsOf(partsOf(xlsxFile({ name: 'sheet', header: head, rows: body })).get('xl/worksheets/sheet1.xml')!);
        expect(cells).toHaveLength(body.length + 1);
        expect(cells[0]!.map((c) => c.value)).toEqual(head.map(valid));
        body.forEach((row, r) => {
          expect(cells[r + 1]!.map((c) => c.ref)).toEqual(row.map((_, c) => `${columnName(c)}${r + 2}`));
          expect(cells[r + 1]!.map((c) => c.value)).toEqual(row.map((v) => (typeof v === 'number' ? (Object.is(v, -0) ? 0 : v) : valid(v))));
          expect(cells[r + 1]!.map((c) => c.type)).toEqual(row.map((v) => (typeof v === 'number' ? 'n' : 'inlineStr')));
        });
      }),
      { numRuns: 200 },
    );
  });

  const has = (tool: string) => {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };

  it('passes unzip -t and parses as XML in Python, where those exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'honglin-xlsx-'));
    try {
      const path = join(dir, '红邻-工单明细.xlsx');
      writeFileSync(path, file);
      if (has('unzip')) expect(execFileSync('unzip', ['-t', path]).toString()).toMatch(/No errors detected/);
      if (has('python3')) {
        const script =
          'import sys, zipfile, xml.dom.minidom as m\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor n in z.namelist(): m.parseString(z.read(n))\nprint(len(z.namelist()))';
        expect(execFileSync('python3', ['-c', script, path]).toString().trim()).toBe('6');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
