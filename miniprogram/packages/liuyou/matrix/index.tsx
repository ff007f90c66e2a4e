import { useEffect, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { nextPeriod, periodLabel, periodsUpTo, previousPeriod } from '@shared/liuyou/period'
import { ratingOf } from '@shared/liuyou/score'
import { MECHANISM_LABELS } from '@shared/liuyou/template'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { Tabs } from '../../../components/tabs'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { canShareFile, downloadBlob, safeName, shareFile, userFilePath, writeUserFile } from '../../../lib/share-file'
import type { ClientError } from '../../../services/call'
import { liuyou, type MatrixOutput, type MatrixRow, type Rating } from '../../../services/liuyou'
import { useLiuyouPlaces } from '../common/places'
import { CheckStateChip, RatingBadge, ThresholdLegend } from '../common/ui'
import '../common/liuyou.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; data: MatrixOutput }

const MARK: Record<Rating, string> = { green: '✓', amber: '!', red: '✕' }
/** How far back the stepper goes: the periods the trend shows. */
const TREND_PERIODS = 8

/** 比上期 ↑ 5 分 / ↓ 3 分 / 持平; nothing when either period has no score. */
function Arrow({ now, before }: { now: number | null; before: number | null }) {
  if (now === null || before === null) return before === null ? <Text className='hl-note hy-arrow hy-arrow-flat'>上期未评定</Text> : null
  const d = now - before
  const cls = d > 0 ? 'up' : d < 0 ? 'down' : 'flat'
  return <Text className={`hy-arrow hy-arrow-${cls} hl-arrow-${cls}`}>{d > 0 ? `↑ 比上期高 ${d} 分` : d < 0 ? `↓ 比上期低 ${-d} 分` : '→ 与上期持平'}</Text>
}

/** One community: its overall score with the arrow, then its six mechanisms as cells. */
function Row({ row, busy, onOpen, onStart }: { row: MatrixRow; busy: boolean; onOpen: () => void; onStart: () => void }) {
  return (
    <View className={`hl-card hy-row hy-row-${row.overall.rating ?? 'none'} hl-matrix-row hl-matrix-row-${row.communityId}`}>
      <View
        className='hy-row-open'
        role='button'
        aria-label={`${row.communityName}，${row.overall.score === null ? '未评分' : `${row.overall.score} 分，${row.overall.ratingLabel}`}`}
        onClick={row.checkId ? onOpen : undefined}
      >
        <View className='hy-item-head'>
          <Text className='hy-item-title hl-matrix-community'>{row.communityName}</Text>
          <CheckStateChip state={row.state} label={row.stateLabel} />
        </View>
        <Text className='hl-note'>{row.checkId ? `${row.kindLabel} · 已填 ${row.answered} / ${row.total} 项` : `${row.kindLabel} · 本期还没有开始自查`}</Text>
        {row.checkId ? (
          <View className='hy-row-overall'>
            <Text className='hl-text'>总分</Text>
            <RatingBadge rated={row.overall} className='hl-matrix-overall' />
            <Arrow now={row.overall.score} before={row.previous} />
          </View>
        ) : row.previous !== null ? (
          <Text className='hl-note'>{`上期评定 ${row.previous} 分`}</Text>
        ) : null}
        {row.checkId ? (
          <View className='hy-cells' role='list'>
            {row.cells.map((c) => (
              <View
                key={c.key}
                className={`hy-cell hy-cell-${c.rating ?? 'none'} hl-cell hl-cell-${c.key}`}
                role='listitem'
                aria-label={`${MECHANISM_LABELS[c.key]}：${c.score === null ? '未评分' : `${c.score} 分，${c.ratingLabel}`}`}
              >
                <Text className='hy-cell-label'>{MECHANISM_LABELS[c.key]}</Text>
                <Text className='hy-cell-score hl-cell-score'>{c.score === null ? '—' : `${c.score}`}</Text>
                <Text className='hy-cell-word hl-cell-word'>{c.rating ? `${MARK[c.rating]} ${c.ratingLabel}` : c.ratingLabel || '未评分'}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {row.checkId ? <Text className='hl-note hy-card-more'>打开这次自查 ›</Text> : null}
      </View>
      {row.checkId ? null : (
        <Button className='hl-btn hl-btn-block hl-btn-start-check' type='primary' loading={busy} disabled={busy} onClick={onStart}>
          发起自查
        </Button>
      )}
    </View>
  )
}

/** Columns of the per-community table: the last periods shown, so a number stays readable on a phone. */
const TABLE_PERIODS = 4

/** A community's score in a period: scored (final), as it stands in this period's running check, or none. */
type Cell = { score: number; final: boolean } | null

function cellOf(data: MatrixOutput, row: MatrixRow, period: string): Cell {
  const scored = data.trend.find((p) => p.period === period)?.scores.find((s) => s.communityId === row.communityId)?.score ?? null
  if (scored !== null) return { score: scored, final: true }
  if (period === data.period && row.checkId && row.overall.score !== null) return { score: row.overall.score, final: false }
  return null
}

/**
 * The trend across periods: the street's average of scored checks as bars made of views (this
 * period, while nothing is scored yet, the average of the scores as they stand, drawn dashed), from
 * the first period with a score; then each community's score in the last periods as a table of
 * numbers with their marks. Every figure is text too (the table, and the chart's label).
 */
function Trend({ data }: { data: MatrixOutput }) {
  const live = data.rows.map((r) => cellOf(data, r, data.period)).filter((c): c is NonNullable<Cell> => c !== null && !c.final)
  const points = data.trend.map((p) => {
    if (p.average !== null) return { ...p, value: Math.round(p.average), final: true }
    if (p.period === data.period && live.length) return { ...p, value: Math.round(live.reduce((n, c) => n + c.score, 0) / live.length), final: false }
    return { ...p, value: null, final: true }
  })
  const first = points.findIndex((p) => p.value !== null)
  if (first < 0)
    return (
      <View className='hl-card hy-trend hl-matrix-trend'>
        <Text className='hl-section-title'>各期走势</Text>
        <Text className='hl-note'>还没有得分：社区开始自查、街道审核评定后，这里按期显示各社区的得分。</Text>
      </View>
    )
  const shown = points.slice(first)
  const words = shown.map((p) => `${p.periodLabel}：${p.value === null ? '没有得分' : `${p.final ? '平均' : '进行中，目前平均'} ${p.value} 分`}`).join('；')
  const columns = shown.slice(-TABLE_PERIODS).map((p) => p.period)
  return (
    <View className='hl-card hy-trend hl-matrix-trend'>
      <Text className='hl-section-title'>各期走势（各社区平均分）</Text>
      <View className='hy-chart' role='img' aria-label={words}>
        {shown.map((p) => {
          const rating = p.value === null ? null : ratingOf(p.value, data.thresholds)
          return (
            <View key={p.period} className='hy-bar-col' aria-hidden='true'>
              <Text className='hy-bar-value'>{p.value === null ? '—' : `${p.value}`}</Text>
              <View
                className={`hy-bar ${rating ? `hy-bar-${rating}` : ''}${p.final ? '' : ' hy-bar-live'}${p.period === data.period ? ' hy-bar-on' : ''}`}
                style={{ height: `${p.value === null ? 0 : Math.max(2, p.value)}%` }}
              />
            </View>
          )
        })}
      </View>
      <View className='hy-chart-labels' aria-hidden='true'>
        {shown.map((p) => (
          <Text key={p.period} className='hy-chart-label'>
            {p.period.replace('-', ' ')}
          </Text>
        ))}
      </View>
      {shown.some((p) => !p.final) ? <Text className='hl-note hy-live-note'>虚线：本期还在自查或审核中，按目前得分计</Text> : null}
      <View className='hy-score-table hl-trend-table'>
        <View className='hy-score-tr hy-score-head'>
          <Text className='hy-score-name'>社区</Text>
          {columns.map((period) => (
            <Text key={period} className='hy-score-td'>
              {period.replace('-', ' ')}
            </Text>
          ))}
        </View>
        {data.rows.map((row) => (
          <View key={row.communityId} className='hy-score-tr'>
            <Text className='hy-score-name'>{row.communityName}</Text>
            {columns.map((period) => {
              const c = cellOf(data, row, period)
              const rating = c ? ratingOf(c.score, data.thresholds) : null
              return (
                <Text
                  key={period}
                  className={`hy-score-td${rating ? ` hy-score-${rating}` : ''}${c && !c.final ? ' hy-score-live' : ''}`}
                  aria-label={`${row.communityName} ${periodLabel(period)}：${c ? `${c.final ? '' : '目前'}${c.score} 分` : '没有得分'}`}
                >
                  {c && rating ? `${c.score} ${MARK[rating]}` : '—'}
                </Text>
              )
            })}
          </View>
        ))}
      </View>
    </View>
  )
}

/** The CSV of a period: a download in the browser, a file to share in WeChat. */
async function saveCsv(filename: string, csv: string): Promise<string> {
  // A BOM so that Excel reads the Chinese as UTF-8.
  if (process.env.TARO_ENV === 'h5') {
    downloadBlob(new Blob([`\ufeff${csv}`], { type: 'text/csv;charset=utf-8' }), filename)
    return `已下载 ${filename}`
  }
  const path = userFilePath(filename)
  try {
    await writeUserFile(path, `\ufeff${csv}`, 'utf8')
  } catch {
    return '文件没能保存到手机，请清理手机空间后再试'
  }
  try {
    if (!canShareFile()) throw new Error('no file share here')
    await shareFile(path, safeName(filename))
    return `已导出 ${filename}`
  } catch {
    return `已保存 ${filename}，可在电脑端微信打开转发`
  }
}

/**
 * 六有评估总览 (the street): communities × the six mechanisms in one period, each cell a number, a
 * word and a colour; the overall with an arrow against the last period; the trend across periods;
 * open 整改任务; a CSV of the period. A row opens the community's check, or starts one.
 */
export default function Matrix() {
  const router = useRouter()
  const places = useLiuyouPlaces()
  const [street, setStreet] = useState<string | null>(router.params.street ? decodeURIComponent(router.params.street) : null)
  const streetId = street ?? places.streets[0]?.nodeId ?? null
  const [period, setPeriod] = useState<string | null>(router.params.period ?? null)
  const [latest, setLatest] = useState<string | null>(router.params.period ?? null)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)

  const fetchMatrix = async (quiet = false) => {
    if (!streetId) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await liuyou.matrix({ streetId, ...(period ? { period } : {}) })
    if (answer.ok) {
      // The period the street is in now: the one the matrix answers without being asked for one.
      if (!period) setLatest(answer.data.period)
      setLoad({ status: 'ready', data: answer.data })
    } else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchMatrix()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the street or the period changes
  }, [streetId, period])
  const [shown, setShown] = useState(false)
  useDidShow(() => {
    if (shown) void fetchMatrix(true)
    setShown(true)
  })

  const data = load.status === 'ready' ? load.data : null
  // The period stepper: back as far as the trend reaches from the latest period, forward up to it.
  const earlier = data && latest && data.period > periodsUpTo(latest, TREND_PERIODS)[0]! ? previousPeriod(data.period) : null
  const later = data && latest && data.period < latest ? nextPeriod(data.period) : null

  const start = async (row: MatrixRow) => {
    setBusy(row.communityId)
    setNotice(null)
    const answer = await liuyou.startCheck({ communityId: row.communityId, ...(data ? { period: data.period } : {}) })
    setBusy(null)
    if (answer.ok) go(withQuery(ROUTES.liuyouCheck, { id: answer.data.check.id, started: '1' }))
    else setNotice({ ok: false, text: answer.error.message })
  }
  const exportCsv = async () => {
    if (!data || !streetId) return
    setBusy('export')
    setNotice(null)
    const answer = await liuyou.exportCsv(streetId, data.period)
    if (!answer.ok) {
      setBusy(null)
      setNotice({ ok: false, text: answer.error.message })
      return
    }
    try {
      const text = await saveCsv(answer.data.filename, answer.data.csv)
      setNotice({ ok: true, text: `${text}（${answer.data.rows} 行）` })
    } catch {
      setNotice({ ok: false, text: '文件没有保存下来，请稍后再试' })
    }
    setBusy(null)
  }

  const noStreet = !places.loading && !places.problem && places.streets.length === 0 && !router.params.street

  return (
    <PageShell name='liuyou-matrix'>
      <Text className='hl-title'>六有评估总览</Text>
      {places.problem ? <ErrorView error={places.problem.error} onRetry={places.problem.retry} /> : null}
      {noStreet ? (
        <>
          <Empty text='街道管理员在这里看各社区的六有评估' hint='社区和网格的六有自查在“六有自查”里' />
          <Button className='hl-btn hl-btn-block hl-btn-to-checks' onClick={() => go(ROUTES.liuyouChecks)}>
            六有自查
          </Button>
        </>
      ) : null}
      {places.streets.length > 1 ? (
        <Tabs name='street' items={places.streets.map((s) => ({ key: s.nodeId, label: s.nodeName }))} value={streetId ?? ''} onChange={(k) => setStreet(k)} />
      ) : null}
      {notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-export-ok' : 'hl-notice-error'}`}>{notice.text}</Text> : null}
      {streetId && load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchMatrix()} /> : null}
      {data ? (
        <>
          <View className='hl-card hl-matrix-head'>
            <Text className='hl-hero'>{data.streetName}</Text>
            <Text className='hl-text hl-matrix-period'>{data.periodLabel}</Text>
            <ThresholdLegend thresholds={data.thresholds} />
            <Text className={`hl-text hl-matrix-tasks ${data.tasks.overdue ? 'hy-arrow-down' : ''}`}>
              {`整改任务 ${data.tasks.open} 项进行中${data.tasks.overdue ? `，⚠ ${data.tasks.overdue} 项已逾期` : ''}`}
            </Text>
          </View>

          <View className='hy-buttons hy-period-picker hl-period-picker' role='group' aria-label={`正在看${data.periodLabel}`}>
            {earlier ? (
              <Button className='hl-btn hl-btn-prev-period' onClick={() => setPeriod(earlier)}>
                {`‹ ${periodLabel(earlier)}`}
              </Button>
            ) : null}
            {later ? (
              <Button className='hl-btn hl-btn-next-period' onClick={() => setPeriod(later)}>
                {`${periodLabel(later)} ›`}
              </Button>
            ) : null}
          </View>

          {data.rows.length === 0 ? <Empty text='这个街道下还没有社区' /> : null}
          {data.rows.map((row) => (
            <Row
              key={row.communityId}
              row={row}
              busy={busy === row.communityId}
              onOpen={() => row.checkId && go(withQuery(ROUTES.liuyouCheck, { id: row.checkId }))}
              onStart={() => void start(row)}
            />
          ))}

          <Trend data={data} />

          <Button className='hl-btn hl-btn-block hl-btn-export' loading={busy === 'export'} disabled={busy !== null} onClick={() => void exportCsv()}>
            {`导出${data.periodLabel}明细（CSV）`}
          </Button>
          <LinkRow className='hl-btn-to-tasks' text='整改任务' note='我负责的整改任务' onClick={() => go(ROUTES.liuyouTasks)} />
          <LinkRow
            className='hl-btn-to-template'
            text='评估清单'
            note='六个方面的项目、权重和分数线；发布新版本'
            onClick={() => go(withQuery(ROUTES.liuyouTemplate, { street: streetId ?? undefined }))}
          />
        </>
      ) : null}
    </PageShell>
  )
}
