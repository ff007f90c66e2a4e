import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { Category } from '@shared/orders/categories'
import { ROUTES, withQuery } from '../../../lib/nav'
import { orders, type SimilarCard } from '../../../services/orders'
import { formatTime } from '../common/format'
import './similar.scss'

/** The words rest this long before they are compared: typing and speaking come in bursts. */
const DEBOUNCE_MS = 600
/** Fewer characters say too little to find the same problem. */
const MIN_CHARS = 4

/**
 * 重复提醒 + 我也遇到了: while a resident describes a problem, open orders nearby that look like the
 * same one, each with a big "我也遇到了". Joining takes them to that order instead of posting a twin.
 * Quiet: nothing shows while it looks, when nothing matches, or when the lookup fails.
 */
export function SimilarOrders({
  category,
  description,
  buildingId,
  onJoined,
}: {
  category: Category | null
  description: string
  buildingId: string | null
  /** Called before leaving for the order joined (the page drops its draft). */
  onJoined?: () => void
}) {
  const [cards, setCards] = useState<SimilarCard[]>([])
  const [joining, setJoining] = useState<string | null>(null)
  const [error, setError] = useState<{ id: string; text: string } | null>(null)
  const latest = useRef(0)

  useEffect(() => {
    const text = description.trim()
    const ask = ++latest.current
    if ([...text].length < MIN_CHARS) {
      setCards([])
      return
    }
    const timer = setTimeout(() => {
      void orders.similar({ text, ...(category ? { category } : {}), ...(buildingId ? { buildingId } : {}) }).then((res) => {
        // Only the answer to the latest words counts; a failed lookup shows nothing.
        if (ask === latest.current) setCards(res.ok ? res.data.orders : [])
      })
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [category, description, buildingId])

  if (cards.length === 0) return null

  const open = (id: string) => void Taro.redirectTo({ url: withQuery(ROUTES.orderDetail, { id }) })

  const join = async (card: SimilarCard) => {
    setError(null)
    setJoining(card.id)
    const res = await orders.metoo(card.id)
    setJoining(null)
    if (!res.ok) {
      setError({ id: card.id, text: res.error.message })
      return
    }
    onJoined?.()
    void Taro.showToast({ title: '已加入，有进展会通知您', icon: 'none', duration: 2500 })
    open(card.id)
  }

  return (
    <View className='hl-card ho-similar hl-similar' role='region' aria-label='附近有人反映过类似的问题'>
      <Text className='ho-similar-title'>附近有人反映过类似的问题</Text>
      <Text className='hl-note'>如果是同一件事，点“我也遇到了”，不用再发一遍，有进展会一起通知您。</Text>
      {cards.map((c) => (
        <View key={c.id} className='ho-similar-card hl-similar-card'>
          <View className='ho-similar-row'>
            {c.photoUrl ? <Image className='ho-similar-photo' src={c.photoUrl} mode='aspectFill' /> : null}
            <View className='ho-similar-body'>
              <View className='ho-chips'>
                <Text className='hl-chip hl-chip-plain'>{c.category}</Text>
                <Text className='hl-chip hl-chip-plain'>{c.stateLabel}</Text>
                {c.sameBuilding ? <Text className='hl-chip ho-similar-same'>同一栋楼</Text> : null}
              </View>
              <Text className='hl-text ho-similar-desc'>{c.description}</Text>
              <Text className='hl-note hl-similar-households'>{`${c.affectedHouseholds} 户受影响 · ${formatTime(c.postedAt)}`}</Text>
            </View>
          </View>
          {c.alreadyJoined ? (
            <Button className='hl-btn hl-btn-block ho-metoo hl-btn-similar-open' onClick={() => open(c.id)}>
              您已反映过，看看进展
            </Button>
          ) : (
            <Button className='hl-btn hl-btn-block ho-metoo hl-btn-metoo' type='primary' loading={joining === c.id} disabled={joining !== null} onClick={() => void join(c)}>
              我也遇到了
            </Button>
          )}
          {error?.id === c.id ? (
            <View className='ho-similar-error' role='alert'>
              <Text>{error.text}</Text>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
