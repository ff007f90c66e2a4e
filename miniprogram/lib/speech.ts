import { h5Speech } from './speech-h5'
import type { SpeechPort } from './speech-port'
import { weappSpeech } from './speech-weapp'

export type { ListenCallbacks, ListenHandle, SpeakCallbacks, SpeechPort } from './speech-port'
export { SPEECH_MESSAGES } from './speech-port'

/**
 * 语音输入 and 朗读 behind one port, so pages never touch a platform: WeChat's 同声传译 plugin
 * (WechatSI) in the mini-program, the browser's Web Speech API in H5. Where a platform cannot do
 * one of them, `canListen()` / `canSpeak()` say so and the buttons stay hidden: typing and reading
 * always work. The adapters are speech-weapp.ts and speech-h5.ts, not speech.weapp.ts / speech.h5.ts:
 * Taro would resolve an import of `./speech` to such a platform file instead of this one.
 */

export const speech: SpeechPort = process.env.TARO_ENV === 'h5' ? h5Speech : weappSpeech

/**
 * What was heard, after what was already typed: a comma between two phrases (recognisers leave the
 * end unpunctuated), nothing when the text already ends in punctuation or space.
 */
export function appendHeard(current: string, heard: string): string {
  const h = heard.trim()
  if (!h) return current
  if (!current.trim()) return h
  return /[\s，。！？、；：,.!?;:]$/.test(current) ? `${current}${h}` : `${current}，${h}`
}
