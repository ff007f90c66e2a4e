import { createStore, useStore, type Store } from './store'

/**
 * WeChat's privacy consent (《小程序隐私协议开发指南》): the first time the app calls an API that
 * handles personal information (getLocation, chooseLocation, chooseMedia, the microphone,
 * setClipboardData…), WeChat holds the call and asks us, through `onNeedPrivacyAuthorization`, to show
 * our own consent sheet. Every held call waits on its `resolve`: `{ event: 'agree', buttonId }` once
 * the person tapped our `open-type="agreePrivacyAuthorization"` button lets them all go on,
 * `{ event: 'disagree' }` makes them fail with "privacy permission is not authorized".
 *
 * This module is the gate: the queue of held calls and the sheet's state. It does not import Taro;
 * the app hands it the host (Taro on weapp) and the sheet (components/privacy-sheet.tsx) only draws
 * the state and calls `agree` / `disagree` / `dismiss`.
 */

export type PrivacyEvent = 'exposureAuthorization' | 'agree' | 'disagree'
export interface PrivacyResolveOption {
  event: PrivacyEvent
  buttonId?: string
}
export type PrivacyResolve = (option: PrivacyResolveOption) => void
export type PrivacyListener = (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void

/** The host's privacy APIs (WeChat's, through Taro); absent on H5 and on base libraries before 2.32.3. */
export interface PrivacyHost {
  onNeedPrivacyAuthorization?: (listener: PrivacyListener) => void
  openPrivacyContract?: (option?: { fail?: (res: unknown) => void }) => unknown
}

/** The id of the sheet's 同意并继续 button: WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'hl-privacy-agree'
export const PRIVACY_CONTRACT_NAME = '《红邻用户隐私保护指引》'
export const PRIVACY_DECLINED_TEXT = '未同意隐私保护指引，无法使用该功能。以后再用到时，还会先问您。'

/** What the person is asked for, by the API that asked (WeChat's `referrer`), in plain words. */
const REFERRER_WORDS: Record<string, string> = {
  getLocation: '您的位置',
  getFuzzyLocation: '您的位置',
  chooseLocation: '在地图上选位置',
  chooseMedia: '选照片或拍照',
  chooseImage: '选照片或拍照',
  setClipboardData: '复制内容',
  getClipboardData: '读取复制的内容',
  startRecord: '麦克风（按住说话）',
}

/** The plain words for what a held call wants, or null when WeChat named something we do not know. */
export function purposeOf(referrer: string | undefined): string | null {
  if (!referrer) return null
  return REFERRER_WORDS[referrer] ?? (/record/i.test(referrer) ? '麦克风（按住说话）' : null)
}

/** closed: nothing shown; asking: the consent sheet; declined: the sheet's calm note after 不同意. */
export type PrivacyPhase = 'closed' | 'asking' | 'declined'

export interface PrivacyState {
  phase: PrivacyPhase
  /** What the held calls are for, in plain words, without repeats. */
  purposes: string[]
}

export interface PrivacyGate {
  readonly store: Store<PrivacyState>
  /** WeChat holds a call: keep its resolve, tell WeChat the sheet is showing, open the sheet. */
  need: PrivacyListener
  /** The agree button was tapped: every held call goes on. */
  agree(buttonId?: string): void
  /** 不同意: every held call fails; the sheet says so calmly until dismissed. */
  disagree(): void
  /** 知道了 on the declined note. */
  dismiss(): void
  /** How many calls are held. */
  pending(): number
}

const CLOSED: PrivacyState = { phase: 'closed', purposes: [] }

export function createPrivacyGate(): PrivacyGate {
  const store = createStore<PrivacyState>(CLOSED)
  let held: PrivacyResolve[] = []

  /** Hands every held resolve the same answer, once; a resolve that throws does not stop the others. */
  const release = (option: PrivacyResolveOption) => {
    const now = held
    held = []
    for (const resolve of now) {
      try {
        resolve(option)
      } catch {
        // the base library refused this one (already answered): the rest still get theirs
      }
    }
  }

  return {
    store,
    need(resolve, eventInfo) {
      held.push(resolve)
      const purpose = purposeOf(eventInfo?.referrer)
      const { phase, purposes } = store.get()
      const nextPurposes = purpose && !purposes.includes(purpose) ? [...purposes, purpose] : purposes
      store.set({ phase: 'asking', purposes: phase === 'asking' ? nextPurposes : purpose ? [purpose] : [] })
      try {
        resolve({ event: 'exposureAuthorization' })
      } catch {
        // reporting the exposure is optional
      }
    },
    agree(buttonId = PRIVACY_AGREE_BUTTON_ID) {
      release({ event: 'agree', buttonId })
      store.set(CLOSED)
    },
    disagree() {
      const hadAny = held.length > 0
      release({ event: 'disagree' })
      store.set(hadAny ? { phase: 'declined', purposes: [] } : CLOSED)
    },
    dismiss() {
      if (store.get().phase === 'declined') store.set(CLOSED)
    },
    pending: () => held.length,
  }
}

/** The app's one gate: every page's sheet draws it. */
export const privacyGate = createPrivacyGate()

/**
 * Registers the gate with the host, once per app. Returns false (and does nothing) where the host
 * has no such API: H5, or a WeChat too old for it (there the privacy check does not apply).
 */
export function listenForPrivacyAuthorization(host: PrivacyHost, gate: PrivacyGate = privacyGate): boolean {
  if (typeof host.onNeedPrivacyAuthorization !== 'function') return false
  host.onNeedPrivacyAuthorization((resolve, eventInfo) => gate.need(resolve, eventInfo))
  return true
}

/** Opens 《红邻用户隐私保护指引》 as configured in the WeChat admin console; false when it cannot. */
export function openPrivacyContract(host: PrivacyHost): boolean {
  if (typeof host.openPrivacyContract !== 'function') return false
  try {
    const result = host.openPrivacyContract({ fail: () => undefined })
    // Taro's promisified form rejects as well as calling fail: nothing more to say to the person.
    if (result && typeof (result as Promise<unknown>).catch === 'function') (result as Promise<unknown>).catch(() => undefined)
    return true
  } catch {
    return false
  }
}

/** A held call that failed because the person did not agree (its errMsg, as WeChat words it). */
export function isPrivacyDenied(error: unknown): boolean {
  const msg = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error ?? '')
  return /privacy permission is not authorized/i.test(msg)
}

export function usePrivacy(): PrivacyState {
  return useStore(privacyGate.store)
}
