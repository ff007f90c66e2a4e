/** @jsxImportSource @antv/f2 */
import { Axis, Chart, Interval, Line, Point } from '@antv/f2'
import type { ChartDatum, ChartKind, ChartSeries } from './types'

/**
 * The F2 chart of each kind (F2's own JSX, not React's: this file only). Sizes are CSS px; the
 * component (index.tsx) gives bigger ones in 长辈版. No animation: a chart is drawn once per answer,
 * and a canvas that is still moving cannot be read or compared.
 */
export interface SpecOptions {
  kind: ChartKind
  data: ChartDatum[]
  series: ChartSeries[]
  /** The value axis: `83%`, `12`. */
  format: (value: number) => string
  /** Axis labels, CSS px. */
  fontSize: number
  /** The value axis's top, when it has a natural one (100 for a percentage). */
  max?: number
  /** F2's ref to the chart, for `getSnapRecords` on a tap. */
  chartRef: { current: unknown }
}

/** The slices' colours: distinct in lightness too, each next to its number in the list. */
/** The donut's ring: its radius (share of half the shorter side, inside the padding) and its hole. */
export const DONUT_RADIUS = 0.9
export const DONUT_INNER = 0.55
export const DONUT_PADDING = 8

export const DONUT_COLORS = ['#C8161D', '#1F7A3A', '#D46B08', '#1D4ED8', '#7C3AED', '#0F766E', '#B45309', '#BE185D', '#4B5563', '#65A30D']

/**
 * The value axis from 0: up to `max` when given (100 %), else to a round top; whole numbers (件, 次)
 * get whole ticks, never `0.75 件`.
 */
function valueScale(o: SpecOptions) {
  if (o.max !== undefined) return { min: 0, max: o.max, tickCount: 5 }
  const top = Math.max(0, ...o.data.map((d) => d.value))
  const whole = o.data.every((d) => Number.isInteger(d.value))
  const wanted = top / 4
  const step = STEPS.find((s) => s >= wanted && (!whole || s >= 1)) ?? Math.ceil(wanted)
  const ticks = Math.max(1, Math.ceil(top / step))
  return { min: 0, max: step * ticks, tickCount: ticks + 1 }
}

/** Round steps between ticks. */
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]

export function chartSpec(o: SpecOptions) {
  const names = o.series.map((s) => s.name)
  const colors = o.series.map((s) => s.color)
  const label = { fontSize: o.fontSize, fill: '#434343' }
  // The key of the series is drawn by the component above the canvas, as text that grows in 长辈版.
  const value = valueScale(o)

  if (o.kind === 'donut') {
    return (
      <Chart
        ref={o.chartRef}
        data={o.data.map((d) => ({ ...d, one: '1' }))}
        coord={{ type: 'polar', transposed: true, innerRadius: DONUT_INNER, radius: DONUT_RADIUS }}
        scale={{ x: { type: 'cat', values: [...new Set(o.data.map((d) => d.x))] } }}
      >
        <Interval x='one' y='value' adjust='stack' color={{ field: 'x', range: DONUT_COLORS }} style={{ stroke: '#fff', lineWidth: 1 }} />
      </Chart>
    )
  }

  if (o.kind === 'bars') {
    // Horizontal bars: category names read on the left whatever their length.
    return (
      <Chart
        ref={o.chartRef}
        data={o.data}
        coord={{ transposed: true }}
        scale={{
          value,
          x: { type: 'cat', values: [...new Set(o.data.map((d) => d.x))].reverse() },
          series: { type: 'cat', values: names },
        }}
      >
        <Axis field='x' style={{ label }} />
        {/* The first value label starts at the axis, the last ends at it: none is cut at the edge. */}
        <Axis field='value' formatter={o.format} style={{ label: { ...label, align: 'between' }, grid: { stroke: '#e5e5e5' } }} />
        <Interval x='x' y='value' color={{ field: 'series', range: colors }} adjust={o.series.length > 1 ? 'dodge' : undefined} />
      </Chart>
    )
  }

  // Lines over months; a point on each value so a lone month still shows.
  const months = new Set(o.data.map((d) => d.x)).size
  return (
    // Twelve months do not all fit under a phone-wide axis: at most six labels (every point stays).
    <Chart
      ref={o.chartRef}
      data={o.data}
      scale={{ value, x: { type: 'cat', range: [0.04, 0.96], ...(months > 6 ? { tickCount: 6 } : {}) }, series: { type: 'cat', values: names } }}
    >
      <Axis field='x' style={{ label }} />
      <Axis field='value' formatter={o.format} style={{ label, grid: { stroke: '#e5e5e5' } }} />
      <Line x='x' y='value' color={{ field: 'series', range: colors }} lineWidth={2} shape={{ field: 'series', range: o.series.map((s) => (s.dashed ? 'dash' : 'line')) }} />
      <Point x='x' y='value' color={{ field: 'series', range: colors }} size={3} />
    </Chart>
  )
}
