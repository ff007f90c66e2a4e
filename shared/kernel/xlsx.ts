import { utf8Bytes, zipStored } from './zip';

/**
 * A minimal .xlsx (Office Open XML SpreadsheetML) of one sheet: a bold, frozen header row, column
 * widths from the content, text as inline strings and numbers as numbers. Enough for Excel, WPS and
 * a phone's preview to open and share; nothing of Node, so it runs wherever `zip.ts` does.
 *
 * Formula-safe by construction: a cell is written as an inline string or a number, never as a
 * formula (`<f>`), so `=1+1` or `@SUM(A1)` stays the text it was. Text is XML-escaped and stripped of
 * the characters XML 1.0 cannot hold (control characters, lone surrogates).
 */

export type XlsxCell = string | number | null;

export interface XlsxSheet {
  /** The sheet tab's name (cut to 31 characters, without `[]:*?/\`). */
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
}

/** What Excel holds in one cell at most. */
export const XLSX_MAX_CELL_TEXT = 32_767;

const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML 1.0 can carry it: invalid characters dropped, markup escaped. */
export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `A`, `B`, … `Z`, `AA`, … of a zero-based column. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Width of text in Excel's character units: a CJK or other wide character counts two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! > 0x2e7f ? 2 : 1;
  return w;
}

const sheetNameOf = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

function cellXml(ref: string, v: XlsxCell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null) return '';
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`;
    v = '';
  }
  const text = xmlText(v.length > XLSX_MAX_CELL_TEXT ? v.slice(0, XLSX_MAX_CELL_TEXT) : v);
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

function rowXml(index: number, cells: readonly XlsxCell[], style: number): string {
  return `<row r="${index + 1}">${cells.map((v, c) => cellXml(`${columnName(c)}${index + 1}`, v, style)).join('')}</row>`;
}

function sheetXml(sheet: XlsxSheet): string {
  const columns = sheet.rows.reduce((n, r) => Math.max(n, r.length), Math.max(sheet.header.length, 1));
  const widths = Array.from({ length: columns }, (_, c) => {
    let w = displayWidth(sheet.header[c] ?? '');
    for (const r of sheet.rows) {
      const v = r[c];
      if (v !== null && v !== undefined) w = Math.max(w, displayWidth(String(v)));
    }
    return Math.min(60, Math.max(6, w + 2));
  });
  const last = `${columnName(columns - 1)}${sheet.rows.length + 1}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rowXml(0, sheet.header, 1)}${sheet.rows.map((r, i) => rowXml(i + 1, r, 0)).join('')}</sheetData>` +
    '</worksheet>'
  );
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

/** Two cell formats: 0 the default, 1 bold (the header). */
const STYLES =
  XML_HEAD +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const workbookXml = (name: string) =>
  XML_HEAD +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets><sheet name="${xmlText(sheetNameOf(name))}" sheetId="1" r:id="rId1"/></sheets>` +
  '</workbook>';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The parts of the workbook, by path inside the package. */
export function xlsxParts(sheet: XlsxSheet): { name: string; text: string }[] {
  return [
    { name: '[Content_Types].xml', text: CONTENT_TYPES },
    { name: '_rels/.rels', text: ROOT_RELS },
    { name: 'xl/workbook.xml', text: workbookXml(sheet.name) },
    { name: 'xl/_rels/workbook.xml.rels', text: WORKBOOK_RELS },
    { name: 'xl/styles.xml', text: STYLES },
    { name: 'xl/worksheets/sheet1.xml', text: sheetXml(sheet) },
  ];
}

/** The .xlsx file of one sheet. */
export function xlsxFile(sheet: XlsxSheet): Uint8Array {
  return zipStored(xlsxParts(sheet).map((p) => ({ name: p.name, data: utf8Bytes(p.text) })));
}
