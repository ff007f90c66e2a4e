/** The speech port's shapes and the messages its adapters share (see speech.ts). */

export interface ListenCallbacks {
  /** What has been heard so far, while the person is still speaking (may be rewritten). */
  onPartial?: (text: string) => void
  /** The final text, once, after `stop()` or the platform's own end. Never empty. */
  onText: (text: string) => void
  /** Why nothing was recognised, in Chinese for the person (permission refused, nothing heard…). */
  onError: (message: string) => void
}

export interface ListenHandle {
  /** Stops listening; the final text (or an error) still arrives through the callbacks. */
  stop(): void
}

export interface SpeakCallbacks {
  /** Done, stopped, or replaced by another text. */
  onEnd?: () => void
  onError?: (message: string) => void
}

export interface SpeechPort {
  canListen(): boolean
  listen(callbacks: ListenCallbacks): ListenHandle
  canSpeak(): boolean
  /** Reads `text` aloud, stopping whatever was being read. */
  speak(text: string, callbacks?: SpeakCallbacks): void
  stopSpeaking(): void
}

/** Messages shared by the adapters. */
export const SPEECH_MESSAGES = {
  denied: '没有麦克风权限，说不了话。请点右上角“···”→“设置”，打开“麦克风”；也可以直接打字。',
  privacy: '没有同意隐私保护指引，暂时不能说话输入，可以直接打字。',
  nothingHeard: '没听清，请再说一遍，或者直接打字。',
  busy: '上一句还在识别，请稍等一下再说。',
  network: '网络不好，没能识别，请稍后再试，或者直接打字。',
  failed: '语音识别出了点问题，请再试一次，或者直接打字。',
  speakFailed: '没能朗读，请稍后再试。',
} as const
