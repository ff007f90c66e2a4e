import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { MODEL_NOTES } from '@shared/compounds/labels'
import { Kv } from '../../../components/kv'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { opens, useProfile } from '../../../lib/profile'
import type { ClientError } from '../../../services/call'
import { compounds, type CompoundItem } from '../../../services/compounds'
import { useWhichCommunity } from './which-community'
import './list.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; items: CompoundItem[] }

/** Who manages the compound day to day, as its model has it: the property desk, the unit, or the branch. */
function Manager({ c }: { c: CompoundItem }) {
  if (c.property)
    return (
      <>
        <Kv className='cl-property' label='物业服务中心' value={c.property.company} />
        <Kv className='cl-desk-phone' label='服务台电话' value={c.property.deskPhone} />
        <Kv className='cl-desk-hours' label='服务时间' value={c.property.hours} />
        <Kv className='cl-desk-staff' label='物业客服账号' value={c.deskStaff > 0 ? `${c.deskStaff} 人已开通，可在线接单` : '还没有开通'} />
      </>
    )
  if (c.unit)
    return (
      <>
        <Kv className='cl-unit' label='主管单位' value={c.unit.name} />
        <Kv className='cl-unit-contact' label='单位后勤联系人' value={c.unit.contact} />
      </>
    )
  if (c.branch) return <Kv className='cl-branch' label='党支部或居民自治委员会' value={c.branch.name} />
  return null
}

/**
 * 三方共治: the community's residential compounds (小区) as cards — the grid, the governance model
 * and what it means, who manages the compound (the property desk with its phone and hours, the
 * supervising unit, or the party branch), how many buildings, and whether the desk has accounts. The
 * server decides which compounds the caller sees; 责任清单 opens the community's list.
 */
export default function CompoundList() {
  const router = useRouter()
  const which = useWhichCommunity(decodeURIComponent(router.params.communityId ?? ''))
  const communityId = which.status === 'ready' ? which.communityId : null
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const reviews = opens(useProfile().profile, 'compounds')

  const fetchList = async (id: string) => {
    setLoad({ status: 'loading' })
    const answer = await compounds.list(id)
    setLoad(answer.ok ? { status: 'ready', items: answer.data.items } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    if (communityId) void fetchList(communityId)
  }, [communityId])

  const body = () => {
    if (which.status === 'loading') return <Loading />
    if (which.status === 'error') return <ErrorView error={which.error} onRetry={which.retry} />
    if (which.status === 'none') return <Empty text='没有找到您所在的社区' hint='三方共治由社区书记、街道和小区的物业、业委会使用' />
    if (load.status === 'loading') return <Loading />
    if (load.status === 'error') return <ErrorView error={load.error} onRetry={() => void fetchList(which.communityId)} />
    return (
      <>
        <Button className='hl-btn hl-btn-block hl-btn-responsibilities' type='primary' onClick={() => go(withQuery(ROUTES.responsibilities, { communityId: which.communityId }))}>
          责任清单
        </Button>
        {load.items.length === 0 ? (
          <Empty text='还没有登记小区' hint='小区登记后，这里会列出它的治理模式和物业、单位或党支部' />
        ) : (
          <View className='cl-list'>
            {load.items.map((c) => (
              <View key={c.id} className={`hl-card cl-card hl-compound hl-compound-${c.id}`}>
                <Text className='cl-name'>{c.name}</Text>
                <Text className='hl-note cl-grid'>{`${c.gridName ? `${c.gridName} · ` : ''}${c.buildingCount} 栋楼`}</Text>
                <View className='cl-model'>
                  <Text className='cl-model-label hl-compound-model'>{c.modelLabel}</Text>
                  <Text className='hl-note cl-model-note'>{MODEL_NOTES[c.model]}</Text>
                </View>
                <Manager c={c} />
                {/* 评议监督: the compound's month, for those the server lets read it (the pages follow the scopes). */}
                {reviews ? (
                  <Button className='hl-btn hl-btn-block hl-btn-compound-review' onClick={() => go(withQuery(ROUTES.compoundReview, { compoundId: c.id }))}>
                    评议监督
                  </Button>
                ) : null}
              </View>
            ))}
          </View>
        )}
      </>
    )
  }

  return (
    <PageShell name='compound-list'>
      <Text className='hl-title'>三方共治</Text>
      <Text className='hl-note cl-intro'>社区的小区各按一种治理模式管理。小区里报的事，先由谁处理、几小时内，看责任清单。</Text>
      {body()}
    </PageShell>
  )
}
