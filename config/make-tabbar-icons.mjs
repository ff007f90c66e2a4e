// Draws the four tab-bar icons (81×81 PNG, grey and red) with nothing but node:zlib.
// WeChat tab bars need image files (≤ 40 KB each); these are a few hundred bytes.
// Run: node config/make-tabbar-icons.mjs  → miniprogram/assets/tabbar/*.png (committed).
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const SAMPLES = 4 // 4×4 supersampling for smooth edges
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'miniprogram', 'assets', 'tabbar')
const COLORS = { normal: [0x6b, 0x6b, 0x6b], active: [0xc8, 0x16, 0x1d] }

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
const ring = (outer, inner) => (x, y) => outer(x, y) && !inner(x, y)
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y))
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y)
function triangle([ax, ay], [bx, by], [cx, cy]) {
  const side = (px, py, qx, qy, x, y) => (qx - px) * (y - py) - (qy - py) * (x - px)
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y)
    const d2 = side(bx, by, cx, cy, x, y)
    const d3 = side(cx, cy, ax, ay, x, y)
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
  }
}

const SHAPES = {
  // 首页: a house with a door
  home: minus(union(triangle([40.5, 8], [6, 40], [75, 40]), rect(16, 36, 65, 72)), rect(34, 50, 47, 72)),
  // 办事: a clipboard with lines
  work: union(ring(rect(15, 14, 66, 74), rect(21, 20, 60, 68)), rect(28, 8, 53, 22), rect(27, 33, 54, 37), rect(27, 45, 54, 49), rect(27, 57, 46, 61)),
  // 议事: two speech bubbles
  council: union(ring(ellipse(31, 31, 25, 19), ellipse(31, 31, 19, 13)), triangle([14, 42], [12, 58], [28, 47]), ellipse(53, 52, 22, 16), triangle([66, 60], [72, 75], [56, 65])),
  // 我的: a person
  me: union(circle(40.5, 25, 15), minus(ellipse(40.5, 76, 30, 30), rect(0, 72, 81, 81))),
}

function crc32(buf) {
  let c
  let crc = 0xffffffff
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crc = (crc >>> 8) ^ c
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1)
    raw[row] = 0 // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++) for (let sx = 0; sx < SAMPLES; sx++) if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++
      const o = row + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(SHAPES)) {
  writeFileSync(join(OUT, `${name}.png`), png(shape, COLORS.normal))
  writeFileSync(join(OUT, `${name}-active.png`), png(shape, COLORS.active))
}
console.log(`tab-bar icons written to ${OUT}`)
