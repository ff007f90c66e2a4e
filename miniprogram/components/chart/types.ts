/**
 * What a chart draws, independent of how: the canvas (F2, specs.tsx) and the text alternative
 * (index.tsx) read the same rows, so what a person taps in the list is what the canvas shows.
 */

export type ChartKind = 'line' | 'bars' | 'donut'

/** One value of a chart: a point of a line, a bar, a slice. */
export interface ChartDatum {
  /** Where it sits: a month, a category, a work unit. */
  x: string
  /** Which series: 本期 / 上期, 办结率 / 满意度 … (a donut has one). */
  series: string
  value: number
  /** The value as a person reads it: `83%`, `12 件`, `6.5 小时`. */
  text: string
  /** Stable and ASCII: a class name (`hl-chart-link-{key}`) and what a tap hands back. */
  key: string
}

export interface ChartSeries {
  name: string
  color: string
  /** Drawn dashed (a line) or hatched-light (a bar): told apart by more than colour. */
  dashed?: boolean
}

/** The rows of the text alternative: one per x, its values in series order. */
export function rowsOf(data: readonly ChartDatum[], series: readonly ChartSeries[]): { x: string; cells: ChartDatum[] }[] {
  const order = new Map(series.map((s, i) => [s.name, i]))
  const rows: { x: string; cells: ChartDatum[] }[] = []
  for (const d of data) {
    let row = rows.find((r) => r.x === d.x)
    if (!row) rows.push((row = { x: d.x, cells: [] }))
    row.cells.push(d)
  }
  for (const r of rows) r.cells.sort((a, b) => (order.get(a.series) ?? 0) - (order.get(b.series) ?? 0))
  return rows
}

/** The whole chart in one sentence, for screen readers: `9月：办结率 80%，满意度 90%；10月：…`. */
export function summaryOf(title: string, data: readonly ChartDatum[], series: readonly ChartSeries[]): string {
  if (data.length === 0) return `${title}：暂无数据`
  const rows = rowsOf(data, series)
  const one = series.length < 2
  return `${title}：${rows.map((r) => `${r.x}${one ? ' ' : '：'}${r.cells.map((c) => (one ? c.text : `${c.series} ${c.text}`)).join('，')}`).join('；')}`
}

/** A point on the canvas as F2 records it (`x`, `y` in CSS px; `origin` = the datum). */
export interface SnapRecord {
  x?: number | number[]
  y?: number | number[]
  origin?: ChartDatum
}

const mid = (v: number | number[] | undefined): number => (Array.isArray(v) ? (v[0]! + v[v.length - 1]!) / 2 : (v ?? 0))

/** Of the records F2 snaps a tap to (every series at that x), the one nearest the finger. */
export function nearest(records: readonly SnapRecord[] | null | undefined, point: { x: number; y: number }): ChartDatum | null {
  let best: ChartDatum | null = null
  let bestDistance = Infinity
  for (const r of records ?? []) {
    if (!r.origin) continue
    const d = (mid(r.x) - point.x) ** 2 + (mid(r.y) - point.y) ** 2
    if (d < bestDistance) {
      bestDistance = d
      best = r.origin
    }
  }
  return best
}

/**
 * The slice of a donut under a point (F2 4 does not snap a tap to a slice): the angle from the top,
 * clockwise, against each slice's share, within the ring. The donut is centred in the box with the
 * radius `radius` × half the shorter side (after `padding`), as specs.tsx draws it.
 */
export function donutHit(
  data: readonly ChartDatum[],
  point: { x: number; y: number },
  box: { width: number; height: number; padding: number; radius: number; inner: number },
): ChartDatum | null {
  const total = data.reduce((n, d) => n + d.value, 0)
  if (total <= 0) return null
  const cx = box.width / 2
  const cy = box.height / 2
  const r = (Math.min(box.width, box.height) / 2 - box.padding) * box.radius
  const dx = point.x - cx
  const dy = point.y - cy
  const distance = Math.sqrt(dx * dx + dy * dy)
  // A finger is wide: a little inside the hole or outside the ring still counts.
  if (distance < r * box.inner * 0.7 || distance > r * 1.15) return null
  const turn = (Math.atan2(dy, dx) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI)
  let at = (turn / (2 * Math.PI)) * total
  for (const d of data) {
    if (at < d.value) return d
    at -= d.value
  }
  return data[data.length - 1] ?? null
}
