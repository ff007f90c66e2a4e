import Taro from '@tarojs/taro'

/**
 * Saving and sharing a file the server sent as base64 (a dashboard export). In WeChat it is written
 * to the user data folder and handed to the chat share sheet (转发给朋友或群), or opened in the
 * document viewer (whose menu can forward it) where sharing a file is not offered; in H5 the browser
 * downloads it.
 */

export interface ShareableFile {
  filename: string
  contentType: string
  base64: string
}

export type ShareOutcome = { ok: true; how: 'shared' | 'opened' | 'downloaded' } | { ok: false; message: string }

/** No folder, nothing the file system refuses. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'export'

function writeWeapp(filePath: string, base64: string): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject })
  })
}

/** The cancel of a share sheet is not an error the person needs to read about. */
const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

async function shareWeapp(file: ShareableFile): Promise<ShareOutcome> {
  const fileName = safeName(file.filename)
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  try {
    await writeWeapp(filePath, file.base64)
  } catch {
    return { ok: false, message: '文件没能保存到手机，请清理空间后再试' }
  }
  if (typeof Taro.shareFileMessage === 'function' && Taro.canIUse('shareFileMessage')) {
    try {
      await Taro.shareFileMessage({ filePath, fileName })
      return { ok: true, how: 'shared' }
    } catch (e) {
      if (cancelled(e)) return { ok: true, how: 'shared' }
      // Not offered here (a PC client, an old base library): open it instead.
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
    const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }))
    const a = document.createElement('a')
    a.href = url
    a.download = safeName(file.filename)
    a.rel = 'noopener'
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
    // Give the browser time to start the download before the address goes.
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
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
