import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { Empty } from '../../../components/states'
import { back, go, ROUTES, withQuery } from '../../../lib/nav'
import { usePaged } from '../../../lib/paged'
import { when } from '../../../lib/time-words'
import { liuyou, type AutoRecordRow, type AutoRecords } from '../../../services/liuyou'
import '../common/liuyou.scss'

/** 统计依据: the records behind an automatic figure of a check (志愿者、会议、工单、值班…). */
export default function Records() {
  const router = useRouter()
  const checkId = router.params.check ? decodeURIComponent(router.params.check) : ''
  const itemId = router.params.item ? decodeURIComponent(router.params.item) : ''
  const [head, setHead] = useState<Omit<AutoRecords, 'rows'> | null>(null)
  const paged = usePaged<AutoRecordRow>(checkId && itemId ? `${checkId}/${itemId}` : null, async (offset, limit) => {
    const answer = await liuyou.autoRecords({ checkId, itemId, offset, limit })
    if (!answer.ok) return answer
    const { rows, ...rest } = answer.data
    setHead(rest)
    return { ok: true, data: { items: rows, total: answer.data.total } }
  })
  useEffect(() => setHead(null), [checkId, itemId])

  if (!checkId || !itemId) {
    return (
      <PageShell name='liuyou-records'>
        <Text className='hl-title'>统计依据</Text>
        <Empty text='没有指定要看的统计项目' hint='请在自查里点“查看记录”' />
        <Button className='hl-btn hl-btn-block hl-btn-to-checks' onClick={() => go(ROUTES.liuyouChecks)}>
          六有自查
        </Button>
      </PageShell>
    )
  }
  return (
    <PageShell name='liuyou-records'>
      <Text className='hl-title'>统计依据</Text>
      {head ? (
        <View className='hl-card hl-records-head'>
          <Text className='hl-section-title'>{head.label}</Text>
          <Text className='hy-figure hl-records-value'>{head.value === null ? '—' : `${head.value}`}</Text>
          <Text className='hy-figure-unit'>{head.unit}</Text>
          <Text className='hl-note'>{head.frozen ? '自查已提交，数字已锁定' : '提交自查前，数字随记录更新'}</Text>
        </View>
      ) : null}
      <PagedList
        paged={paged}
        className='hl-record-list'
        empty='这一期还没有相关记录'
        count={(n) => `共 ${n} 条记录`}
        render={(r) => (
          <View
            key={r.id}
            className={`hl-card hy-record hl-record${r.page ? ' hy-row-open' : ''}`}
            role={r.page ? 'button' : undefined}
            onClick={r.page ? () => go(r.page!) : undefined}
          >
            <Text className='hl-text hy-item-title'>{r.title}</Text>
            {r.detail ? <Text className='hl-note'>{r.detail}</Text> : null}
            {r.at ? <Text className='hl-note'>{when(r.at)}</Text> : null}
            {r.page ? <Text className='hl-note hy-card-more'>查看 ›</Text> : null}
          </View>
        )}
      />
      <Button className='hl-btn hl-btn-block hl-btn-back-to-check' onClick={() => back(withQuery(ROUTES.liuyouCheck, { id: checkId }))}>
        返回自查
      </Button>
    </PageShell>
  )
}
