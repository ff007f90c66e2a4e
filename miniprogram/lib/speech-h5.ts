import { SPEECH_MESSAGES, type ListenCallbacks, type ListenHandle, type SpeakCallbacks, type SpeechPort } from './speech-port'

/**
 * H5: the Web Speech API. Recognition exists in Chrome-based browsers (webkit-prefixed) and some
 * others; where it does not, `canListen()` is false. Speaking uses `speechSynthesis`, a little slower
 * than the default for older ears.
 */

// The Web Speech recognition API is not in TypeScript's DOM library: what we use of it.
interface RecognitionResult {
  readonly isFinal: boolean
  readonly 0: { readonly transcript: string }
}
interface RecognitionEvent {
  readonly results: ArrayLike<RecognitionResult>
}
interface Recognition {
  lang: string
  interimResults: boolean
  continuous: boolean
  onresult: ((e: RecognitionEvent) => void) | null
  onerror: ((e: { error: string }) => void) | null
  onend: (() => void) | null
  start(): void
  stop(): void
  abort(): void
}
type RecognitionCtor = new () => Recognition

function recognitionCtor(): RecognitionCtor | null {
  if (typeof window === 'undefined') return null
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor }
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null
}

function errorMessage(code: string): string {
  const m = SPEECH_MESSAGES
  if (code === 'not-allowed' || code === 'service-not-allowed' || code === 'audio-capture') return m.denied
  if (code === 'no-speech') return m.nothingHeard
  if (code === 'network') return m.network
  return m.failed
}

function listen(callbacks: ListenCallbacks): ListenHandle {
  const Ctor = recognitionCtor()
  if (!Ctor) {
    callbacks.onError(SPEECH_MESSAGES.failed)
    return { stop: () => undefined }
  }
  const rec = new Ctor()
  rec.lang = 'zh-CN'
  rec.interimResults = true
  // Press-to-talk: keep listening through pauses until the person lets go.
  rec.continuous = true
  let finalText = ''
  let interim = ''
  let failed: string | null = null
  let done = false
  rec.onresult = (e) => {
    let fin = ''
    let part = ''
    for (let i = 0; i < e.results.length; i++) {
      const r = e.results[i]!
      if (r.isFinal) fin += r[0].transcript
      else part += r[0].transcript
    }
    finalText = fin
    interim = part
    callbacks.onPartial?.(fin + part)
  }
  rec.onerror = (e) => {
    // An abort is ours (stop before anything was said): no message for that.
    if (e.error !== 'aborted') failed = errorMessage(e.error)
  }
  rec.onend = () => {
    if (done) return
    done = true
    const text = (finalText || interim).trim()
    if (text) callbacks.onText(text)
    else callbacks.onError(failed ?? SPEECH_MESSAGES.nothingHeard)
  }
  try {
    rec.start()
  } catch {
    done = true
    callbacks.onError(SPEECH_MESSAGES.failed)
  }
  return {
    stop: () => {
      try {
        rec.stop()
      } catch {
        // already ended
      }
    },
  }
}

let current: { utterance: SpeechSynthesisUtterance; callbacks: SpeakCallbacks } | null = null

function finish(which: typeof current) {
  if (!which || current !== which) return
  current = null
  which.callbacks.onEnd?.()
}

function stopSpeaking(): void {
  const was = current
  finish(was)
  if (typeof window !== 'undefined' && window.speechSynthesis) window.speechSynthesis.cancel()
}

function speak(text: string, callbacks: SpeakCallbacks = {}): void {
  stopSpeaking()
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') {
    callbacks.onError?.(SPEECH_MESSAGES.speakFailed)
    return
  }
  const utterance = new SpeechSynthesisUtterance(text)
  utterance.lang = 'zh-CN'
  utterance.rate = 0.9
  const voice = synth.getVoices?.().find((v) => /^zh[-_]CN/i.test(v.lang)) ?? synth.getVoices?.().find((v) => /^zh/i.test(v.lang))
  if (voice) utterance.voice = voice
  const mine = { utterance, callbacks }
  current = mine
  utterance.onend = () => finish(mine)
  utterance.onerror = (e) => {
    if (current !== mine) return
    current = null
    // Cancelled by a newer text or by 停止: not a failure.
    if (e.error === 'canceled' || e.error === 'interrupted') callbacks.onEnd?.()
    else callbacks.onError?.(SPEECH_MESSAGES.speakFailed)
  }
  synth.speak(utterance)
}

export const h5Speech: SpeechPort = {
  canListen: () => recognitionCtor() !== null,
  listen,
  canSpeak: () => typeof window !== 'undefined' && Boolean(window.speechSynthesis) && typeof SpeechSynthesisUtterance !== 'undefined',
  speak,
  stopSpeaking,
}
