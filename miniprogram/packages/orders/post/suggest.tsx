import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { CATEGORY_ICONS, URGENCY_LABELS, type Category } from '@shared/orders/categories'
import { orders, type Suggestion } from '../../../services/orders'

/** How long the words must rest before they are read: typing and speaking come in bursts. */
const DEBOUNCE_MS = 450
/** Fewer characters say too little (but "着火了" is three: emergencies are read from two). */
const MIN_CHARS = 2

/**
 * 说出来就懂: what the function's model reads in the description, as the resident types or speaks.
 * Only the answer to the latest words is kept; a lost answer leaves the form as it was (the resident
 * can always choose by hand).
 */
export function useSuggestion(text: string): Suggestion | null {
  const [answer, setAnswer] = useState<Suggestion | null>(null)
  useEffect(() => {
    const words = text.trim()
    if (words.length < MIN_CHARS) return
    // Words changed again before the answer came: that answer is for old words and is dropped.
    let current = true
    const timer = setTimeout(() => {
      void orders.suggest(words).then((res) => {
        if (current && res.ok) setAnswer(res.data)
      })
    }, DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [text])
  return text.trim().length >= MIN_CHARS ? answer : null
}

/**
 * Under the description: the category the words suggest (already chosen for the resident unless they
 * chose by hand) and the runner-up, one tap to take it instead.
 */
export function SuggestionNote({ suggestion, chosen, byHand, onPick }: { suggestion: Suggestion | null; chosen: Category | null; byHand: boolean; onPick: (c: Category) => void }) {
  if (!suggestion?.confident || suggestion.emergency) return null
  const [first, second] = suggestion.suggestions
  if (!first) return null
  const other = [first, second].find((s) => s && s.category !== chosen && s.score >= 0.1)
  return (
    <View className='hl-suggest-note ho-suggest' role='status'>
      {chosen === first.category && !byHand ? (
        <Text className='hl-text ho-suggest-text'>{`听您说的，像是「${first.category}」${suggestion.urgency === 'urgent' ? `，${URGENCY_LABELS.urgent}` : ''}，已帮您选好，不对可以改。`}</Text>
      ) : (
        <Text className='hl-text ho-suggest-text'>{`听您说的，像是「${first.category}」。`}</Text>
      )}
      {other ? (
        <View className='hl-chip hl-chip-plain ho-suggest-other hl-suggest-other' role='button' onClick={() => onPick(other.category)}>
          <Text>{`${CATEGORY_ICONS[other.category]} 改成「${other.category}」`}</Text>
        </View>
      ) : null}
    </View>
  )
}
