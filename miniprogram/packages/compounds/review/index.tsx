import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { SCORE_WORDS } from '@shared/compounds/survey'
import { monthMinus } from '@shared/dashboard/period'
import { beijingDate, beijingMonth, dateText, monthText } from '@shared/kernel/time'
import { Bar } from '../../../components/bar'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { compounds, type CompoundReview } from '../../../services/compounds'
import './review.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; review: CompoundReview }
type Headline = CompoundReview['months'][number]
type SurveyResults = CompoundReview['survey']

const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/

/** `2026-11` → `11月`, the chart's labels. */
const shortMonth = (m: string) => `${Number(m.slice(5))}月`
const percent = (rate: number | null) => (rate === null ? '暂无' : `${Math.round(rate * 100)}%`)
const starsText = (stars: number | null) => (stars === null ? '暂无' : `${stars.toFixed(1)} 星`)

function Tile({ label, value, note, slug, tone }: { label: string; value: string; note: string; slug: string; tone?: 'good' | 'bad' }) {
  return (
    <View className={`cr-tile hl-review-tile hl-review-${slug}${tone ? ` cr-tile-${tone}` : ''}`}>
      <Text className='cr-tile-label'>{label}</Text>
      <Text className='cr-tile-value'>{value}</Text>
      <Text className='cr-tile-note'>{note}</Text>
    </View>
  )
}

/** A month's bar: the orders sent to the desk, the on-time rate and the stars written beside it. */
function MonthBar({ m, max, current }: { m: Headline; max: number; current: boolean }) {
  const text = m.sent > 0 ? `${m.sent} 件` : '无'
  const note = m.sent > 0 ? `按时办结 ${percent(m.onTimeRate)} · 满意度 ${starsText(m.averageStars)}${m.refused ? ` · 退回 ${m.refused} 次` : ''}` : undefined
  return (
    <Bar
      className={`hl-review-bar${current ? ' hl-review-bar-current' : ''}`}
      label={`${shortMonth(m.month)}${current ? '（本页）' : ''}`}
      value={m.sent}
      max={max}
      text={text}
      note={note}
    />
  )
}

/** `2026-11-23T…` → `11月23日` (Beijing). */
const dayText = (at: string) => dateText(beijingDate(at), false)

/**
 * 居民评价: the quarter's questionnaire of the compound — how many answered, and from MIN_RESPONDENTS
 * answers on the average, 满意率, each aspect's average, how the overall scores spread and the
 * residents' words, unsigned. Fewer answers show only their count: neighbours could tell who said what.
 */
function SurveySection({ survey }: { survey: SurveyResults }) {
  return (
    <View className='hl-card cr-survey hl-review-survey'>
      <Text className='hl-section-title'>居民评价（季度问卷）</Text>
      <Text className='hl-note hl-review-survey-head'>{`${survey.quarterLabel} · 答卷 ${survey.respondents} 份`}</Text>
      {!survey.enough ? (
        <Text className='hl-text cr-survey-few hl-review-survey-few'>{`答卷满 ${survey.minRespondents} 份后显示结果（已收到 ${survey.respondents} 份），以免认出是谁`}</Text>
      ) : (
        <>
          <View className='cr-tiles cr-survey-tiles'>
            <Tile
              slug='survey-average'
              label='总体满意'
              value={survey.averageOverall === null ? '暂无' : `${survey.averageOverall.toFixed(1)} 分`}
              note='满分 5 分'
              tone={survey.averageOverall === null ? undefined : survey.averageOverall >= 4 ? 'good' : survey.averageOverall < 3 ? 'bad' : undefined}
            />
            <Tile
              slug='survey-satisfied'
              label='满意率'
              value={percent(survey.satisfiedRate)}
              note='总体打 4–5 分（满意、很满意）的人'
              tone={survey.satisfiedRate === null ? undefined : survey.satisfiedRate >= 0.8 ? 'good' : survey.satisfiedRate < 0.6 ? 'bad' : undefined}
            />
          </View>
          <Text className='cr-survey-sub'>各项平均分（满分 5 分）</Text>
          {survey.questions.map((q) => (
            <Bar
              key={q.key}
              className={`hl-review-survey-aspect hl-review-survey-aspect-${q.key}`}
              label={q.short}
              value={q.average}
              max={5}
              text={`${q.average.toFixed(1)} 分`}
              note={q.answered < survey.respondents ? `${q.answered} 人回答` : undefined}
            />
          ))}
          <Text className='cr-survey-sub'>总体满意的分布（占答卷人数）</Text>
          {survey.distribution.map((count, i) => (
            <Bar
              key={i}
              className={`hl-review-survey-spread hl-review-survey-spread-${i + 1}`}
              label={`${i + 1} 分 · ${SCORE_WORDS[i]}`}
              value={count}
              max={survey.respondents}
              text={`${count} 人`}
            />
          ))}
          <Text className='cr-survey-sub'>{`居民的意见建议（${survey.comments.length}）`}</Text>
          {survey.comments.length === 0 ? <Text className='hl-note'>这个季度没有人留言</Text> : null}
          {survey.comments.map((c, i) => (
            <View key={`${c.at}-${i}`} className='cr-refusal cr-survey-comment hl-review-survey-comment'>
              <Text className='hl-note'>{dayText(c.at)}</Text>
              <Text className='hl-text'>{c.text}</Text>
            </View>
          ))}
        </>
      )}
    </View>
  )
}

/**
 * 评议监督: how the compound's desk (物业) served its residents in a month — 按时办结率, 满意度, 物业退回,
 * 办理中 as big tiles, the last six months as bars, every "not ours" with the desk's own words, the
 * categories — for the owners' committee's and the community's monthly review. The server decides who
 * may read it; the page names no resident.
 */
export default function CompoundReviewPage() {
  const router = useRouter()
  const compoundId = decodeURIComponent(router.params.compoundId ?? '')
  const asked = decodeURIComponent(router.params.month ?? '')
  const thisMonth = beijingMonth(new Date().toISOString())
  const [month, setMonth] = useState(MONTH.test(asked) ? asked : thisMonth)
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  const fetchReview = async () => {
    setLoad({ status: 'loading' })
    const answer = await compounds.review({ compoundId, month })
    setLoad(answer.ok ? { status: 'ready', review: answer.data } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    if (compoundId) void fetchReview()
  }, [compoundId, month])

  const switcher = (
    <View className='hl-card cr-months' role='group' aria-label='选择月份'>
      <Button className='hl-btn cr-month-btn hl-btn-month-prev' fill='outline' onClick={() => setMonth(monthMinus(month, 1))}>
        上个月
      </Button>
      <Text className='cr-month hl-review-month'>{monthText(month)}</Text>
      <Button className='hl-btn cr-month-btn hl-btn-month-next' fill='outline' disabled={month >= thisMonth} onClick={() => setMonth(monthMinus(month, -1))}>
        下个月
      </Button>
    </View>
  )

  const body = () => {
    if (!compoundId) return <Empty text='没有指定小区' hint='请从“办事”或“三方共治”的小区列表进入' />
    if (load.status === 'loading') return <Loading />
    if (load.status === 'error') return <ErrorView error={load.error} onRetry={() => void fetchReview()} />
    const { review } = load
    const m = review.measures
    const max = Math.max(0, ...review.months.map((x) => x.sent))
    return (
      <>
        <View className='cr-compound'>
          <Text className='hl-note hl-review-compound'>{`${review.compound.name} · ${review.compound.modelLabel}`}</Text>
          <Text className='hl-note hl-review-desk'>{review.compound.deskName}</Text>
        </View>
        {switcher}
        {m.sent === 0 ? (
          <Empty
            text={`${monthText(review.month)}没有派给物业的事项`}
            hint={m.orders > 0 ? `小区这个月报了 ${m.orders} 件事，都不归物业先处理` : '居民报事后，按责任清单该物业先处理的事会算在这里'}
          />
        ) : (
          <View className='cr-tiles'>
            <Tile
              slug='on-time'
              label='按时办结率'
              value={percent(m.onTimeRate)}
              note={m.resolved ? `物业办结 ${m.resolved} 件，按时 ${m.onTime} 件` : '物业还没有办结的事项'}
              tone={m.onTimeRate === null ? undefined : m.onTimeRate >= 0.9 ? 'good' : m.onTimeRate < 0.6 ? 'bad' : undefined}
            />
            <Tile
              slug='stars'
              label='满意度'
              value={starsText(m.averageStars)}
              note={m.rated ? `居民评价 ${m.rated} 件，4–5 星占 ${percent(m.satisfiedRate)}` : '还没有居民评价'}
              tone={m.averageStars === null ? undefined : m.averageStars >= 4 ? 'good' : m.averageStars < 3 ? 'bad' : undefined}
            />
            <Tile
              slug='refused'
              label='物业退回'
              value={`${m.refused} 次`}
              note={m.refused ? '说“不归我们管”的事，理由见下方' : '没有退回的事项'}
              tone={m.refused ? 'bad' : undefined}
            />
            <Tile slug='open' label='办理中' value={`${m.open} 件`} note={`派给物业 ${m.sent} 件，已接单 ${m.taken} 件`} />
          </View>
        )}

        <View className='hl-card cr-chart hl-review-chart'>
          <Text className='hl-section-title'>近 6 个月</Text>
          {max === 0 ? (
            <Text className='hl-text cr-chart-empty'>近 6 个月都没有派给物业的事项</Text>
          ) : (
            <Text className='hl-note'>每条是当月派给物业的事项数，下面写着按时办结率和满意度。</Text>
          )}
          {max > 0 ? review.months.map((x) => <MonthBar key={x.month} m={x} max={max} current={x.month === review.month} />) : null}
        </View>

        <SurveySection survey={review.survey} />

        {m.refusals.length > 0 ? (
          <View className='hl-card cr-refusals hl-review-refusals'>
            <Text className='hl-section-title'>{`物业退回的事项（${m.refusals.length}）`}</Text>
            {m.refusals.map((r, i) => (
              <View key={`${r.at}-${i}`} className='cr-refusal hl-review-refusal'>
                <Text className='cr-refusal-head'>{`${r.category} · ${when(r.at)}`}</Text>
                <Text className='hl-text cr-refusal-reason'>{`${r.deskName}：“${r.reason}”`}</Text>
              </View>
            ))}
          </View>
        ) : null}

        {m.byCategory.length > 0 ? (
          <View className='hl-card cr-categories hl-review-categories'>
            <Text className='hl-section-title'>分类明细</Text>
            {m.byCategory.map((c) => (
              <View key={c.category} className='cr-category'>
                <Text className='cr-category-name'>{c.category}</Text>
                <Text className='hl-note'>{`报事 ${c.orders} · 派给物业 ${c.sent} · 办结 ${c.resolved}（按时 ${c.onTime}） · 退回 ${c.refused} · 办理中 ${c.open}`}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </>
    )
  }

  return (
    <PageShell name='compound-review'>
      <Text className='hl-title'>评议监督</Text>
      {body()}
    </PageShell>
  )
}
