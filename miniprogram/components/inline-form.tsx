import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Choice } from './choice'
import { FormButtons } from './form-buttons'
import { FieldError } from './states'
import { TextBox } from './text-box'
import './inline-form.scss'

/**
 * A small form that opens right on the page (never a pop-up), for a reason, an answer, a comment or a
 * title: one text box, a send button and 不了. `quick` reasons are chips to tap (不在家…); the text
 * box then adds detail, or says it all when no chip fits.
 */
export function InlineForm({
  name,
  label,
  placeholder,
  submitText,
  busy,
  error,
  onSubmit,
  onCancel,
  maxLength = 200,
  minLength = 2,
  quick,
  className = '',
}: {
  name: string
  label: string
  placeholder: string
  submitText: string
  busy: boolean
  error?: string
  onSubmit: (text: string) => void
  onCancel?: () => void
  maxLength?: number
  minLength?: number
  quick?: readonly string[]
  className?: string
}) {
  const [text, setText] = useState('')
  const [chip, setChip] = useState<string | null>(null)
  const [local, setLocal] = useState<string | null>(null)
  const submit = () => {
    const t = text.trim()
    const full = chip ? (t ? `${chip}，${t}` : chip) : t
    if (full.length < minLength) {
      setLocal(quick?.length ? '请点一个原因，或写几个字' : minLength <= 1 ? '请先写几个字' : `请至少写 ${minLength} 个字`)
      return
    }
    setLocal(null)
    onSubmit(full.slice(0, maxLength))
  }
  return (
    <View className={`hl-card hl-inline-form hl-form-${name} ${className}`}>
      <Text className='hl-field-label'>{label}</Text>
      {quick?.length ? (
        <View className='hl-choices hl-quick-reasons'>
          {quick.map((q, i) => (
            <Choice
              key={q}
              className={`hl-quick-reason hl-quick-reason-${i}`}
              on={chip === q}
              label={q}
              onClick={() => {
                setChip(chip === q ? null : q)
                setLocal(null)
              }}
            />
          ))}
        </View>
      ) : null}
      {quick?.length ? <Text className='hl-note hl-quick-more'>{chip ? '还想说的（可不填）' : '或者写下原因'}</Text> : null}
      <TextBox className={`hl-input-${name}`} value={text} placeholder={placeholder} maxLength={maxLength} onChange={setText} />
      <FieldError field={name} message={local ?? error} />
      <FormButtons name={name} submitText={submitText} busy={busy} onSubmit={submit} onCancel={onCancel} />
    </View>
  )
}
