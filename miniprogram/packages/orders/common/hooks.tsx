import { useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { asPage, usePaged } from '../../../lib/paged'
import { askSubscribe, type TemplateKey } from '../../../lib/subscribe'
import type { ClientError } from '../../../services/call'
import type { RoleView } from '../../../services/accounts'
import { orders, type ListInput, type OrderView } from '../../../services/orders'
import { Choice } from '../../../components/choice'

// ---- a leader's places ---------------------------------------------------------------------------------

/** Which of a leader's places the page shows; a row of choices when there are several. */
export function NodePicker({ roles, value, onPick }: { roles: readonly RoleView[]; value: string | null; onPick: (nodeId: string) => void }) {
  if (roles.length < 2) return null
  return (
    <View className='hl-card hl-node-picker'>
      <Text className='hl-field-label'>看哪个地方</Text>
      <View className='ho-choices'>
        {roles.map((r) => (
          <Choice
            key={r.nodeId}
            className={`hl-node-choice hl-node-${r.nodeId}`}
            on={r.nodeId === value}
            label={r.nodeName || r.nodeId}
            note={r.roleLabel}
            onClick={() => onPick(r.nodeId)}
          />
        ))}
      </View>
    </View>
  )
}

// ---- a paged list of orders --------------------------------------------------------------------------

/**
 * `orders.list` for a view, a page at a time: another tab, filter or node starts over (lib/paged.ts).
 * Null while the page does not know yet what to list.
 */
export function usePagedOrders(input: Omit<ListInput, 'offset' | 'limit'> | null) {
  return usePaged<OrderView>(input ? JSON.stringify(input) : null, async (offset, limit) => asPage(await orders.list({ ...input!, offset, limit }), 'orders'))
}

// ---- acting on a card of a list ---------------------------------------------------------------------

/** What an action on a card answered, shown above the list. */
export interface CardNotice {
  ok: boolean
  text: string
}

/**
 * Actions taken on the cards of a list page (接单, 抢单, 派给同事): one at a time (`busy` is the card's
 * order id), the answer as a notice at the top, the list read again after each; and the list read
 * again when the person comes back to the page.
 */
export function useCardActions(paged: { reload: () => Promise<unknown> }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<CardNotice | null>(null)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })
  /**
   * Runs `call` for the order: asks subscribe consent first when given (from the tap, before the
   * network call: weapp only), then says `done` or the error. Answers whether it went through.
   */
  const act = async (orderId: string, call: () => Promise<{ ok: true } | { ok: false; error: ClientError }>, done: string, subscribe?: TemplateKey[]): Promise<boolean> => {
    setBusy(orderId)
    setNotice(null)
    if (subscribe) await askSubscribe(subscribe)
    const answer = await call()
    setBusy(null)
    setNotice(answer.ok ? { ok: true, text: done } : { ok: false, text: answer.error.message })
    void paged.reload()
    return answer.ok
  }
  return { busy, notice, setNotice, act }
}

/** The notice of a card action, above the list. */
export function CardNoticeText({ notice }: { notice: CardNotice | null }) {
  return notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-action-ok' : 'hl-notice-error hl-action-error'}`}>{notice.text}</Text> : null
}
