/**
 * The decisions behind saving a JSON document as a file (我的数据 → 保存为文件): its safe name, its
 * readable contents, and which way this host saves it. No Taro here: the host side is save-file.ts.
 */

export interface JsonFile {
  fileName: string
  text: string
}

/** How a file is saved here: a browser download, WeChat's share sheet, or written only (no sharing offered). */
export type SaveWay = 'download' | 'share' | 'write'

/** No folder, nothing a file system refuses, and the `.json` ending. */
export function safeJsonName(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'data'
  const withEnd = /\.json$/i.test(base) ? base : `${base}.json`
  return withEnd.length > 120 ? `${withEnd.slice(0, 115)}.json` : withEnd
}

/** The file: its name made safe, the data pretty-printed (two spaces) so a family member can read it too. */
export function jsonFile(data: unknown, fileName: string): JsonFile {
  return { fileName: safeJsonName(fileName), text: `${JSON.stringify(data, null, 2)}\n` }
}

/** Which way to save on this host: H5 downloads; WeChat shares where it can, else only writes. */
export function saveWay(env: string | undefined, canShare: boolean): SaveWay {
  if (env === 'h5') return 'download'
  return canShare ? 'share' : 'write'
}
