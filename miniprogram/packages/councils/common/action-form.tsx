import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { addDays, beijingDate } from '@shared/kernel/time'
import { CATEGORIES, type Category } from '@shared/orders/categories'
import { Choice } from '../../../components/choice'
import { DateTimeField } from '../../../components/date-field'
import { Field } from '../../../components/field'
import { FormButtons } from '../../../components/form-buttons'
import '../../../components/inline-form.scss'
import { useFieldErrors } from '../../../lib/field-errors'
import type { ClientError } from '../../../services/call'
import type { NewActionItem } from '../../../services/councils'

type ActionField = 'text' | 'ownerName' | 'deadline' | 'budget' | 'category'
const ACTION_FIELDS: readonly ActionField[] = ['text', 'ownerName', 'deadline', 'budget', 'category']

/** A new action item: what, who, by when, how much (元). */
export function ActionItemForm({
  name,
  busy,
  submitText,
  onSubmit,
  onCancel,
  serverError,
}: {
  name: string
  busy: boolean
  submitText: string
  onSubmit: (a: NewActionItem) => void
  onCancel?: () => void
  serverError?: ClientError | null
}) {
  const [text, setText] = useState('')
  const [ownerName, setOwnerName] = useState('')
  const [deadline, setDeadline] = useState(() => addDays(beijingDate(Date.now()), 14))
  const [budget, setBudget] = useState('0')
  const [category, setCategory] = useState<Category>('公共设施')
  const errors = useFieldErrors(ACTION_FIELDS, { paths: { 'action.text': 'text', 'action.ownerName': 'ownerName', 'action.deadline': 'deadline', 'action.budget': 'budget' } })
  useEffect(() => {
    if (serverError) errors.fromServer(serverError)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shows each new server error once
  }, [serverError])
  const submit = () => {
    const local: Partial<Record<ActionField, string>> = {}
    if (text.trim().length < 4) local.text = '行动内容至少 4 个字'
    if (!ownerName.trim()) local.ownerName = '请填写负责人'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) local.deadline = '请选择完成期限'
    const money = Number(budget || '0')
    if (!Number.isInteger(money) || money < 0) local.budget = '预算请填整数（元）'
    errors.set(local)
    if (Object.keys(local).length) return
    onSubmit({ text: text.trim(), ownerName: ownerName.trim(), deadline, budget: money, category })
  }
  return (
    <View className={`hl-card hl-inline-form hl-form-${name} hc-no-print`}>
      <Field label='行动内容' name='action-text' value={text} maxLength={100} placeholder='例如：更换 3 号楼前路灯' error={errors.errors.text} onChange={setText} />
      <Field label='负责人' name='action-owner' value={ownerName} maxLength={20} placeholder='姓名或单位' error={errors.errors.ownerName} onChange={setOwnerName} />
      <DateTimeField mode='date' label='完成期限' name='action-deadline' value={deadline} onChange={setDeadline} error={errors.errors.deadline} />
      <Field label='预算（元，没有填 0）' name='action-budget' type='number' value={budget} maxLength={8} error={errors.errors.budget} onChange={setBudget} />
      <Text className='hl-field-label'>派发工单时的类别</Text>
      <View className='hl-choices hc-choices'>
        {CATEGORIES.filter((c) => c !== '邻里纠纷').map((c) => (
          <Choice key={c} className='hl-action-category' on={category === c} label={c} onClick={() => setCategory(c)} />
        ))}
      </View>
      <FormButtons name={name} submitText={submitText} busy={busy} onSubmit={submit} onCancel={onCancel} />
    </View>
  )
}
