/**
 * CSV for spreadsheet software: UTF-8 with a BOM (so the Chinese reads right), CRLF lines, and
 * cells that cannot run as formulas (a leading `=`, `+`, `-` or `@` is quoted away).
 */

/** One cell, formula-safe and quoted where it needs it. */
export function csvCell(v: string | number): string {
  const s = String(v);
  // Guard against formulas in spreadsheet software, and quote what needs it.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of cells as one CSV text, with the BOM and a final line break. */
export function csvText(lines: readonly (readonly (string | number)[])[]): string {
  return '\ufeff' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
