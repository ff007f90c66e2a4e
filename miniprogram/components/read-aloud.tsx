import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useElder } from '../lib/elder'
import { speech } from '../lib/speech'
import './speech-button.scss'

/**
 * 朗读 (长辈版 only): reads a short text aloud — an order's state and next step, an offer. The text is
 * taken at the press, so a countdown in it is the one on screen now. Pressing again (停止) stops it;
 * leaving the page stops it too. Hidden where the platform cannot speak.
 */
export function ReadAloud({ text, name }: { text: string | (() => string); name: string }) {
  const elder = useElder()
  const [can] = useState(() => speech.canSpeak())
  const [speaking, setSpeaking] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(
    () => () => {
      speech.stopSpeaking()
    },
    [],
  )

  if (!elder.on || !can) return null

  const press = (e?: { stopPropagation?: () => void }) => {
    // Inside a tappable card (the home page's offers): 朗读 does not open the card.
    e?.stopPropagation?.()
    setProblem(null)
    if (speaking) {
      speech.stopSpeaking()
      setSpeaking(false)
      return
    }
    const said = typeof text === 'function' ? text() : text
    setSpeaking(true)
    speech.speak(said, {
      onEnd: () => setSpeaking(false),
      onError: (message) => {
        setSpeaking(false)
        setProblem(message)
      },
    })
  }

  return (
    <View className={`hl-speech hl-read-aloud hl-read-aloud-${name}`}>
      <View className={`hl-speech-button hl-btn-read-aloud${speaking ? ' hl-speech-on' : ''}`} role='button' aria-label={speaking ? '停止朗读' : '朗读'} onClick={press}>
        <Text className='hl-speech-icon' aria-hidden='true'>
          {speaking ? '■' : '▶'}
        </Text>
        <Text className='hl-speech-label'>{speaking ? '停止' : '朗读'}</Text>
      </View>
      {problem ? (
        <View className='hl-notice hl-notice-error hl-read-aloud-error' role='alert'>
          <Text>{problem}</Text>
        </View>
      ) : null}
    </View>
  )
}
