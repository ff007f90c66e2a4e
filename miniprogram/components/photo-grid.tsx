import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './photo-grid.scss'

/**
 * Photos as thumbnails. Tapping one opens WeChat's own viewer (pinch to zoom); in H5 it opens large,
 * right under the thumbnails (Taro's H5 viewer would bring ~200 KB of swiper with it).
 */
export function PhotoGrid({ photos, name }: { photos: readonly { fileId: string; url: string }[]; name: string }) {
  const [large, setLarge] = useState<string | null>(null)
  if (photos.length === 0) return null
  const open = (url: string) => {
    if (process.env.TARO_ENV === 'h5') setLarge(large === url ? null : url)
    else void Taro.previewImage({ urls: photos.map((p) => p.url), current: url })
  }
  return (
    <View className={`hl-photo-grid hl-photos-${name}`}>
      <View className='hl-photo-row'>
        {photos.map((p) => (
          <Image key={p.fileId} className='hl-photo-thumb hl-photo' src={p.url} mode='aspectFill' onClick={() => open(p.url)} />
        ))}
      </View>
      {large ? (
        <View className='hl-photo-large-box'>
          <Image className='hl-photo-large' src={large} mode='widthFix' onClick={() => setLarge(null)} />
          <Button className='hl-btn hl-btn-block hl-btn-close-photo' onClick={() => setLarge(null)}>
            收起大图
          </Button>
        </View>
      ) : null}
    </View>
  )
}
