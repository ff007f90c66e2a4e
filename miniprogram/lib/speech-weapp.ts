import Taro from '@tarojs/taro'
import { SPEECH_MESSAGES, type ListenCallbacks, type ListenHandle, type SpeakCallbacks, type SpeechPort } from './speech-port'
import { isPrivacyDenied } from './privacy'

/**
 * weapp: WeChat's 同声传译 plugin (WechatSI, declared in app.config.ts), Mandarin both ways.
 * Recognition needs the microphone (scope.record): asked once, and a refusal says where to turn it
 * back on. Text-to-speech gives an audio file that an inner audio context plays. WeChat marks the
 * plugin "out of maintenance": every call is guarded, and a missing plugin only hides the buttons.
 */

interface RecognitionManager {
  onRecognize: ((res: { result?: string }) => void) | null
  onStop: ((res: { result?: string }) => void) | null
  onError: ((res: { retcode?: number; msg?: string }) => void) | null
  onStart?: ((res: unknown) => void) | null
  start(options: { duration: number; lang: string }): void
  stop(): void
}

interface WechatSI {
  getRecordRecognitionManager(): RecognitionManager
  textToSpeech(options: { lang: string; tts: boolean; content: string; success?: (res: { retcode?: number; filename?: string }) => void; fail?: (res: unknown) => void }): void
}

function plugin(): WechatSI | null {
  try {
    const p = Taro.requirePlugin('WechatSI') as Partial<WechatSI> | undefined
    return p && typeof p.getRecordRecognitionManager === 'function' && typeof p.textToSpeech === 'function' ? (p as WechatSI) : null
  } catch {
    return null
  }
}

/** One recogniser per app (the plugin's manager is a singleton). */
let manager: RecognitionManager | null = null
function recognitionManager(): RecognitionManager | null {
  if (manager) return manager
  try {
    manager = plugin()?.getRecordRecognitionManager() ?? null
  } catch {
    manager = null
  }
  return manager
}

const permissionText = (e: unknown) => /auth|deny|denied|permission|scope/i.test(JSON.stringify(e ?? ''))

/**
 * The microphone: already granted, asked now, or refused (then only the settings page can undo it);
 * or the privacy guide was declined on our consent sheet, which is not a permission to change.
 */
async function microphoneAllowed(): Promise<'yes' | 'no' | 'privacy'> {
  try {
    const setting = await Taro.getSetting()
    const granted = setting?.authSetting?.['scope.record']
    if (granted === true) return 'yes'
    if (granted === false) return 'no'
    await Taro.authorize({ scope: 'scope.record' })
    return 'yes'
  } catch (e) {
    if (isPrivacyDenied(e)) return 'privacy'
    // An old base library without getSetting: let the plugin's own prompt decide.
    return permissionText(e) ? 'no' : 'yes'
  }
}

function errorMessage(res: { retcode?: number; msg?: string } | undefined): string {
  if (permissionText(res?.msg)) return SPEECH_MESSAGES.denied
  switch (res?.retcode) {
    case -30011:
      return SPEECH_MESSAGES.busy
    case -30003:
    case -30006:
      return SPEECH_MESSAGES.nothingHeard
    case -30004:
    case -30005:
      return SPEECH_MESSAGES.network
    default:
      return SPEECH_MESSAGES.failed
  }
}

/** The plugin records at most 60 s at a time. */
const MAX_MS = 60_000

function listen(callbacks: ListenCallbacks): ListenHandle {
  const m = recognitionManager()
  let done = false
  let stopped = false
  let started = false
  const end = (fn: () => void) => {
    if (done) return
    done = true
    fn()
  }
  if (!m) {
    end(() => callbacks.onError(SPEECH_MESSAGES.failed))
    return { stop: () => undefined }
  }
  m.onRecognize = (res) => {
    if (!done && res?.result) callbacks.onPartial?.(res.result)
  }
  m.onStop = (res) => {
    const text = (res?.result ?? '').trim()
    end(() => (text ? callbacks.onText(text) : callbacks.onError(SPEECH_MESSAGES.nothingHeard)))
  }
  m.onError = (res) => end(() => callbacks.onError(errorMessage(res)))

  void microphoneAllowed().then((allowed) => {
    if (allowed !== 'yes') return end(() => callbacks.onError(allowed === 'privacy' ? SPEECH_MESSAGES.privacy : SPEECH_MESSAGES.denied))
    // Ended before the permission answer came: nothing was recorded.
    if (stopped) return end(() => callbacks.onError(SPEECH_MESSAGES.nothingHeard))
    try {
      m.start({ duration: MAX_MS, lang: 'zh_CN' })
      started = true
    } catch (e) {
      end(() => callbacks.onError(permissionText(e) ? SPEECH_MESSAGES.denied : SPEECH_MESSAGES.failed))
    }
  })

  return {
    stop: () => {
      stopped = true
      if (!started || done) return
      try {
        m.stop()
      } catch {
        end(() => callbacks.onError(SPEECH_MESSAGES.failed))
      }
    },
  }
}

/** UTF-8 length: a Chinese character is 3 bytes. */
function bytes(s: string): number {
  let n = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
  }
  return n
}

/** The plugin takes at most 1,000 bytes of UTF-8: cut at a sentence end that fits. */
export function fitForTts(text: string, maxBytes = 1000): string {
  if (bytes(text) <= maxBytes) return text
  let out = ''
  for (const sentence of text.match(/[^。！？!?]+[。！？!?]?/g) ?? []) {
    if (bytes(out + sentence) > maxBytes) break
    out += sentence
  }
  if (out) return out
  let cut = ''
  for (const ch of text) {
    if (bytes(cut + ch) > maxBytes) break
    cut += ch
  }
  return cut
}

type Audio = ReturnType<typeof Taro.createInnerAudioContext>
let current: { audio: Audio | null; callbacks: SpeakCallbacks } | null = null
let audioOptionSet = false

function finish(which: typeof current, error?: string) {
  if (!which || current !== which) return
  current = null
  try {
    which.audio?.stop()
    which.audio?.destroy()
  } catch {
    // already gone
  }
  if (error) which.callbacks.onError?.(error)
  else which.callbacks.onEnd?.()
}

function stopSpeaking(): void {
  finish(current)
}

function speak(text: string, callbacks: SpeakCallbacks = {}): void {
  stopSpeaking()
  const p = plugin()
  if (!p) {
    callbacks.onError?.(SPEECH_MESSAGES.speakFailed)
    return
  }
  const mine: NonNullable<typeof current> = { audio: null, callbacks }
  current = mine
  try {
    p.textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content: fitForTts(text),
      success: (res) => {
        if (current !== mine) return // stopped or replaced while the audio was being made
        if (!res?.filename || (res.retcode !== undefined && res.retcode !== 0)) return finish(mine, SPEECH_MESSAGES.speakFailed)
        if (!audioOptionSet) {
          audioOptionSet = true
          // The person pressed 朗读 on purpose: play even with the phone's silent switch on (iOS).
          void Promise.resolve(Taro.setInnerAudioOption?.({ obeyMuteSwitch: false })).catch(() => undefined)
        }
        const audio = Taro.createInnerAudioContext()
        if (!audio) return finish(mine, SPEECH_MESSAGES.speakFailed)
        mine.audio = audio
        audio.onEnded(() => finish(mine))
        audio.onError(() => finish(mine, SPEECH_MESSAGES.speakFailed))
        audio.src = res.filename
        audio.play()
      },
      fail: () => finish(mine, SPEECH_MESSAGES.speakFailed),
    })
  } catch {
    finish(mine, SPEECH_MESSAGES.speakFailed)
  }
}

export const weappSpeech: SpeechPort = {
  canListen: () => recognitionManager() !== null,
  listen,
  canSpeak: () => plugin() !== null,
  speak,
  stopSpeaking,
}
