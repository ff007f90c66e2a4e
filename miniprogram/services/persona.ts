import Taro from '@tarojs/taro'

/** Storage key of the demo persona the local gateway treats as the caller (H5 only). */
export const PERSONA_KEY = 'honglin.persona'
export const DEFAULT_PERSONA = 'demo-resident-001'

/** The persona openid sent as `x-honglin-persona`; in WeChat the server takes the real OPENID instead. */
export function currentPersona(): string {
  try {
    const value: unknown = Taro.getStorageSync(PERSONA_KEY)
    return typeof value === 'string' && value.length > 0 ? value : DEFAULT_PERSONA
  } catch {
    return DEFAULT_PERSONA
  }
}

export function setPersona(openid: string): void {
  Taro.setStorageSync(PERSONA_KEY, openid)
}

/** Persona switching only exists where the local gateway answers (the H5 build). */
export const canSwitchPersona = process.env.TARO_ENV === 'h5'
