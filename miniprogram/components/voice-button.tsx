import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { SPEECH_MESSAGES, speech, type ListenHandle } from '../lib/speech'
import './speech-button.scss'
import './voice-button.scss'

/** A touch held at least this long is 按住说话: letting go ends it. A shorter one is a tap: tap again to end. */
const HOLD_MS = 600
/** A click this soon after a touch is the same tap, already handled by the touch. */
const SAME_TAP_MS = 1000

/** How long after a stop the final text may take to come back. */
const GIVE_UP_MS = 10_000

type Phase = { kind: 'idle' } | { kind: 'listening'; partial: string } | { kind: 'error'; message: string }

/**
 * 语音输入: 按住说话 (hold, speak, let go), or 点一下开始说 / 再点一下结束 (a tap or a mouse click
 * toggles). While listening it says 正在听… with what it has heard so far; a failure stays on screen
 * in words. `onText` gets the final recognised text, once per utterance. Hidden where the platform
 * cannot listen (typing still works).
 */
export function VoiceButton({ onText, name }: { onText: (text: string) => void; name: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const handle = useRef<ListenHandle | null>(null)
  const giveUp = useRef<ReturnType<typeof setTimeout> | null>(null)
  const touchStartedAt = useRef(0)
  const touchStarted = useRef(false)
  // The latest onText: the answer may arrive after the page re-rendered with newer text.
  const deliver = useRef(onText)
  useEffect(() => {
    deliver.current = onText
  })
  const [can] = useState(() => speech.canListen())

  useEffect(
    () => () => {
      handle.current?.stop()
      handle.current = null
      if (giveUp.current) clearTimeout(giveUp.current)
    },
    [],
  )

  if (!can) return null

  const start = () => {
    if (handle.current) return
    setPhase({ kind: 'listening', partial: '' })
    let finished = false
    let mine: ListenHandle | null = null
    const settle = () => {
      finished = true
      if (handle.current === mine) handle.current = null
      if (giveUp.current) clearTimeout(giveUp.current)
      giveUp.current = null
    }
    mine = speech.listen({
      onPartial: (partial) => setPhase((p) => (p.kind === 'listening' ? { kind: 'listening', partial } : p)),
      onText: (text) => {
        settle()
        setPhase({ kind: 'idle' })
        deliver.current(text)
      },
      onError: (message) => {
        settle()
        setPhase({ kind: 'error', message })
      },
    })
    // An adapter may answer at once (onError inside listen): then nothing is left listening.
    if (!finished) handle.current = mine
  }

  const stop = () => {
    const mine = handle.current
    if (!mine) return
    mine.stop()
    // Should the platform never answer after a stop, the button does not stay stuck on 正在听….
    if (giveUp.current) clearTimeout(giveUp.current)
    giveUp.current = setTimeout(() => {
      giveUp.current = null
      if (handle.current !== mine) return
      handle.current = null
      setPhase({ kind: 'error', message: SPEECH_MESSAGES.failed })
    }, GIVE_UP_MS)
  }

  const listening = phase.kind === 'listening'

  const onTouchStart = () => {
    touchStartedAt.current = Date.now()
    touchStarted.current = !handle.current
    if (handle.current) stop()
    else start()
  }
  const onTouchEnd = () => {
    if (touchStarted.current && Date.now() - touchStartedAt.current >= HOLD_MS) stop()
    touchStarted.current = false
  }
  const onClick = () => {
    if (Date.now() - touchStartedAt.current < SAME_TAP_MS) return
    if (handle.current) stop()
    else start()
  }

  return (
    <View className={`hl-speech hl-voice hl-voice-${name}`}>
      <View
        className={`hl-speech-button hl-voice-button hl-btn-voice${listening ? ' hl-speech-on' : ''}`}
        role='button'
        aria-label={listening ? '正在听，再点一下结束' : '语音输入：按住说话，或点一下开始说'}
        onTouchStart={onTouchStart}
        onTouchEnd={onTouchEnd}
        onTouchCancel={onTouchEnd}
        onClick={onClick}
      >
        <Text className='hl-speech-icon hl-voice-icon' aria-hidden='true'>
          {listening ? '■' : '●'}
        </Text>
        <Text className='hl-speech-label hl-voice-label'>{listening ? '说完了，点一下结束' : '按住说话'}</Text>
      </View>
      {listening ? (
        <View className='hl-voice-status hl-voice-listening' role='status' aria-live='polite'>
          <Text className='hl-voice-status-title'>正在听…</Text>
          <Text className='hl-voice-partial'>{phase.partial || '请对着手机说，说完松开或再点一下'}</Text>
        </View>
      ) : phase.kind === 'error' ? (
        <View className='hl-notice hl-notice-error hl-voice-error' role='alert'>
          <Text>{phase.message}</Text>
        </View>
      ) : (
        <Text className='hl-note hl-voice-hint'>也可以点一下开始说，再点一下结束；说的话会接在上面的文字后面。</Text>
      )}
    </View>
  )
}
