import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { MANUAL_CAP_HOURS } from '@shared/service/record'
import { FieldError } from '../../../components/states'
import { useFieldErrors, type FieldErrors } from '../../../lib/field-errors'
import { service, type RecordEntry } from '../../../services/service'
import { addDays, beijingToday, dateText, num } from '../common/format'
import { Choice } from '../common/ui'

type Field = 'date' | 'hours' | 'description'
const FIELDS: readonly Field[] = ['date', 'hours', 'description']

const MIN = 0.5
const MAX = 8

/** 填报时长: a date, hours in half-hour steps (a stepper, no keyboard) and what was done. */
export function HoursForm({ onDone, onCancel }: { onDone: (entry: RecordEntry) => void; onCancel: () => void }) {
  const today = beijingToday()
  const quick = [
    { key: 'today', label: '今天', date: today },
    { key: 'yesterday', label: '昨天', date: addDays(today, -1) },
    { key: 'before', label: '前天', date: addDays(today, -2) },
  ]
  const [date, setDate] = useState(today)
  const [other, setOther] = useState(false)
  const [hours, setHours] = useState(1)
  const [description, setDescription] = useState('')
  const fieldErrors = useFieldErrors(FIELDS)
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const check = (): FieldErrors<Field> => {
    const e: FieldErrors<Field> = {}
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(`${date}T00:00:00Z`))) e.date = '日期请写成 2026-11-23 这样'
    else if (date > today) e.date = '不能填报今天以后的服务'
    if (hours < MIN || hours > MAX) e.hours = `每次 ${MIN}–${MAX} 小时`
    if (description.trim().length < 4) e.description = '请写清做了什么（至少 4 个字）'
    return e
  }

  const submit = async () => {
    setFormError(null)
    const local = check()
    fieldErrors.set(local)
    if (Object.keys(local).length) return
    setBusy(true)
    const answer = await service.submitHours({ date, hours, description: description.trim() })
    setBusy(false)
    if (answer.ok) {
      onDone(answer.data.entry)
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
  }

  return (
    <View className='hl-card hv-form hl-form-hours'>
      <Text className='hl-title'>填报服务时长</Text>
      <Text className='hl-note'>{`没有通过接单或站点签到记下的服务，可以在这里补报。社区审核通过后才计入，每月最多 ${MANUAL_CAP_HOURS} 小时。`}</Text>

      <View className='hl-field hl-field-date'>
        <Text className='hl-field-label'>哪一天</Text>
        <View className='hv-choices'>
          {quick.map((q) => (
            <Choice
              key={q.key}
              className={`hl-date-choice hl-date-${q.key}`}
              on={!other && date === q.date}
              label={q.label}
              note={dateText(q.date)}
              onClick={() => {
                setOther(false)
                setDate(q.date)
              }}
            />
          ))}
          <Choice className='hl-date-choice hl-date-other' on={other} label='更早' onClick={() => setOther(true)} />
        </View>
        {other ? <Input className='hl-input hl-input-hours-date' value={date} placeholder='2026-11-23' maxLength={10} onChange={setDate} /> : null}
        <FieldError field='date' message={errors.date} />
      </View>

      <View className='hl-field hl-field-hours'>
        <Text className='hl-field-label'>服务了多久</Text>
        <View className='hv-stepper'>
          <Button className='hl-btn hl-hours-minus' disabled={hours <= MIN} aria-label='减少半小时' onClick={() => setHours(Math.max(MIN, hours - 0.5))}>
            − 半小时
          </Button>
          <Text className='hv-stepper-value hl-hours-value'>{`${num(hours)} 小时`}</Text>
          <Button className='hl-btn hl-hours-plus' disabled={hours >= MAX} aria-label='增加半小时' onClick={() => setHours(Math.min(MAX, hours + 0.5))}>
            ＋ 半小时
          </Button>
        </View>
        <FieldError field='hours' message={errors.hours} />
      </View>

      <View className='hl-field hl-field-hours-description'>
        <Text className='hl-field-label'>做了什么</Text>
        <Textarea
          className='hl-textarea hl-input-hours-description'
          value={description}
          placeholder='例如：周末和邻居一起清理 3 号楼楼道杂物'
          maxlength={200}
          autoHeight
          onInput={(e) => setDescription(e.detail.value)}
        />
        <Text className='hl-note'>{`${description.length} / 200`}</Text>
        <FieldError field='description' message={errors.description} />
      </View>

      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      <View className='hv-form-buttons'>
        <Button className='hl-btn hl-btn-submit-hours-form' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          提交审核
        </Button>
        <Button className='hl-btn hl-btn-cancel-hours' disabled={busy} onClick={onCancel}>
          不填了
        </Button>
      </View>
    </View>
  )
}
