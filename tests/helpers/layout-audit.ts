import type { Page } from 'playwright-core';

/**
 * A layout audit of what a person sees: run inside the page (`page.evaluate`) on the H5 build or on
 * a fixture page. The thresholds are those of issue 7 and PRODUCT.md §8 (适老化):
 * - every tappable element ≥ 44 × 44 CSS px, ≥ 60 × 60 in 长辈版;
 * - text ≥ 18 px in 长辈版; line height ≥ 1.3;
 * - text contrast ≥ 4.5:1, 3:1 for large text (≥ 24 px, or ≥ 18.66 px and bold), WCAG 2.x;
 * - nothing wider than the viewport (document, scroll containers, element boxes);
 * - no two text elements overlapping, or running into each other on one line (gap < 4 px).
 * Every violation is returned, not only the first.
 */
export const THRESHOLDS = {
  touch: { normal: 44, elder: 60 },
  elderMinFont: 18,
  minLineHeight: 1.3,
  contrast: { normal: 4.5, large: 3 },
  largeText: { size: 24, boldSize: 18.66, boldWeight: 700 },
  minTextGap: 4,
} as const;

export type Mode = 'normal' | 'elder';

export type Rule = 'touch-target' | 'font-size' | 'line-height' | 'contrast' | 'overflow' | 'text-overlap' | 'text-run-in';

export interface Violation {
  rule: Rule;
  /** A short CSS path of the element (its tag and own classes, under its nearest classed ancestors). */
  selector: string;
  /** The element's text (trimmed, ≤ 40 chars), or its neighbour's for overlap and run-in. */
  text: string;
  /** What was measured, in words: "30 × 25 px", "12.5 px", "2.9:1", "gap 0 px with …". */
  value: string;
  /** What the rule asks. */
  limit: string;
}

export interface AuditOptions {
  mode: Mode;
  /** Only elements inside this selector (and the fixed tab bar, when `includeTabBar`). Default: whole document. */
  root?: string;
}

/**
 * The audit itself. It must be self-contained: Playwright sends its source text to the page, so it
 * may use nothing from this module's scope (the thresholds arrive as an argument).
 */
function auditInPage(args: { mode: Mode; root?: string; t: typeof THRESHOLDS }): Violation[] {
  const { mode, t } = args;
  const elder = mode === 'elder';
  const out: Violation[] = [];
  const vw = document.documentElement.clientWidth;
  const scope: Element = (args.root && document.querySelector(args.root)) || document.body;
  const round = (n: number) => Math.round(n * 10) / 10;

  const describe = (el: Element): string => {
    const part = (e: Element) => {
      const cls = Array.from(e.classList)
        .filter((c) => !/^(nut-button-(primary|default|large|normal|small|round|block)|taro_|hydrated)/.test(c))
        .slice(0, 3);
      return e.tagName.toLowerCase() + cls.map((c) => `.${c}`).join('');
    };
    const parts = [part(el)];
    let p = el.parentElement;
    while (p && parts.length < 3 && p !== document.body) {
      if (p.classList.length) parts.unshift(part(p));
      p = p.parentElement;
    }
    return parts.join(' > ');
  };
  const textOf = (el: Element) =>
    ((el as HTMLElement).innerText || el.textContent || (el as HTMLInputElement).value || (el as HTMLInputElement).placeholder || el.getAttribute('aria-label') || '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 40);

  const shown = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
    if (check && !check.call(el, { checkOpacity: true, checkVisibilityCSS: true })) return false;
    // Clipped away entirely by an ancestor that hides its overflow (collapsed panels, off-screen slides).
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const pr = p.getBoundingClientRect();
        if (r.right <= pr.left || r.left >= pr.right || r.bottom <= pr.top || r.top >= pr.bottom) return false;
      }
    }
    return true;
  };

  const all = [scope, ...Array.from(scope.querySelectorAll('*'))].filter(
    (e) => !/^(script|style|link|meta|head|title|noscript|template|svg|path|br)$/i.test(e.tagName) && !e.closest('svg'),
  );
  const visibleEls = all.filter(shown);

  // ---- tappable elements --------------------------------------------------------------------------
  // Taro's React wrapper does not hand handlers to React's props of its custom elements: it keeps
  // them on the element as `__events` (what `<View onClick>` becomes). Buttons, inputs, switches and
  // ARIA widgets count whether or not a handler is attached.
  const CONTROL =
    'button, a[href], input:not([type=hidden]), textarea, select, taro-button-core, taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core, taro-radio-core, taro-picker-core, [role=button], [role=link], [role=switch], [role=checkbox], [role=radio], [role=tab], [role=menuitem], [aria-role=switch], .weui-tabbar__item, .nut-switch, .nut-checkbox, .nut-radio, .nut-tabs-titles-item';
  const hasTapHandler = (el: Element): boolean => {
    const ev = (el as Element & { __events?: Record<string, unknown[] | undefined> }).__events;
    if (ev) for (const k of Object.keys(ev)) if (/^(click|tap|longpress|touchstart|touchend)$/i.test(k) && (ev[k]?.length ?? 1) > 0) return true;
    const pk = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = pk ? (el as unknown as Record<string, Record<string, unknown>>)[pk] : undefined;
    return Boolean(props && (props.onClick || props.onTap || props.onLongPress));
  };
  // Disabled controls are measured too: a person still aims at them, and they become enabled in place.
  const tappable = visibleEls.filter((el) => el !== scope && (el.matches(CONTROL) || hasTapHandler(el)));
  // The outermost target is what a finger hits: a control inside a larger tappable (the text inside a
  // button, the native <input> inside Taro's input, a switch inside a row that is itself the switch)
  // is reached by tapping anywhere on its ancestor, and is not measured on its own.
  const outer = tappable.filter((el) => !tappable.some((o) => o !== el && o.contains(el)));
  const minTouch = elder ? t.touch.elder : t.touch.normal;
  for (const el of outer) {
    const r = el.getBoundingClientRect();
    if (r.width + 0.5 < minTouch || r.height + 0.5 < minTouch) {
      out.push({ rule: 'touch-target', selector: describe(el), text: textOf(el), value: `${round(r.width)} × ${round(r.height)} px`, limit: `≥ ${minTouch} × ${minTouch} px` });
    }
  }

  // ---- text ---------------------------------------------------------------------------------------
  interface Leaf {
    el: Element;
    frags: DOMRect[];
    text: string;
    layer: Element | null;
  }
  const leaves: Leaf[] = [];
  // Texts are compared within one layer: the same scroll container and the same fixed/sticky box.
  // (Taro scrolls the page inside `.taro_page`; the tab bar below it is not drawn over by the page's
  // content, though the content's boxes continue underneath it.)
  const layerOf = (el: Element): Element | null => {
    for (let p: Element | null = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.position === 'fixed' || cs.position === 'sticky' || /auto|scroll/.test(cs.overflowY)) return p;
    }
    return null;
  };
  // Glyphs used as pictures (aria-hidden, or only symbols such as ☆ ✚ ⚙) are not lines of text to
  // read: line spacing does not apply to them; size and contrast still do.
  const isPicture = (el: Element, text: string) => el.closest('[aria-hidden=true]') !== null || !/[\p{L}\p{N}]/u.test(text);
  const parseColor = (c: string): [number, number, number, number] | null => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1]!
      .split(/[ ,/]+/)
      .filter(Boolean)
      .map(parseFloat);
    return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
  };
  const blend = (top: [number, number, number, number], bottom: [number, number, number]): [number, number, number] =>
    [0, 1, 2].map((i) => top[i]! * top[3] + bottom[i]! * (1 - top[3])) as [number, number, number];
  const lum = (c: [number, number, number]) => {
    const ch = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
  };
  const ratio = (a: [number, number, number], b: [number, number, number]) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  /** The backgrounds the text may stand on: ancestors' colours composed up to the first opaque one (each colour of a gradient counts). */
  const backgroundsOf = (el: Element): Array<[number, number, number]> => {
    const layers: Array<Array<[number, number, number, number]>> = [];
    for (let p: Element | null = el; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      const colours: Array<[number, number, number, number]> = [];
      const bg = parseColor(s.backgroundColor);
      if (s.backgroundImage && s.backgroundImage !== 'none') {
        for (const m of s.backgroundImage.match(/rgba?\([^)]+\)/g) ?? []) colours.push(parseColor(m)!);
      }
      if (colours.length === 0 && bg && bg[3] > 0) colours.push(bg);
      if (colours.length) {
        layers.push(colours);
        if (colours.every((c) => c[3] >= 1)) break;
      }
    }
    let bases: Array<[number, number, number]> = [[255, 255, 255]];
    for (let i = layers.length - 1; i >= 0; i--) {
      const next: Array<[number, number, number]> = [];
      for (const c of layers[i]!) for (const b of bases) next.push(blend(c, b));
      bases = next;
    }
    return bases;
  };
  const opacityOf = (el: Element) => {
    let o = 1;
    for (let p: Element | null = el; p; p = p.parentElement) o *= parseFloat(getComputedStyle(p).opacity || '1');
    return o;
  };

  for (const el of visibleEls) {
    const isField = el.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), textarea');
    const textNodes = Array.from(el.childNodes).filter((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
    if (textNodes.length === 0 && !isField) continue;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const frags: DOMRect[] = [];
    for (const n of textNodes) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects())) if (r.width > 0.5 && r.height > 0.5) frags.push(r);
    }
    if (isField) frags.push(el.getBoundingClientRect());
    if (frags.length === 0) continue;
    const text = isField
      ? (el as HTMLInputElement).value || (el as HTMLInputElement).placeholder || ''
      : textNodes
          .map((n) => n.textContent)
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
    if (isField && !text) continue;
    const selector = describe(el);
    const shortText = text.slice(0, 40);
    if (!isField) leaves.push({ el, frags, text: shortText, layer: layerOf(el) });

    if (elder && size + 0.05 < t.elderMinFont) {
      out.push({ rule: 'font-size', selector, text: shortText, value: `${round(size)} px`, limit: `≥ ${t.elderMinFont} px in 长辈版` });
    }
    // Line height: the computed value, or for `normal` the height of one line box as drawn.
    if (!isField && !isPicture(el, text)) {
      const lh = s.lineHeight === 'normal' ? Math.min(...frags.map((f) => f.height)) : parseFloat(s.lineHeight);
      if (lh / size + 0.005 < t.minLineHeight) {
        out.push({ rule: 'line-height', selector, text: shortText, value: `${round(lh)} px / ${round(size)} px = ${(lh / size).toFixed(2)}`, limit: `≥ ${t.minLineHeight}` });
      }
    }
    // Contrast with every background the text may stand on; the placeholder of an empty field too.
    const colour = parseColor(isField && !(el as HTMLInputElement).value ? getComputedStyle(el, '::placeholder').color : s.color);
    if (colour) {
      const weight = parseInt(s.fontWeight, 10) || 400;
      const large = size >= t.largeText.size || (size >= t.largeText.boldSize && weight >= t.largeText.boldWeight);
      const need = large ? t.contrast.large : t.contrast.normal;
      const alpha = colour[3] * opacityOf(el);
      let worst = Infinity;
      for (const bg of backgroundsOf(el)) worst = Math.min(worst, ratio(blend([colour[0], colour[1], colour[2], alpha], bg), bg));
      if (worst + 0.005 < need) {
        out.push({ rule: 'contrast', selector, text: shortText, value: `${worst.toFixed(2)}:1 (${s.color} at ${round(size)} px/${weight})`, limit: `≥ ${need}:1` });
      }
    }
  }

  // ---- horizontal overflow ------------------------------------------------------------------------
  const docWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (docWidth > vw + 1) out.push({ rule: 'overflow', selector: 'document', text: '', value: `scrollWidth ${docWidth} px`, limit: `≤ ${vw} px (viewport)` });
  // The page's own vertical scroller (Taro's `.taro_page`, or the document) must never scroll sideways;
  // a narrower container that scrolls sideways on purpose (a row of chips) may hold wider content.
  const pageScroller = (e: Element) => /auto|scroll/.test(getComputedStyle(e).overflowY) && e.clientWidth >= vw - 2;
  const sideScroller = (e: Element) => /auto|scroll/.test(getComputedStyle(e).overflowX) && !pageScroller(e);
  const inSideScroller = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (sideScroller(p)) return true;
    return false;
  };
  for (const el of visibleEls) {
    if (el !== document.body && el !== document.documentElement && pageScroller(el) && el.scrollWidth > el.clientWidth + 1) {
      out.push({ rule: 'overflow', selector: describe(el), text: '', value: `scrollWidth ${el.scrollWidth} px`, limit: `≤ ${el.clientWidth} px (it scrolls sideways)` });
    }
  }
  const overflowing = visibleEls.filter((el) => {
    const r = el.getBoundingClientRect();
    return (r.right > vw + 1 || r.left < -1) && !inSideScroller(el);
  });
  // Report the outermost box that leaves the screen (its children follow it out).
  for (const el of overflowing.filter((e) => !overflowing.some((o) => o !== e && o.contains(e)))) {
    const r = el.getBoundingClientRect();
    out.push({ rule: 'overflow', selector: describe(el), text: textOf(el), value: `spans ${round(r.left)}…${round(r.right)} px`, limit: `inside 0…${vw} px` });
  }

  // ---- text running into text ---------------------------------------------------------------------
  const reported = new Set<string>();
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      const a = leaves[i]!;
      const b = leaves[j]!;
      if (a.layer !== b.layer || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      let found: Violation | null = null;
      for (const fa of a.frags) {
        for (const fb of b.frags) {
          const ix = Math.min(fa.right, fb.right) - Math.max(fa.left, fb.left);
          const iy = Math.min(fa.bottom, fb.bottom) - Math.max(fa.top, fb.top);
          if (ix > 1 && iy > 1) {
            found = {
              rule: 'text-overlap',
              selector: describe(a.el),
              text: `“${a.text}” ↔ “${b.text}”`,
              value: `boxes overlap by ${round(ix)} × ${round(iy)} px`,
              limit: 'no overlap',
            };
          } else if (iy >= 0.5 * Math.min(fa.height, fb.height)) {
            const gap = fa.left < fb.left ? fb.left - fa.right : fa.left - fb.right;
            if (gap > -1 && gap < t.minTextGap) {
              found = {
                rule: 'text-run-in',
                selector: describe(a.el),
                text: `“${a.text}” ↔ “${b.text}”`,
                value: `gap ${round(Math.max(0, gap))} px on one line`,
                limit: `≥ ${t.minTextGap} px between separate texts`,
              };
            }
          }
          if (found) break;
        }
        if (found) break;
      }
      if (found && !reported.has(found.text)) {
        reported.add(found.text);
        out.push(found);
      }
    }
  }
  return out;
}

/** Runs the audit in the page as it is now. */
export function auditLayout(page: Page, options: AuditOptions): Promise<Violation[]> {
  return page.evaluate(auditInPage, { mode: options.mode, root: options.root, t: THRESHOLDS });
}

/** One line per violation, for a failure message. */
export function formatViolations(where: string, violations: Violation[]): string {
  return violations.map((v) => `${where} · ${v.rule} · ${v.selector} · ${v.text.startsWith('“') ? v.text : `“${v.text}”`} · ${v.value} (${v.limit})`).join('\n');
}
