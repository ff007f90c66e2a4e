import Taro from '@tarojs/taro'
import { MAX_PHOTO_BYTES, photoFolderOf } from '@shared/orders/photos'
import { accounts } from '../services/accounts'
import { orders, type PhotoContentType, type UploadedPhoto } from '../services/orders'

/** What the server accepts: ~700 KB of picture, as base64 (4 chars per 3 bytes). */
const MAX_BASE64 = 960_000
/** Pictures larger than this are shrunk first. */
const SHRINK_ABOVE_BYTES = 600 * 1024
const MAX_EDGE = 1600

export interface PhotoData {
  contentType: PhotoContentType
  dataBase64: string
}

export type PhotoOutcome = { ok: true; photo: UploadedPhoto } | { ok: false; message: string }

function typeOfPath(path: string): PhotoContentType {
  const p = path.toLowerCase()
  if (p.endsWith('.png')) return 'image/png'
  if (p.endsWith('.webp')) return 'image/webp'
  return 'image/jpeg'
}

/** Lets the person pick up to `count` pictures (camera or album). Cancelling gives an empty list. */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  try {
    const res = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      // H5: only the album source, so no action sheet pops up; phone browsers offer the camera there anyway.
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    })
    return res.tempFiles.map((f) => f.tempFilePath).slice(0, count)
  } catch {
    return [] // cancelled
  }
}

// ---- weapp: the file system manager reads temp files as base64 -------------------------------------

async function readWeapp(path: string): Promise<PhotoData> {
  const fs = Taro.getFileSystemManager()
  let src = path
  let contentType = typeOfPath(path)
  let size = 0
  try {
    size = fs.statSync(path).size as number
  } catch {
    size = 0
  }
  if (size > SHRINK_ABOVE_BYTES) {
    try {
      const res = await Taro.compressImage({ src: path, quality: 60 })
      src = res.tempFilePath
      contentType = 'image/jpeg'
    } catch {
      // keep the original; the size check below decides
    }
  }
  const data = fs.readFileSync(src, 'base64')
  return { contentType, dataBase64: typeof data === 'string' ? data : '' }
}

// ---- H5: fetch the blob URL, shrink on a canvas when needed, read with FileReader ------------------

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('not an image'))
    img.src = url
  })
}

async function shrinkH5(url: string): Promise<Blob> {
  const img = await loadImage(url)
  const scale = Math.min(1, MAX_EDGE / Math.max(img.naturalWidth, img.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no canvas')
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', 0.75))
}

const H5_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp']

async function readH5(url: string): Promise<PhotoData> {
  let blob = await (await fetch(url)).blob()
  let contentType = blob.type as PhotoContentType
  if (blob.size > SHRINK_ABOVE_BYTES || !H5_TYPES.includes(blob.type)) {
    blob = await shrinkH5(url)
    contentType = 'image/jpeg'
  }
  return { contentType, dataBase64: await blobToBase64(blob) }
}

/**
 * Reads one picked picture as base64, shrunk when large, for a call that takes the file inline (六有
 * evidence). Never throws.
 */
export async function readPhoto(path: string): Promise<{ ok: true; data: PhotoData } | { ok: false; message: string }> {
  let data: PhotoData
  try {
    data = process.env.TARO_ENV === 'h5' ? await readH5(path) : await readWeapp(path)
  } catch {
    return { ok: false, message: '这张图片读不出来，请换一张' }
  }
  if (data.dataBase64.length < 16) return { ok: false, message: '这张图片读不出来，请换一张' }
  if (data.dataBase64.length > MAX_BASE64) return { ok: false, message: '照片太大了，请换一张或压缩后再传' }
  return { ok: true, data }
}

// ---- weapp: straight to cloud storage, into the caller's own folder ---------------------------------

const EXTENSIONS: Record<PhotoContentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
const NAME_CHARS = '0123456789abcdefghjkmnpqrstvwxyz'

/** A fresh file name; unique enough inside one person's folder (a clash only overwrites their own photo). */
function freshName(): string {
  let out = `img_${Date.now().toString(36)}_`
  for (let i = 0; i < 12; i++) out += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)]
  return out
}

/** Where this person may upload: `photos/<their user id>/`, from the profile the server sends. */
export type PhotoFolder = { ok: true; folder: string } | { ok: false; message: string }

/**
 * The caller's photo folder (weapp only: H5 and the local app upload through the function). Asked
 * once per batch of pictures; the server names it by the user id it knows the caller by.
 */
export async function photoFolder(): Promise<PhotoFolder> {
  if (process.env.TARO_ENV === 'h5') return { ok: true, folder: '' }
  const me = await accounts.me()
  if (!me.ok) return { ok: false, message: me.error.message }
  return { ok: true, folder: photoFolderOf(me.data.user.id) }
}

async function uploadWeapp(path: string, folder: string): Promise<PhotoOutcome> {
  const fs = Taro.getFileSystemManager()
  let src = path
  let contentType = typeOfPath(path)
  const sizeOf = (p: string): number => {
    try {
      return fs.statSync(p).size as number
    } catch {
      return 0
    }
  }
  if (sizeOf(src) > SHRINK_ABOVE_BYTES) {
    try {
      src = (await Taro.compressImage({ src: path, quality: 60 })).tempFilePath
      contentType = 'image/jpeg'
    } catch {
      // keep the original; the size check below decides
    }
  }
  if (sizeOf(src) > MAX_PHOTO_BYTES) return { ok: false, message: '照片太大了，请换一张或压缩后再传' }
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}${freshName()}.${EXTENSIONS[contentType]}`, filePath: src })
    if (!res.fileID) return { ok: false, message: '照片没有传上去，请稍后再试' }
    // The picture on the phone shows the thumbnail; others get a temporary URL from the function.
    return { ok: true, photo: { fileId: res.fileID, url: src } }
  } catch {
    return { ok: false, message: '网络不给力，照片没有传上去，请稍后再试' }
  }
}

/**
 * Uploads one picked picture and answers its file id. weapp: `wx.cloud.uploadFile` into the
 * caller's folder (`folder` from photoFolder); H5 and the local app: read as base64 and sent to the
 * upload action, which stores it in the same folder. Never throws.
 */
export async function uploadPhoto(path: string, folder: string): Promise<PhotoOutcome> {
  if (process.env.TARO_ENV !== 'h5') return uploadWeapp(path, folder)
  const read = await readPhoto(path)
  if (!read.ok) return read
  const answer = await orders.uploadPhoto(read.data)
  return answer.ok ? { ok: true, photo: answer.data } : { ok: false, message: answer.error.message }
}
