import { useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { usePaged } from '../../../lib/paged'
import { when } from '../../../lib/time-words'
import { privacy, type MyReveal } from '../../../services/privacy'
import './reveals.scss'

/**
 * 谁查看了我的信息: every time someone else saw the person's phone, an order's contact or their room in
 * full — a leader by role and name, the volunteer who took their order as 接单志愿者 — newest first.
 * One plain sentence a row, so it reads well in 长辈版.
 */
export default function Reveals() {
  const fetchPage = useCallback(async (offset: number, limit: number) => {
    const answer = await privacy.myReveals({ offset, limit })
    return answer.ok ? { ok: true as const, data: { items: answer.data.items, total: answer.data.total } } : answer
  }, [])
  const paged = usePaged<MyReveal>('mine', fetchPage)

  return (
    <PageShell name='privacy-reveals'>
      <Text className='hl-title'>谁查看了我的信息</Text>
      <Text className='hl-note'>网格长、社区和街道的工作人员，或者给您办事的志愿者，每次看到您完整的手机号、联系人或门牌，都会记在这里。</Text>
      <PagedList
        paged={paged}
        className='hl-reveal-list'
        empty='还没有人查看过您的信息'
        emptyHint='有人查看时，这里会写明是谁、什么时候、为了哪件事'
        count={(total) => `共 ${total} 次`}
        render={(r) => (
          <View key={r.id} className={`hl-card pr-row hl-reveal-row hl-reveal-${r.kind}`}>
            <Text className='pr-line'>{`${r.by} 查看了您的${r.kindLabel}`}</Text>
            <Text className='hl-note pr-meta'>{when(r.at)}</Text>
            {r.orderLabel ? <Text className='hl-note pr-order'>{`为了办：${r.orderLabel}`}</Text> : null}
            {r.reason ? <Text className='hl-note pr-reason'>{`原因：${r.reason}`}</Text> : null}
          </View>
        )}
      />
    </PageShell>
  )
}
