import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Canvas as TaroCanvas, Text, View } from '@tarojs/components'
import { Canvas } from '@antv/f2'
import { useElder } from '../../lib/elder'
import { chartSpec, DONUT_COLORS, DONUT_INNER, DONUT_PADDING, DONUT_RADIUS } from './specs'
import { donutHit, nearest, rowsOf, summaryOf, type ChartDatum, type ChartKind, type ChartSeries, type SnapRecord } from './types'
import './chart.scss'

export type { ChartDatum, ChartKind, ChartSeries } from './types'

/**
 * A chart drawn with F2 4 on a `<Canvas type='2d'>` (weapp and H5), with its numbers as a list under
 * it: the list is the text alternative (read by screen readers, and in 长辈版 the way to read the
 * numbers at all), and each number in it is a link to what is behind it (`onPick`), the same as
 * tapping the bar, point or slice on the canvas.
 *
 * Drawing: the canvas node is found by id once the page has rendered (`fields({ node, size })`), its
 * backing store sized to the box × the device's pixel ratio, and F2 draws into its 2d context; a new
 * answer draws again, leaving the page destroys it. A canvas with no size yet (its page hidden under
 * another, or not laid out) is tried again until it has one, and the chart is drawn again each time
 * its page shows again. A host without a canvas node (a test's fake WeChat) gets the list only.
 */

/** How often, and how many times, a canvas without a size is looked for again (10 s in all). */
const RETRY_MS = 200
const RETRIES = 50
export interface ChartProps {
  kind: ChartKind
  /** ASCII, for class names: `hl-chart-{name}`, links `hl-chart-link-{key}`. */
  name: string
  title: string
  data: ChartDatum[]
  series: ChartSeries[]
  /** The value axis. */
  format: (value: number) => string
  max?: number
  /** Height of the drawing in CSS px (normal mode; 长辈版 a third more). Bars: per row instead. */
  height?: number
  /** A tap on the canvas or on a number in the list. */
  onPick?: (datum: ChartDatum) => void
  /** What the list says when there is nothing to draw. */
  empty?: string
}

let serial = 0

type Drawn = {
  canvas: Canvas
  width: number
  height: number
  node: { removeEventListener?: (t: string, f: (e: MouseEvent) => void) => void }
  click?: (e: MouseEvent) => void
  /** H5: watches the canvas's size attributes (see `resized`). */
  watch?: { disconnect(): void }
}

interface CanvasNode {
  width: number
  height: number
  style?: { width: string; height: string }
  getContext: (type: '2d') => CanvasRenderingContext2D
  getBoundingClientRect?: () => { left: number; top: number; width: number; height: number }
  addEventListener?: (type: string, f: (e: MouseEvent) => void) => void
  removeEventListener?: (type: string, f: (e: MouseEvent) => void) => void
}

function pixelRatio(): number {
  try {
    const info = Taro.getWindowInfo?.()
    if (info?.pixelRatio) return info.pixelRatio
  } catch {
    // an old base library: fall through
  }
  return typeof window !== 'undefined' && window.devicePixelRatio ? window.devicePixelRatio : 2
}

/** The canvas node and its box width, once the page has drawn it; null where there is none. */
function findCanvas(id: string): Promise<{ node: CanvasNode; width: number } | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: unknown) => {
          const found = (Array.isArray(res) ? res[0] : null) as { node?: CanvasNode; width?: number } | null
          const node = found?.node
          if (!node || typeof node.getContext !== 'function') return resolve(null)
          // H5 answers the node without a size.
          const width = found?.width || node.getBoundingClientRect?.().width || 0
          resolve(width > 0 ? { node, width } : null)
        })
    } catch {
      resolve(null)
    }
  })
}

export function Chart({ kind, name, title, data, series, format, max, height = 200, onPick, empty = '暂无数据' }: ChartProps) {
  const [id] = useState(() => `hl-chart-${++serial}`)
  const elder = useElder().on
  const drawn = useRef<Drawn | null>(null)
  const chartRef = useRef<unknown>(null)
  const pick = useRef(onPick)
  useEffect(() => {
    pick.current = onPick
  })
  const start = useRef<{ x: number; y: number } | null>(null)

  const xs = [...new Set(data.map((d) => d.x))]
  const boxHeight = Math.round((kind === 'bars' ? Math.max(120, 28 + xs.length * series.length * 22 + (series.length > 1 ? 28 : 0)) : height) * (elder ? 1.35 : 1))
  // Shown again (back from the page above): draw again, the canvas may have been cleared meanwhile.
  const [shows, setShows] = useState(0)
  const seen = useRef(false)
  useDidShow(() => {
    if (seen.current) setShows((n) => n + 1)
    seen.current = true
  })
  // H5: Taro's canvas element sets the canvas's width and height back to its CSS size whenever it
  // renders again (any new props), which clears the drawing: then it is drawn again.
  const [resets, setResets] = useState(0)
  const drawKey = JSON.stringify([kind, data, series.map((s) => s.name), elder, boxHeight, max, shows, resets])

  const tapAt = (point: { x: number; y: number }) => {
    const chart = chartRef.current as { getSnapRecords?: (p: { x: number; y: number }) => SnapRecord[] } | null
    const box = drawn.current
    const datum =
      kind === 'donut'
        ? box && donutHit(data, point, { width: box.width, height: box.height, padding: DONUT_PADDING, radius: DONUT_RADIUS, inner: DONUT_INNER })
        : nearest(chart?.getSnapRecords?.(point), point)
    if (datum && pick.current) pick.current(datum)
  }

  useEffect(() => {
    let cancelled = false
    const destroy = () => {
      const d = drawn.current
      drawn.current = null
      if (!d) return
      if (d.click) d.node.removeEventListener?.('click', d.click)
      d.watch?.disconnect()
      d.canvas.destroy()
    }
    if (data.length === 0) {
      destroy()
      return undefined
    }
    // After this render reaches the page (weapp: after setData; H5: after the DOM update); again
    // while the canvas has no size yet.
    let timer: ReturnType<typeof setTimeout>
    const attempt = (left: number) => {
      timer = setTimeout(() => void draw(left), left === RETRIES ? 0 : RETRY_MS)
    }
    const draw = (left: number) =>
      findCanvas(id).then((found) => {
        if (cancelled) return
        if (!found) {
          if (left > 0) attempt(left - 1)
          return
        }
        destroy()
        const { node, width } = found
        const ratio = pixelRatio()
        node.width = Math.round(width * ratio)
        node.height = Math.round(boxHeight * ratio)
        if (node.style) {
          node.style.width = `${width}px`
          node.style.height = `${boxHeight}px`
        }
        const context = node.getContext('2d')
        chartRef.current = null
        const children = chartSpec({ kind, data, series, format, max, fontSize: elder ? 17 : 12, chartRef })
        // Room on the right for the value axis's last label.
        const canvas = new Canvas({
          context,
          pixelRatio: ratio,
          width,
          height: boxHeight,
          padding: kind === 'donut' ? DONUT_PADDING : [8, 20, 8, 8],
          animate: false,
          children,
        })
        canvas.render()
        const d: Drawn = { canvas, width, height: boxHeight, node }
        if (process.env.TARO_ENV === 'h5' && node.addEventListener && node.getBoundingClientRect) {
          // H5: a click (mouse or finger) at the canvas's CSS pixels.
          d.click = (e: MouseEvent) => {
            const box = node.getBoundingClientRect!()
            tapAt({ x: e.clientX - box.left, y: e.clientY - box.top })
          }
          node.addEventListener('click', d.click)
          if (typeof MutationObserver !== 'undefined') {
            const backing = { width: node.width, height: node.height }
            const watch = new MutationObserver(() => {
              if (node.width !== backing.width || node.height !== backing.height) setResets((n) => n + 1)
            })
            watch.observe(node as unknown as Node, { attributes: true, attributeFilter: ['width', 'height'] })
            d.watch = watch
          }
        }
        drawn.current = d
      })
    attempt(RETRIES)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- drawKey covers what is drawn; format is recreated every render
  }, [drawKey, id])
  useEffect(
    () => () => {
      const d = drawn.current
      drawn.current = null
      if (d?.click) d.node.removeEventListener?.('click', d.click)
      d?.watch?.disconnect()
      d?.canvas.destroy()
    },
    [],
  )

  // weapp: a canvas's touches carry x/y inside the canvas; a tap is a touch that hardly moved.
  type Touch = { x?: number; y?: number }
  const touchOf = (e: unknown): Touch | undefined => {
    const ev = e as { changedTouches?: Touch[]; touches?: Touch[] }
    return ev.changedTouches?.[0] ?? ev.touches?.[0]
  }
  const weapp = process.env.TARO_ENV !== 'h5'
  const onTouchStart = (e: unknown) => {
    const t = touchOf(e)
    start.current = t && typeof t.x === 'number' && typeof t.y === 'number' ? { x: t.x, y: t.y } : null
  }
  const onTouchEnd = (e: unknown) => {
    const t = touchOf(e)
    const s = start.current
    start.current = null
    if (!s || !t || typeof t.x !== 'number' || typeof t.y !== 'number') return
    if (Math.abs(t.x - s.x) < 12 && Math.abs(t.y - s.y) < 12) tapAt({ x: t.x, y: t.y })
  }

  const rows = rowsOf(data, series)
  const one = series.length < 2
  const swatch = (d: ChartDatum, i: number) => (kind === 'donut' ? DONUT_COLORS[i % DONUT_COLORS.length]! : (series.find((s) => s.name === d.series)?.color ?? '#595959'))

  return (
    <View className={`hl-chart hl-chart-${kind} hl-chart-${name}${one ? ' hl-chart-one' : ''}`}>
      <Text className='hl-section-title hl-chart-title'>{title}</Text>
      {data.length && !one ? (
        <View className='hl-chart-keys' aria-hidden='true'>
          {series.map((s) => (
            <View key={s.name} className='hl-chart-key'>
              <View className={`hl-chart-swatch${s.dashed ? ' hl-chart-swatch-dashed' : ''}`} style={{ background: s.color }} />
              <Text className='hl-chart-key-name'>{s.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {data.length ? (
        <View className='hl-chart-box' role='img' aria-label={summaryOf(title, data, series)} style={{ height: `${boxHeight}px` }}>
          <TaroCanvas type='2d' id={id} className='hl-chart-canvas' style={{ width: '100%', height: `${boxHeight}px` }} {...(weapp ? { onTouchStart, onTouchEnd } : {})} />
        </View>
      ) : null}
      {data.length ? (
        <View className='hl-chart-list' role='list' aria-label={`${title}的数字`}>
          {rows.map((r, ri) => (
            <View key={r.x} className='hl-chart-row' role='listitem'>
              <Text className='hl-chart-x'>{r.x}</Text>
              <View className='hl-chart-cells'>
                {r.cells.map((c) => (
                  <View
                    key={c.key}
                    className={`hl-chart-link hl-chart-link-${c.key}${onPick ? '' : ' hl-chart-link-off'}`}
                    role={onPick ? 'link' : undefined}
                    aria-label={`${r.x}${one ? '' : ` ${c.series}`} ${c.text}${onPick ? '，查看记录' : ''}`}
                    onClick={onPick ? () => onPick(c) : undefined}
                  >
                    <View className={`hl-chart-swatch${series.find((s) => s.name === c.series)?.dashed ? ' hl-chart-swatch-dashed' : ''}`} style={{ background: swatch(c, ri) }} />
                    {one ? null : <Text className='hl-chart-cell-series'>{c.series}</Text>}
                    <Text className='hl-chart-value'>{c.text}</Text>
                    {onPick ? (
                      <Text className='hl-chart-more' aria-hidden='true'>
                        ›
                      </Text>
                    ) : null}
                  </View>
                ))}
              </View>
            </View>
          ))}
        </View>
      ) : (
        <Text className='hl-note hl-chart-empty'>{empty}</Text>
      )}
    </View>
  )
}
