import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { RATING_TAGS } from '@shared/orders/categories'
import { isBadRating } from '@shared/orders/order.machine'
import { FieldError } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import { useFieldErrors } from '../../../lib/field-errors'
import { ROUTES, withQuery } from '../../../lib/nav'
import { orders, type OrderView } from '../../../services/orders'
import { Choice } from '../../../components/choice'
import { OrderActionPage } from '../common/components'
import '../common/orders.scss'

type Tag = (typeof RATING_TAGS)[number]

/** Each star says what it means: nobody has to guess whether 3 is good. */
const STAR_LABELS = ['很不满意', '不满意', '一般', '满意', '非常满意'] as const

function backToOrder(id: string) {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: withQuery(ROUTES.orderDetail, { id }) })
}

function RateForm({ order }: { order: OrderView }) {
  const [stars, setStars] = useState(0)
  const [tags, setTags] = useState<Tag[]>([])
  const [comment, setComment] = useState('')
  const fieldErrors = useFieldErrors(['stars', 'comment'])
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const toggle = (t: Tag) => setTags((ts) => (ts.includes(t) ? ts.filter((x) => x !== t) : [...ts, t]))

  const submit = async () => {
    setFormError(null)
    if (stars < 1) {
      fieldErrors.set({ stars: '请点一下星星，选 1 到 5 颗' })
      return
    }
    fieldErrors.set({})
    setBusy(true)
    const answer = await orders.rate({ orderId: order.id, stars, tags, comment: comment.trim() })
    setBusy(false)
    if (answer.ok) {
      backToOrder(order.id)
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
  }

  return (
    <View className='ho-rate-form'>
      <View className='hl-card hl-field hl-field-stars'>
        <Text className='hl-field-label'>这次服务您满意吗？</Text>
        <View className='ho-stars' role='radiogroup' aria-label='打几颗星'>
          {STAR_LABELS.map((label, i) => {
            const n = i + 1
            return (
              <View
                key={n}
                className={`hl-star hl-star-${n}${n <= stars ? ' hl-star-lit' : ''}${n === stars ? ' hl-star-on' : ''}`}
                role='radio'
                aria-checked={n === stars}
                aria-label={`${n} 星 ${label}`}
                onClick={() => {
                  setStars(n)
                  fieldErrors.set({})
                }}
              >
                <Text className='ho-star-icon' aria-hidden='true'>
                  {n <= stars ? '★' : '☆'}
                </Text>
                <Text className='ho-star-label'>{`${n} 星`}</Text>
              </View>
            )
          })}
        </View>
        <Text className={`hl-text ho-stars-chosen hl-stars-chosen${stars ? ' ho-stars-chosen-on' : ''}`} aria-live='polite'>
          {stars ? `您选了 ${stars} 星：${STAR_LABELS[stars - 1]}` : '点一颗星：1 星很不满意，5 星非常满意'}
        </Text>
        {stars > 0 && isBadRating(stars) ? <Text className='hl-note hl-stars-low'>打 1–2 星，网格长会回访复核。</Text> : null}
        <FieldError field='stars' message={errors.stars} />
      </View>

      <View className='hl-card hl-field hl-field-tags'>
        <Text className='hl-field-label'>说说感受（可多选）</Text>
        <View className='ho-choices'>
          {RATING_TAGS.map((t, i) => (
            <Choice key={t} multiple className={`hl-rate-tag hl-rate-tag-${i}`} on={tags.includes(t)} label={t} onClick={() => toggle(t)} />
          ))}
        </View>
      </View>

      <View className='hl-card hl-field hl-field-comment'>
        <Text className='hl-field-label'>还想说的（可不填）</Text>
        <TextBox className='hl-input-rate-comment' value={comment} placeholder='例如：师傅很细心，谢谢' maxLength={300} onChange={setComment} />
        <FieldError field='comment' message={errors.comment} />
      </View>

      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      <Button className='hl-btn hl-btn-block hl-btn-submit-rate' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void submit()}>
        提交评价
      </Button>
    </View>
  )
}

export default function Page() {
  return (
    <OrderActionPage
      name='order-rate'
      title='评价'
      action='rate'
      verb='评价'
      details={(order) => (
        <>
          {order.assigneeName ? <Text className='hl-note'>{`办理人：${order.assigneeName}`}</Text> : null}
          {order.resolution ? <Text className='hl-note'>{`办理情况：${order.resolution.note}`}</Text> : null}
        </>
      )}
      form={(order) => <RateForm order={order} />}
    />
  )
}
