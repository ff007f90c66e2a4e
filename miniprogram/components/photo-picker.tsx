import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { choosePhotos, photoFolder, uploadPhoto } from '../lib/photos'
import type { OrderPhoto } from '../services/orders'
import { FieldError } from './states'
import './photo-grid.scss'
import './photo-picker.scss'

/**
 * Picks, uploads and shows up to `max` photos, each with a 删除 button: the weapp uploads into the
 * caller's own cloud storage folder, H5 through the upload action; the form only ever sends file ids.
 * `optional`: the count says the photos may be left out.
 */
export function PhotoPicker({
  photos,
  onChange,
  max = 9,
  name,
  error,
  optional = false,
}: {
  photos: readonly OrderPhoto[]
  onChange: (next: OrderPhoto[]) => void
  max?: number
  name: string
  error?: string
  optional?: boolean
}) {
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const add = async () => {
    setProblem(null)
    const paths = await choosePhotos(max - photos.length)
    if (paths.length === 0) return
    setBusy(`正在上传第 1 张，共 ${paths.length} 张…`)
    const where = await photoFolder()
    if (!where.ok) {
      setBusy(null)
      setProblem(`${paths.length} 张没有传上去：${where.message}`)
      return
    }
    let next = [...photos]
    const failures: string[] = []
    for (let i = 0; i < paths.length; i++) {
      setBusy(`正在上传第 ${i + 1} 张，共 ${paths.length} 张…`)
      const outcome = await uploadPhoto(paths[i]!, where.folder)
      if (outcome.ok) {
        next = [...next, { fileId: outcome.photo.fileId, url: outcome.photo.url }]
        onChange(next)
      } else failures.push(outcome.message)
    }
    setBusy(null)
    if (failures.length) setProblem(`${failures.length} 张没有传上去：${failures[0]}`)
  }

  return (
    <View className={`hl-photo-picker hl-photo-picker-${name}`}>
      <View className='hl-photo-row'>
        {photos.map((p) => (
          <View key={p.fileId} className='hl-thumb'>
            <Image className='hl-photo-thumb' src={p.url} mode='aspectFill' />
            <View className='hl-thumb-remove hl-btn-remove-photo' role='button' aria-label='删除这张照片' onClick={() => onChange(photos.filter((x) => x.fileId !== p.fileId))}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
      </View>
      <Text className='hl-note'>{`${optional ? '照片可不传，' : ''}已选 ${photos.length} / ${max} 张`}</Text>
      {busy ? <Text className='hl-notice hl-photo-busy'>{busy}</Text> : null}
      {problem ? <Text className='hl-notice hl-notice-error hl-photo-error'>{problem}</Text> : null}
      {photos.length < max ? (
        <Button className='hl-btn hl-btn-block hl-btn-add-photo' disabled={busy !== null} onClick={() => void add()}>
          {photos.length === 0 ? '添加照片' : '再加照片'}
        </Button>
      ) : null}
      <FieldError field='photos' message={error} />
    </View>
  )
}
