import Taro from '@tarojs/taro'
import { createStore, useStore } from './store'

/**
 * 长辈版 (large-text mode). On when the user asked for it (their `largeText` preference, cached
 * locally so the first frame is already right) or when WeChat's own font setting is large
 * (fontSizeScaleFactor ≥ 1.3, which WeChat's 关怀模式 reaches). Never a pop-up: it only changes classes.
 */
export const ELDER_CLASS = 'honglin-elder'
const STORAGE_KEY = 'honglin.largeText'
const SYSTEM_SCALE_THRESHOLD = 1.3

function readPreference(): boolean {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === '1'
  } catch {
    return false
  }
}

/** WeChat's font scale, when the platform tells it (H5 has no such API). */
export function systemFontScale(): number {
  try {
    const getAppBaseInfo = (Taro as unknown as { getAppBaseInfo?: () => { fontSizeScaleFactor?: unknown } }).getAppBaseInfo
    if (typeof getAppBaseInfo !== 'function') return 1
    const factor = getAppBaseInfo().fontSizeScaleFactor
    return typeof factor === 'number' && Number.isFinite(factor) ? factor : 1
  } catch {
    return 1
  }
}

export interface ElderState {
  /** The user's own choice (server profile, cached locally). */
  preference: boolean
  /** WeChat's font setting is large enough to switch the mode on by itself. */
  systemLarge: boolean
  /** What the UI uses. */
  on: boolean
}

function compute(preference: boolean, systemLarge: boolean): ElderState {
  return { preference, systemLarge, on: preference || systemLarge }
}

const elderStore = createStore<ElderState>(compute(readPreference(), false))

/** Reads WeChat's font setting again (on launch and whenever the app comes back to the front). */
export function refreshSystemFont(): void {
  const { preference } = elderStore.get()
  const systemLarge = process.env.TARO_ENV === 'h5' ? false : systemFontScale() >= SYSTEM_SCALE_THRESHOLD
  if (systemLarge !== elderStore.get().systemLarge) elderStore.set(compute(preference, systemLarge))
}

export function setLargeTextPreference(on: boolean): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, on ? '1' : '0')
  } catch {
    // storage full or unavailable: the mode still applies for this session
  }
  const { systemLarge, preference } = elderStore.get()
  if (preference !== on) elderStore.set(compute(on, systemLarge))
}

export function useElder(): ElderState {
  return useStore(elderStore)
}
