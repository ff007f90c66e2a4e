import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { ProgressBar } from '../../../components/progress-bar'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { Tabs } from '../../../components/tabs'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { liuyou, type CheckSummary } from '../../../services/liuyou'
import { useLiuyouPlaces } from '../common/places'
import { CheckStateChip, RatingBadge } from '../common/ui'
import '../common/liuyou.scss'

function CheckCard({ check, onOpen }: { check: CheckSummary; onOpen: () => void }) {
  return (
    <View className={`hl-card hy-row hy-row-${check.overall.rating ?? 'none'} hl-check-card hl-check-${check.state}`}>
      <View className='hy-row-open hl-check-open' role='button' onClick={onOpen}>
        <View className='hy-item-head'>
          <Text className='hy-item-title'>{check.periodLabel}</Text>
          <CheckStateChip state={check.state} label={check.stateLabel} />
        </View>
        <View className='hy-row-overall'>
          <RatingBadge rated={check.overall} />
          {check.returned ? <Text className='hl-chip hy-chip-overdue'>{`↩ 退回 ${check.returned} 项`}</Text> : null}
        </View>
        <ProgressBar share={check.total ? check.answered / check.total : 0} words={`已填 ${check.answered} / ${check.total} 项`} />
        <Text className='hl-note hy-card-more'>打开 ›</Text>
      </View>
    </View>
  )
}

/**
 * 六有自查 of a community: its checks across periods, newest first, and 开始本期自查 for those who
 * start one (its admin, the street). From a station's door code (`open=1`) it opens the current check.
 */
export default function Checks() {
  const router = useRouter()
  const places = useLiuyouPlaces()
  const asked = router.params.community ? decodeURIComponent(router.params.community) : ''
  const [chosen, choose] = useState<string | null>(asked || null)
  const community = places.communities.find((c) => c.id === chosen) ?? places.communities[0] ?? (asked ? { id: asked, name: '', starts: false } : null)
  const [starting, setStarting] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  // The period a check started now belongs to, as the server says (its clock, the street's template).
  const [thisPeriod, setThisPeriod] = useState<string | null>(null)
  const paged = usePaged<CheckSummary>(community?.id ?? null, async (offset, limit) => {
    const answer = await liuyou.listChecks({ nodeId: community!.id, offset, limit })
    if (answer.ok) setThisPeriod(answer.data.currentPeriod)
    return asPage(answer, 'checks')
  })
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })

  const start = async (replace = false) => {
    if (!community) return
    setStarting(true)
    setProblem(null)
    const answer = await liuyou.startCheck({ communityId: community.id })
    setStarting(false)
    if (answer.ok) {
      const url = withQuery(ROUTES.liuyouCheck, { id: answer.data.check.id, started: answer.data.check.state === 'draft' ? '1' : undefined })
      if (replace) void Taro.redirectTo({ url }).catch(() => go(url))
      else go(url)
    } else setProblem(answer.error.message)
  }

  // From a door code: straight to the current check — started by those who start one, else the newest.
  const opened = useRef(false)
  useEffect(() => {
    if (router.params.open !== '1' || opened.current || !community || places.loading) return
    if (community.starts) {
      opened.current = true
      void start(true)
    } else if (paged.state.status === 'ready') {
      opened.current = true
      const newest = paged.state.items[0]
      if (newest) void Taro.redirectTo({ url: withQuery(ROUTES.liuyouCheck, { id: newest.id }) }).catch(() => undefined)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the community and its list are known
  }, [community?.id, community?.starts, places.loading, paged.state.status])

  // This period's check, when there is one: the button opens it instead of starting it.
  const current = paged.state.status === 'ready' ? paged.state.items.find((c) => c.period === thisPeriod) : undefined

  return (
    <PageShell name='liuyou-checks'>
      <Text className='hl-title'>六有自查</Text>
      <Text className='hl-note'>有人管事、有人做事、有地方议事、有机制理事、有钱办事、有网格管理：每期逐项自查，交街道审核评定。</Text>
      {places.problem ? <ErrorView error={places.problem.error} onRetry={places.problem.retry} /> : null}
      {places.loading && !asked ? <Loading /> : null}
      {places.nowhere && !asked ? <Empty text='您没有需要填写的六有自查' hint='社区书记、网格长和街道管理员可以在这里填写和查看' /> : null}
      {places.streets.length ? <LinkRow className='hl-btn-to-matrix' text='街道总览' note='各社区六个方面的得分和走势' onClick={() => go(ROUTES.liuyouMatrix)} /> : null}
      {places.communities.length > 1 ? (
        <Tabs name='community' items={places.communities.map((c) => ({ key: c.id, label: c.name }))} value={community?.id ?? ''} onChange={(k) => choose(k)} />
      ) : null}
      {community ? (
        <>
          {community.name ? <Text className='hl-section-title hl-checks-community'>{community.name}</Text> : null}
          {community.starts ? (
            <Button
              className='hl-btn hl-btn-block hl-btn-start-check'
              type='primary'
              size='large'
              loading={starting}
              disabled={starting}
              onClick={() => (current ? go(withQuery(ROUTES.liuyouCheck, { id: current.id })) : void start())}
            >
              {current ? `打开本期自查（${current.stateLabel}）` : '开始本期自查'}
            </Button>
          ) : null}
          {problem ? <Text className='hl-notice hl-notice-error hl-start-error'>{problem}</Text> : null}
          <PagedList
            paged={paged}
            className='hl-check-list'
            empty='还没有六有自查'
            emptyHint={community.starts ? '点上面的“开始本期自查”' : '社区书记开始本期自查后，网格长可以在这里一起填写'}
            count={(n) => `共 ${n} 期`}
            render={(c) => <CheckCard key={c.id} check={c} onOpen={() => go(withQuery(ROUTES.liuyouCheck, { id: c.id }))} />}
          />
        </>
      ) : null}
      <LinkRow className='hl-btn-to-tasks' text='我的整改任务' note='街道退回或不达标的项目，按期整改' onClick={() => go(ROUTES.liuyouTasks)} />
      {places.streets.length || community ? (
        <LinkRow
          className='hl-btn-to-template'
          text='查看评估清单'
          note='六个方面逐项的要求、权重和分数线'
          onClick={() => go(withQuery(ROUTES.liuyouTemplate, places.streets.length ? { street: places.streets[0]!.nodeId } : { community: community?.id }))}
        />
      ) : null}
    </PageShell>
  )
}
