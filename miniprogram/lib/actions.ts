/**
 * The buttons of an action bar. The server sends what the caller may do next (`allowedActions` of an
 * order, and of meetings and checklists later); a page says once how each action looks and what it
 * does, and shows exactly the allowed ones: no rule of who may do what is restated on the client.
 */

/** A primary action is the one the page is for (接单, 办结, 评价); the others are plain. */
export type ActionTone = 'primary' | 'plain'

export interface ActionSpec {
  label: string
  tone?: ActionTone
  /** The button's class; `hl-btn-` and the action in kebab case when absent (`sendBack` → `hl-btn-send-back`). */
  className?: string
  onPress: () => void
}

/** How each action looks and what it does. Its key order is the order the buttons keep. */
export type ActionTable<A extends string> = { readonly [K in A]?: ActionSpec }

export interface BarButton<A extends string> {
  action: A
  spec: ActionSpec
  className: string
}

/** `sendBack` → `hl-btn-send-back`. */
export function actionClass(action: string): string {
  return `hl-btn-${action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

/**
 * The buttons to show: the allowed actions the table knows (an action without a button, like 留言, is
 * left to the page), in the table's order, primary ones first.
 */
export function barButtons<A extends string>(allowed: readonly A[], table: ActionTable<A>): BarButton<A>[] {
  const shown: BarButton<A>[] = []
  for (const action of Object.keys(table) as A[]) {
    const spec = table[action]
    if (spec && allowed.includes(action)) shown.push({ action, spec, className: spec.className ?? actionClass(action) })
  }
  return [...shown.filter((b) => b.spec.tone === 'primary'), ...shown.filter((b) => b.spec.tone !== 'primary')]
}
