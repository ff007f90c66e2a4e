import { useEffect, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { addDays, beijingDate } from '@shared/kernel/time'
import { MECHANISM_LABELS } from '@shared/liuyou/template'
import { Chips } from '../../../components/chips'
import { Choice } from '../../../components/choice'
import { DateTimeField } from '../../../components/date-field'
import { FormButtons } from '../../../components/form-buttons'
import { InlineForm } from '../../../components/inline-form'
import { LinkRow } from '../../../components/link-row'
import { FieldError } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import '../../../components/choice.scss'
import '../../../components/field.scss'
import '../../../components/photo-grid.scss'
import '../../../components/photo-picker.scss'
import { day, when } from '../../../lib/time-words'
import type { CheckView, EvidenceView, ItemView, MechanismKey, OwnerOption, TaskView, Verdict } from '../../../services/liuyou'

/** Why an item is among the gaps, in the community's words. */
export function gapReason(item: ItemView): string {
  if (item.review === 'returned') return `街道退回修改${item.reviewComment ? `：${item.reviewComment}` : ''}`
  if (item.review === 'failed') return `街道评为不达标${item.reviewComment ? `：${item.reviewComment}` : ''}`
  if (!item.answered) return item.auto ? '系统还没有统计到' : '还没有填写'
  if (item.lacksEvidence) return '缺少佐证，此项不得分'
  if (item.score < 1) return `只得了 ${Math.round(item.score * 100)}% 的分`
  return '待完善'
}

/** The community's gaps first: returned items with the street's comment at the top (the server's order). */
export function GapsCard({ check, onOpen }: { check: CheckView; onOpen: (item: ItemView) => void }) {
  const [all, setAll] = useState(false)
  const items = check.gaps.map((id) => check.items.find((i) => i.id === id)).filter((i): i is ItemView => Boolean(i))
  if (items.length === 0) return null
  const shown = all ? items : items.slice(0, 4)
  return (
    <View className='hl-card hy-gaps hl-liuyou-gaps'>
      <Text className='hl-section-title'>{`先看这些（${items.length} 项）`}</Text>
      {shown.map((item) => (
        <View key={item.id} className={`hy-gap hy-gap-${item.review} hl-gap hl-gap-${item.id.replace('.', '-')}`} role='button' onClick={() => onOpen(item)}>
          <View className='hl-link-row-words'>
            <Text className='hy-gap-title'>{item.title}</Text>
            <Text className='hl-note'>{`${MECHANISM_LABELS[item.mechanism]} · ${gapReason(item)}`}</Text>
          </View>
          <Text className='hl-link-row-arrow' aria-hidden='true'>
            ›
          </Text>
        </View>
      ))}
      {items.length > shown.length ? (
        <Button className='hl-btn hl-btn-block hl-btn-all-gaps' onClick={() => setAll(true)}>
          {`还有 ${items.length - shown.length} 项，全部显示`}
        </Button>
      ) : null}
    </View>
  )
}

/** The six mechanisms as big buttons: each with its score and how much of it is answered (or reviewed). */
export function MechanismSteps({ check, value, reviewing, onChange }: { check: CheckView; value: MechanismKey; reviewing: boolean; onChange: (k: MechanismKey) => void }) {
  return (
    <View className='hy-steps hl-mechanism-steps' role='tablist' aria-label='六个方面'>
      {check.mechanisms.map((m, i) => {
        const mine = check.items.filter((it) => it.mechanism === m.key)
        const pending = mine.filter((it) => it.review === 'pending').length
        const on = m.key === value
        return (
          <View
            key={m.key}
            className={`hl-choice hy-step hl-mechanism hl-mechanism-${m.key}${on ? ' hl-choice-on hl-mechanism-on' : ''}`}
            role='tab'
            aria-selected={on}
            onClick={() => onChange(m.key)}
          >
            <Text className='hl-choice-label'>{`${on ? '● ' : ''}${i + 1}. ${m.label}`}</Text>
            <Text className='hl-choice-note'>
              {reviewing ? (pending ? `待审 ${pending} 项` : '✓ 已审完') : `${m.answered}/${m.total} 项${m.score === null ? '' : ` · ${m.score} 分`}`}
            </Text>
          </View>
        )
      })}
    </View>
  )
}

/** The review chip of an item: a mark and words as well as a colour. */
function ReviewChip({ item }: { item: ItemView }) {
  if (item.review === 'pending') return null
  const mark = item.review === 'approved' ? '✓' : item.review === 'returned' ? '↩' : '✕'
  return <Text className={`hl-chip hy-chip-review hy-chip-review-${item.review} hl-review-${item.review}`}>{`${mark} ${item.reviewLabel}`}</Text>
}

export interface ItemHandlers {
  onAnswer: (answer: boolean | null) => void
  onCount: (value: number | null) => void
  onPhoto: () => void
  onNote: () => void
  onRemove: (e: EvidenceView) => void
  onRecords: () => void
  onVerdict: (v: Verdict) => void
  onTask: () => void
}

/** One item: its answer, its evidence, the street's verdict, and what the caller may do with it. */
export function ItemCard({
  item,
  check,
  editable,
  reviewing,
  mayTask,
  task,
  busy,
  error,
  children,
  on,
}: {
  item: ItemView
  check: CheckView
  editable: boolean
  reviewing: boolean
  mayTask: boolean
  task: TaskView | undefined
  busy: string | null
  error?: string
  children?: ReactNode
  on: ItemHandlers
}) {
  const saved = item.value === null ? '' : String(item.value)
  const [count, setCount] = useState(saved)
  const [countError, setCountError] = useState<string | null>(null)
  // The field shows the saved figure again whenever the server's changes (a save, a refresh), in place:
  // the card stays mounted, so focus and the buttons under it are not swapped out mid-tap.
  useEffect(() => setCount(saved), [saved])
  const key = item.id.replace('.', '-')
  const waiting = busy !== null
  const saveCount = () => {
    const t = count.trim()
    if (t === '') return on.onCount(null)
    const n = Number(t)
    if (!Number.isFinite(n) || n < 0) {
      setCountError('请填一个不小于 0 的数')
      return
    }
    setCountError(null)
    on.onCount(n)
  }
  const photos = item.evidence.filter((e) => e.kind === 'photo' && e.url)
  const others = item.evidence.filter((e) => !(e.kind === 'photo' && e.url))
  return (
    <View className={`hl-card hy-item hl-item hl-item-${key} hy-item-${item.review}`}>
      <View className='hy-item-head'>
        <Text className='hy-item-title hl-item-title'>{item.title}</Text>
        <ReviewChip item={item} />
      </View>
      {item.hint ? <Text className='hl-note'>{item.hint}</Text> : null}
      <Chips>
        <Text className='hl-chip hy-chip-plain'>{`权重 ${item.weight}`}</Text>
        {item.evidenceRequired ? <Text className='hl-chip hy-chip-plain'>须附佐证</Text> : null}
        {item.auto ? <Text className='hl-chip hy-chip-auto hl-chip-auto'>系统统计</Text> : null}
        {item.answered ? <Text className='hl-chip hy-chip-plain hl-item-score'>{`得分 ${Math.round(item.score * 100)}%`}</Text> : null}
      </Chips>

      {item.reviewComment && item.review !== 'approved' ? (
        <View className={`hl-notice ${item.review === 'failed' ? 'hl-notice-error' : ''} hy-review-comment hl-review-comment`}>
          <Text>{`街道意见：${item.reviewComment}`}</Text>
        </View>
      ) : null}

      {/* The answer */}
      {item.auto ? (
        <View className='hy-auto hl-auto'>
          <Text className='hy-figure hl-auto-value'>{item.value === null ? '—' : `${item.value}`}</Text>
          <Text className='hy-figure-unit'>{item.unit}</Text>
          <Text className='hl-note'>{`系统统计：${item.autoLabel ?? item.title}${item.target ? `，目标 ${item.target} ${item.unit}` : ''}`}</Text>
          <Text className='hl-note'>{check.frozenAt ? `提交时已锁定（${when(check.frozenAt)}）` : item.autoAt ? `统计于 ${when(item.autoAt)}，提交时锁定` : '还没有统计'}</Text>
          <LinkRow className='hl-btn-records' text='查看记录' note='这个数字是由哪些记录算出来的' onClick={on.onRecords} />
        </View>
      ) : item.kind === 'yesno' && !editable ? (
        <Text className='hy-answer hl-answer-value'>{item.answer === null ? '回答：未填' : `回答：${item.answer ? '✓ 有' : '✕ 无'}`}</Text>
      ) : item.kind === 'yesno' ? (
        <View className='hy-yesno' role='radiogroup' aria-label={item.title}>
          {([true, false] as const).map((v) => {
            const chosen = item.answer === v
            return (
              <View
                key={String(v)}
                className={`hy-yesno-btn hl-answer-${v ? 'yes' : 'no'}${chosen ? ' hy-yesno-on hl-answer-on' : ''}`}
                role='radio'
                aria-checked={chosen}
                aria-disabled={waiting}
                onClick={() => (waiting ? undefined : on.onAnswer(chosen ? null : v))}
              >
                <Text>{`${chosen ? '✓ ' : ''}${v ? '有' : '无'}`}</Text>
              </View>
            )
          })}
        </View>
      ) : item.kind === 'count' ? (
        <View className={`hl-field hl-field-count-${key}`}>
          <Text className='hl-field-label'>{item.target ? `数量（目标 ${item.target} ${item.unit}）` : `数量${item.unit ? `（${item.unit}）` : ''}`}</Text>
          {editable ? (
            <View className='hy-count-row'>
              <Input
                className={`hl-input hl-field-input hy-count-input hl-input-count`}
                type='digit'
                value={count}
                placeholder='填数字'
                maxlength={8}
                onInput={(e) => setCount(e.detail.value)}
              />
              <Text className='hy-count-unit'>{item.unit}</Text>
              <Button className='hl-btn hl-btn-save-count' type='primary' loading={busy === `count-${item.id}`} disabled={waiting} onClick={saveCount}>
                保存
              </Button>
            </View>
          ) : (
            <Text className='hy-figure hl-count-value'>{item.value === null ? '未填' : `${item.value} ${item.unit}`}</Text>
          )}
          <FieldError field={`count-${key}`} message={countError ?? undefined} />
        </View>
      ) : (
        <View className='hy-evidence-only'>
          <Text className='hl-note'>本项以佐证材料为准：上传照片或写一段说明。</Text>
          {editable && item.evidence.length === 0 ? (
            <Choice
              className='hl-answer-none'
              on={item.answer === false}
              label='本期没有这项材料'
              onClick={() => (waiting ? undefined : on.onAnswer(item.answer === false ? null : false))}
            />
          ) : null}
        </View>
      )}

      {/* Evidence */}
      {item.lacksEvidence ? (
        <View className='hl-notice hl-notice-error hy-lacks hl-lacks-evidence' role='alert'>
          <Text>⚠ 缺少佐证，此项不得分</Text>
        </View>
      ) : null}
      {item.evidence.length || editable ? (
        <View className='hy-evidence hl-evidence'>
          <Text className='hl-field-label'>{`佐证材料（${item.evidence.length} 份）`}</Text>
          {photos.length ? (
            <View className='hl-photo-row'>
              {photos.map((p) => (
                <View key={p.id} className='hl-thumb hl-evidence-photo'>
                  <Image
                    className='hl-photo-thumb'
                    src={p.url!}
                    mode='aspectFill'
                    onClick={() => void Taro.previewImage({ urls: photos.map((x) => x.url!), current: p.url! }).catch(() => undefined)}
                  />
                  {editable ? (
                    <View className='hl-thumb-remove hl-btn-remove-evidence' role='button' aria-label='删除这张照片' onClick={() => (waiting ? undefined : on.onRemove(p))}>
                      <Text>删除</Text>
                    </View>
                  ) : null}
                </View>
              ))}
            </View>
          ) : null}
          {others.map((e) => (
            <View key={e.id} className={`hy-note-row hl-evidence-${e.kind}`}>
              <View className='hl-link-row-words'>
                <Text className='hl-text hy-note-text'>{e.kind === 'note' ? e.text : `📄 ${e.name || '文件'}${e.text ? `：${e.text}` : ''}`}</Text>
                <Text className='hl-note'>{`${e.byName} · ${when(e.at)}`}</Text>
              </View>
              {editable ? (
                <Button className='hl-btn hy-remove hl-btn-remove-evidence' disabled={waiting} onClick={() => on.onRemove(e)}>
                  删除
                </Button>
              ) : null}
            </View>
          ))}
          {editable ? (
            <View className='hy-buttons'>
              <Button className='hl-btn hl-btn-add-evidence-photo' loading={busy === `photo-${item.id}`} disabled={waiting} onClick={on.onPhoto}>
                拍照或选照片
              </Button>
              <Button className='hl-btn hl-btn-add-evidence-note' disabled={waiting} onClick={on.onNote}>
                写一段说明
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {error ? <Text className='hl-notice hl-notice-error hl-item-error'>{error}</Text> : null}

      {/* The street's verdict */}
      {reviewing ? (
        <View className='hy-verdicts hl-verdicts'>
          <Text className='hl-field-label'>审核</Text>
          <View className='hy-buttons'>
            <Button
              className='hl-btn hl-btn-approve'
              type={item.review === 'approved' ? 'primary' : 'default'}
              loading={busy === `review-${item.id}`}
              disabled={waiting}
              onClick={() => on.onVerdict('approved')}
            >
              {item.review === 'approved' ? '✓ 通过' : '通过'}
            </Button>
            <Button className='hl-btn hl-btn-return-item' disabled={waiting} onClick={() => on.onVerdict('returned')}>
              {item.review === 'returned' ? '✓ 退回修改' : '退回修改'}
            </Button>
            <Button className='hl-btn hl-btn-fail-item' disabled={waiting} onClick={() => on.onVerdict('failed')}>
              {item.review === 'failed' ? '✓ 不达标' : '不达标'}
            </Button>
          </View>
        </View>
      ) : null}

      {task ? (
        <View className={`hy-task-line hl-item-task${task.overdue ? ' hy-task-overdue' : ''}`}>
          <Text className='hl-text'>{`整改任务：${task.ownerName}，截止 ${day(task.dueDate)} · ${task.stateLabel}${task.overdue ? ' · ⚠ 已逾期' : ''}`}</Text>
        </View>
      ) : mayTask && (item.review === 'returned' || item.review === 'failed') && item.taskId === null ? (
        <Button className='hl-btn hl-btn-block hl-btn-create-task' disabled={waiting} onClick={on.onTask}>
          建整改任务
        </Button>
      ) : null}

      {children}
    </View>
  )
}

/** A verdict that needs words (退回修改, 不达标): the comment goes to the community. */
export function VerdictForm({
  verdict,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  verdict: 'returned' | 'failed'
  busy: boolean
  error?: string
  onSubmit: (t: string) => void
  onCancel: () => void
}) {
  return (
    <InlineForm
      name={verdict === 'returned' ? 'return-item' : 'fail-item'}
      label={verdict === 'returned' ? '退回的原因（社区会看到，照着修改）' : '不达标的原因（社区会看到）'}
      placeholder={verdict === 'returned' ? '例如：照片看不清台账内容，请补拍' : '例如：本季度没有召开议事会'}
      submitText={verdict === 'returned' ? '退回修改' : '评为不达标'}
      quick={verdict === 'returned' ? ['照片看不清', '缺少佐证材料', '数字与台账不符'] : undefined}
      busy={busy}
      error={error}
      minLength={2}
      maxLength={200}
      onSubmit={onSubmit}
      onCancel={onCancel}
    />
  )
}

/** A 整改任务 for a returned or failed item: who (the community's admin or a grid leader), by when, what. */
export function TaskForm({
  owners,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  owners: readonly OwnerOption[]
  busy: boolean
  error?: string
  onSubmit: (t: { ownerId: string; dueDate: string; note: string }) => void
  onCancel: () => void
}) {
  const [today] = useState(() => beijingDate(Date.now()))
  const [ownerId, setOwnerId] = useState(owners[0]?.userId ?? '')
  const [dueDate, setDueDate] = useState(() => addDays(today, 14))
  const [note, setNote] = useState('')
  const [local, setLocal] = useState<{ owner?: string; due?: string }>({})
  const submit = () => {
    const e: { owner?: string; due?: string } = {}
    if (!ownerId) e.owner = '请选一位责任人'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) e.due = '请选择完成期限'
    else if (dueDate < today) e.due = '完成期限不能早于今天'
    setLocal(e)
    if (Object.keys(e).length) return
    onSubmit({ ownerId, dueDate, note: note.trim() })
  }
  return (
    <View className='hl-card hl-inline-form hl-form-task'>
      <Text className='hl-field-label'>责任人</Text>
      {owners.length === 0 ? <Text className='hl-note'>这个社区还没有社区书记或网格长可以指派</Text> : null}
      <View className='hl-choices hy-choices'>
        {owners.map((o) => (
          <Choice key={o.userId} className='hl-owner-choice' on={ownerId === o.userId} label={o.name} note={o.roleLabel} onClick={() => setOwnerId(o.userId)} />
        ))}
      </View>
      <FieldError field='owner' message={local.owner} />
      <DateTimeField label='完成期限' name='task-due' value={dueDate} start={today} onChange={setDueDate} error={local.due} />
      <Text className='hl-field-label'>要求（可不填）</Text>
      <TextBox className='hl-input-task-note' value={note} placeholder='例如：补齐居民公约的表决记录' maxLength={200} onChange={setNote} />
      <FieldError field='task' message={error} />
      <FormButtons name='task' submitText='建立整改任务' busy={busy} onSubmit={submit} onCancel={onCancel} />
    </View>
  )
}

/** A 整改任务 as a row: what, who, by when, and 完成整改 for its owner. */
export function TaskRow({ task, busy, onFinish, children, showCheck }: { task: TaskView; busy: boolean; onFinish?: () => void; children?: ReactNode; showCheck?: () => void }) {
  return (
    <View className={`hy-task hl-task hl-task-${task.state}${task.overdue ? ' hy-task-overdue hl-task-overdue' : ''}`}>
      <View className='hy-item-head'>
        <Text className='hy-item-title'>{task.itemTitle}</Text>
        <Text className={`hl-chip hy-chip-task-${task.state}`}>{`${task.state === 'done' ? '✓' : '▶'} ${task.stateLabel}`}</Text>
      </View>
      <Chips>
        {task.overdue ? <Text className='hl-chip hy-chip-overdue hl-task-overdue-chip'>⚠ 已逾期</Text> : null}
        <Text className='hl-chip hy-chip-plain'>{task.mechanismLabel}</Text>
      </Chips>
      <Text className='hl-note'>{`${task.communityName} · ${task.periodLabel}`}</Text>
      <Text className='hl-text'>{`责任人 ${task.ownerName}，截止 ${day(task.dueDate)}`}</Text>
      {task.note ? <Text className='hl-note'>{`要求：${task.note}`}</Text> : null}
      {task.doneAt ? <Text className='hl-note'>{`${when(task.doneAt)} 完成：${task.doneNote}`}</Text> : null}
      {showCheck ? <LinkRow className='hl-btn-open-check' text='打开这次自查' onClick={showCheck} /> : null}
      {onFinish && task.allowedActions.includes('finishTask') ? (
        <Button className='hl-btn hl-btn-block hl-btn-finish-task' type='primary' disabled={busy} onClick={onFinish}>
          完成整改
        </Button>
      ) : null}
      {children}
    </View>
  )
}

/** A step that cannot be undone, confirmed right on the page (no pop-up). */
export function ConfirmCard({
  name,
  text,
  submitText,
  busy,
  onConfirm,
  onCancel,
}: {
  name: string
  text: string
  submitText: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <View className={`hl-card hl-inline-form hy-confirm hl-form-${name}`}>
      <Text className='hl-text'>{text}</Text>
      <FormButtons name={name} submitText={submitText} busy={busy} onSubmit={onConfirm} onCancel={onCancel} />
    </View>
  )
}
