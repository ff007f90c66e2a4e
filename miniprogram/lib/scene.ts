/**
 * Where a scanned code's scene comes from, in all the shapes it arrives in:
 * - WeChat opening the page from a mini-program code: the page's `scene` query, URL-encoded once;
 * - `Taro.scanCode` of a mini-program code inside the app: `path` = `packages/…/index?scene=…`;
 * - an ordinary QR code linked to the mini-program: `q` = the encoded URL, with `scene=` in it;
 * - a person pasting the code, a link with `?scene=`, or the bare scene (H5, the station screen).
 * A scene never contains `%`, so decoding one that is already plain changes nothing.
 */
function decodeAll(text: string): string {
  let out = text.trim()
  for (let i = 0; i < 3 && out.includes('%'); i++) {
    try {
      out = decodeURIComponent(out)
    } catch {
      break
    }
  }
  return out.trim()
}

/** The scene inside any of the shapes above; '' when there is none. */
export function sceneFrom(raw: string | null | undefined): string {
  if (!raw) return ''
  const text = decodeAll(raw)
  const m = /[?&#]scene=([^&#\s]*)/.exec(text) ?? /^scene=([^&#\s]*)/.exec(text)
  return m ? decodeAll(m[1]!) : text
}

/** The scene a page was opened with: `scene` (mini-program code, or a link) or `q` (linked QR code). */
export function sceneFromParams(params: Record<string, string | undefined>): string {
  if (params.scene) return sceneFrom(params.scene)
  if (params.q) return sceneFrom(params.q)
  return ''
}
