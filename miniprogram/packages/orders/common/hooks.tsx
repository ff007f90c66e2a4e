import { Text, View } from '@tarojs/components'
import { asPage, usePaged } from '../../../lib/paged'
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
