import Taro from '@tarojs/taro'

/**
 * Saving and sharing a file the app holds: a dashboard export the server sent as base64, 我的数据 as
 * JSON, a 六有 CSV. In WeChat the file is written to the user data folder and handed to the chat
 * share sheet (转发给朋友或群), or opened in the document viewer (whose menu can forward it) where
 * sharing a file is not offered; in H5 the browser downloads it. One module for every page that saves
 * a file, so the WeChat quirks below are handled once.
 */

export interface ShareableFile {
  filename: string
  contentType: string
  base64: string
}

export type ShareOutcome = { ok: true; how: 'shared' | 'opened' | 'downloaded' } | { ok: false; message: string }

/** No folder, nothing the file system refuses. */
export const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'export'

/** Writes text (utf8) or bytes (base64) to a file of the user data folder. */
export function writeUserFile(filePath: string, data: string, encoding: 'utf8' | 'base64'): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data, encoding, success: () => resolve(), fail: reject })
  })
}

/** The path a file of this name gets in the user data folder. */
export const userFilePath = (fileName: string) => `${Taro.env.USER_DATA_PATH}/${safeName(fileName)}`

/** The cancel of a share sheet is not an error the person needs to read about. */
export const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

/** Whether this client offers to send a file to a chat (not a PC client, not an old base library). */
export function canShareFile(): boolean {
  try {
    return typeof Taro.shareFileMessage === 'function' && Taro.canIUse('shareFileMessage')
  } catch {
    return false
  }
}

/**
 * Opens the chat share sheet for a saved file; resolves when a chat was chosen, rejects when the sheet
 * was closed or refused. Taro 4.2.1 does not promisify shareFileMessage (it is not in its list of
 * promise APIs): awaiting `Taro.shareFileMessage()` resolves at once, before the person chose a chat
 * or closed the sheet, and never fails. The callbacks tell; a Taro that does promisify it also calls
 * them, and its promise is let go.
 */
export function shareFile(filePath: string, fileName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const returned: unknown = Taro.shareFileMessage({ filePath, fileName, success: () => resolve(), fail: reject })
    void Promise.resolve(returned).catch(() => undefined)
  })
}

/** H5: the browser downloads the blob under this name. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = safeName(fileName)
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Give the browser time to start the download before the address goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

async function shareWeapp(file: ShareableFile): Promise<ShareOutcome> {
  const fileName = safeName(file.filename)
  const filePath = userFilePath(fileName)
  try {
    await writeUserFile(filePath, file.base64, 'base64')
  } catch {
    return { ok: false, message: '文件没能保存到手机，请清理空间后再试' }
  }
  if (canShareFile()) {
    try {
      await shareFile(filePath, fileName)
      return { ok: true, how: 'shared' }
    } catch (e) {
      if (cancelled(e)) return { ok: true, how: 'shared' }
      // Not offered here after all: open it instead.
    }
  }
  try {
    await Taro.openDocument({ filePath, showMenu: true, fileType: fileName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : undefined } as Taro.openDocument.Option)
    return { ok: true, how: 'opened' }
  } catch {
    return { ok: false, message: '文件已生成，但这台手机打不开，请在电脑上导出' }
  }
}

function downloadH5(file: ShareableFile): ShareOutcome {
  try {
    const binary = atob(file.base64)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    downloadBlob(new Blob([bytes], { type: file.contentType }), file.filename)
    return { ok: true, how: 'downloaded' }
  } catch {
    return { ok: false, message: '下载没有开始，请换个浏览器再试' }
  }
}

/** Saves the file and offers to share it (weapp) or downloads it (H5). Never throws. */
export async function saveAndShare(file: ShareableFile): Promise<ShareOutcome> {
  if (process.env.TARO_ENV === 'h5') return downloadH5(file)
  return shareWeapp(file)
}
