import { jsonFile, saveWay, type JsonFile, type SaveWay } from './json-file'
import { canShareFile, downloadBlob, shareFile, userFilePath, writeUserFile } from './share-file'

/**
 * Saving a JSON document the app holds (我的数据) as a file the person keeps. In WeChat the file is
 * written to the user data folder and handed to the chat share sheet (转发给自己或家人); in H5 the
 * browser downloads it. The decisions (file name, contents, which way) are in json-file.ts, pure and
 * tested on their own; the host's file and share calls are share-file.ts's.
 */

export type SaveOutcome = { ok: true; how: 'downloaded' | 'shared' | 'kept' } | { ok: false; message: string }

async function saveWeapp(file: JsonFile, way: SaveWay): Promise<SaveOutcome> {
  const filePath = userFilePath(file.fileName)
  try {
    await writeUserFile(filePath, file.text, 'utf8')
  } catch {
    return { ok: false, message: '文件没能保存到手机，请清理手机空间后再试' }
  }
  if (way !== 'share') return { ok: true, how: 'kept' }
  try {
    await shareFile(filePath, file.fileName)
    return { ok: true, how: 'shared' }
  } catch {
    // Closed without choosing a chat, or not offered on this client: no error to read, the file is kept.
    return { ok: true, how: 'kept' }
  }
}

function downloadH5(file: JsonFile): SaveOutcome {
  try {
    downloadBlob(new Blob([file.text], { type: 'application/json;charset=utf-8' }), file.fileName)
    return { ok: true, how: 'downloaded' }
  } catch {
    return { ok: false, message: '下载没有开始，请换个浏览器再试' }
  }
}

/** Saves `data` as a pretty-printed JSON file named `fileName`: shared (weapp) or downloaded (H5). Never throws. */
export async function saveJson(data: unknown, fileName: string): Promise<SaveOutcome> {
  const file = jsonFile(data, fileName)
  const env = process.env.TARO_ENV
  const way = saveWay(env, env === 'h5' ? false : canShareFile())
  return way === 'download' ? downloadH5(file) : saveWeapp(file, way)
}
