import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { FieldError } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import { useFieldErrors, type FieldErrors } from '../../../lib/field-errors'
import { ROUTES, withQuery } from '../../../lib/nav'
import { orders, type OrderPhoto, type OrderView } from '../../../services/orders'
import { PhotoPicker } from '../../../components/photo-picker'
import { OrderActionPage } from '../common/components'
import '../common/orders.scss'

/** Back to the order: the detail page below refreshes itself when it shows again. */
function backToOrder(id: string) {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: withQuery(ROUTES.orderDetail, { id }) })
}

function ResolveForm({ order }: { order: OrderView }) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<OrderPhoto[]>([])
  const fieldErrors = useFieldErrors(['note', 'photos'], { codes: { 'ORDER.PHOTO_REQUIRED': 'photos' } })
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const e: FieldErrors<'note' | 'photos'> = {}
    if (note.trim().length < 2) e.note = '请写一下怎么办的（至少 2 个字）'
    if (order.photoOnResolve && photos.length === 0) e.photos = '这类事项办结时需要上传一张现场照片'
    fieldErrors.set(e)
    setFormError(null)
    if (Object.keys(e).length) return
    setBusy(true)
    const answer = await orders.resolve({ orderId: order.id, note: note.trim(), photos: photos.map((p) => p.fileId) })
    setBusy(false)
    if (answer.ok) {
      backToOrder(order.id)
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
  }

  return (
    <View className='ho-resolve-form'>
      <View className='hl-card hl-field hl-field-note'>
        <Text className='hl-field-label'>办理情况</Text>
        <TextBox className='hl-input-note' value={note} placeholder='例如：已更换水龙头阀芯，试用不再滴水' maxLength={500} onChange={setNote} />
        <FieldError field='note' message={errors.note} />
      </View>
      <View className='hl-card hl-field hl-field-photos'>
        <Text className='hl-field-label'>{order.photoOnResolve ? '现场照片（必须至少一张）' : '现场照片（可不传）'}</Text>
        <PhotoPicker name='resolve' photos={photos} onChange={setPhotos} error={errors.photos} />
      </View>
      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      <Button className='hl-btn hl-btn-block hl-btn-submit-resolve' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void submit()}>
        确认办结
      </Button>
      <Text className='hl-note'>办结后会请居民评价。</Text>
    </View>
  )
}

export default function Page() {
  return (
    <OrderActionPage
      name='order-resolve'
      title='办结'
      action='resolve'
      verb='办结'
      details={(order) => <Text className='hl-note'>{order.placeLabel}</Text>}
      form={(order) => <ResolveForm order={order} />}
    />
  )
}
