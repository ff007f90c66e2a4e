import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Bar } from '../../../components/bar'
import { Choice } from '../../../components/choice'
import { DateTimeField } from '../../../components/date-field'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { Empty, Loading } from '../../../components/states'
import { usePaged } from '../../../lib/paged'
import { scopesOf, useProfile } from '../../../lib/profile'
import { when } from '../../../lib/time-words'
import { privacy, type RevealLog as Log, type RevealLogInput } from '../../../services/privacy'
import './reveal-log.scss'

type Entry = Log['items'][number]
type Reader = Log['byActor'][number]
type Kind = NonNullable<RevealLogInput['kind']>

const KINDS: readonly { kind: Kind | null; label: string }[] = [
  { kind: null, label: '全部' },
  { kind: 'phone', label: '手机号' },
  { kind: 'contact', label: '联系人和电话' },
  { kind: 'address', label: '门牌地址' },
]

interface Filters {
  from: string
  to: string
  kind: Kind | null
  reader: { id: string; name: string } | null
}

/**
 * 信息查看记录: a street admin sees who read residents' phones, contacts and rooms in full in the street.
 * First the readers ranked by how many they read (one bar each, longest first: a reader who reads far
 * more than the rest stands out); a tap on a bar shows only that reader. Then the entries, newest first,
 * the resident's name masked. Filters: days and kind.
 */
export default function RevealLogPage() {
  const { profile } = useProfile()
  const street = scopesOf(profile, 'revealLog')[0] ?? null
  const [filters, setFilters] = useState<Filters>({ from: '', to: '', kind: null, reader: null })
  const [ranking, setRanking] = useState<{ key: string; byActor: Reader[]; capped: boolean } | null>(null)
  const badRange = Boolean(filters.from && filters.to && filters.from > filters.to)
  const streetId = street?.nodeId ?? null
  const key = streetId && !badRange ? JSON.stringify([streetId, filters.from, filters.to, filters.kind, filters.reader?.id ?? null]) : null

  // usePaged keeps the latest loader: the filters of this render are the ones it asks with.
  const fetchPage = async (offset: number, limit: number) => {
    const answer = await privacy.revealLog({
      streetId: streetId!,
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.reader ? { actorId: filters.reader.id } : {}),
      offset,
      limit,
    })
    if (!answer.ok) return answer
    if (offset === 0 && key) setRanking({ key, byActor: answer.data.byActor, capped: answer.data.capped })
    return { ok: true as const, data: { items: answer.data.items, total: answer.data.total } }
  }
  const paged = usePaged<Entry>(key, fetchPage)

  if (!profile) return <PageShell name='reveal-log'>{<Loading />}</PageShell>
  if (!street)
    return (
      <PageShell name='reveal-log'>
        <Text className='hl-title'>信息查看记录</Text>
        <Empty text='只有街道管理员可以查看这份记录' />
      </PageShell>
    )

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }))
  const shown = ranking && ranking.key === key ? ranking : null
  const max = shown?.byActor[0]?.count ?? 0

  return (
    <PageShell name='reveal-log'>
      <Text className='hl-title'>信息查看记录</Text>
      <Text className='hl-note'>{`${street.nodeName}：谁查看了居民完整的手机号、联系人和门牌。每次查看都有记录，居民本人也能看到。`}</Text>

      <View className='hl-card rl-filters'>
        <View className='rl-dates'>
          <DateTimeField label='从' name='from' value={filters.from} onChange={(v) => set({ from: v })} />
          <DateTimeField label='到' name='to' value={filters.to} onChange={(v) => set({ to: v })} error={badRange ? '开始日期不能晚于结束日期' : undefined} />
        </View>
        <View className='rl-kinds' role='radiogroup' aria-label='查看的内容'>
          {KINDS.map((k) => (
            <Choice key={k.label} className={`rl-kind hl-kind-${k.kind ?? 'all'}`} on={filters.kind === k.kind} label={k.label} onClick={() => set({ kind: k.kind })} />
          ))}
        </View>
        {filters.reader ? (
          <View className='rl-reader'>
            <Text className='hl-text'>{`只看：${filters.reader.name}`}</Text>
            <Button className='hl-btn hl-btn-all-readers' onClick={() => set({ reader: null })}>
              看全部查看人
            </Button>
          </View>
        ) : null}
        {filters.from || filters.to || filters.kind || filters.reader ? (
          <Button className='hl-btn hl-btn-clear-filters' fill='none' onClick={() => setFilters({ from: '', to: '', kind: null, reader: null })}>
            清除筛选
          </Button>
        ) : null}
      </View>

      {shown && shown.byActor.length > 0 ? (
        <View className='hl-card rl-ranking hl-reveal-ranking'>
          <Text className='hl-section-title'>查看最多的人</Text>
          <Text className='hl-note'>{shown.capped ? '按最近 1000 次查看统计。点一个人，只看他的记录。' : '点一个人，只看他的记录。'}</Text>
          {shown.byActor.map((r, i) => (
            <View
              key={r.actorId ?? `none-${i}`}
              className='rl-reader-row'
              role='button'
              onClick={() => (r.actorId ? set({ reader: { id: r.actorId, name: r.actorName } }) : undefined)}
            >
              <Bar
                className={`hl-reveal-bar${i === 0 ? ' hl-reveal-bar-top' : ''}`}
                label={`${r.actorRoleLabel} ${r.actorName}`}
                value={r.count}
                max={max}
                text={`${r.count} 次`}
              />
            </View>
          ))}
        </View>
      ) : null}

      <Text className='hl-section-title'>查看记录</Text>
      {badRange ? (
        <Empty text='请先改正日期' />
      ) : (
        <PagedList
          paged={paged}
          className='hl-reveal-log'
          empty='这段时间没有查看记录'
          count={(total) => `共 ${total} 次`}
          render={(e) => (
            <View key={e.id} className={`hl-card rl-row hl-reveal-entry hl-reveal-${e.kind}`}>
              <Text className='rl-line'>{`${e.actorRoleLabel} ${e.actorName} 查看了 ${e.personMasked} 的${e.kindLabel}`}</Text>
              <Text className='hl-note'>{when(e.at)}</Text>
              {e.reason ? <Text className='hl-note'>{`原因：${e.reason}`}</Text> : null}
            </View>
          )}
        />
      )}
    </PageShell>
  )
}
