import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { MAX_SURVEY_COMMENT, SCORE_WORDS, type SurveyKey } from '@shared/compounds/survey'
import { beijingDate, dateText } from '@shared/kernel/time'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import { useFieldErrors } from '../../../lib/field-errors'
import { go, ROUTES } from '../../../lib/nav'
import { toTop } from '../../../lib/scroll'
import type { ClientError } from '../../../services/call'
import { compounds, type AnswerSurveyInput, type CompoundSurvey } from '../../../services/compounds'
import './survey.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; view: CompoundSurvey }
type Field = SurveyKey | 'comment'
type Scores = Partial<Record<SurveyKey, number>>

const FIELDS: readonly Field[] = ['overall', 'repair', 'clean', 'safety', 'fees', 'comment']
/** The server names a score `payload.scores.repair`: it goes under that question. */
const PATHS: Readonly<Record<string, Field>> = { 'scores.overall': 'overall', 'scores.repair': 'repair', 'scores.clean': 'clean', 'scores.safety': 'safety', 'scores.fees': 'fees' }
const UNANSWERED = '这一题还没有选，请选一个满意程度'

/** `2026-11-23T…` → `11月23日` (Beijing). */
const dayText = (at: string) => dateText(beijingDate(at), false)

/** 物业服务 → 物业服务评价; 小区党支部（自治会）的服务 → 小区党支部（自治会）服务评价. */
const titleOf = (serviceName: string) => `${serviceName.replace(/的服务$/, '服务')}评价`

/** A face drawn with Views (no emoji font needed): frowning at 1–2, straight at 3, smiling at 4–5. */
function Face({ score }: { score: number }) {
  const mood = score <= 2 ? 'sad' : score === 3 ? 'flat' : 'happy'
  return (
    <View className={`cs-face cs-face-${mood} cs-face-${score}`} aria-hidden='true'>
      <View className='cs-eye cs-eye-left' />
      <View className='cs-eye cs-eye-right' />
      <View className='cs-mouth' />
    </View>
  )
}

/** One question: its words and five big choices, each a face and its word. */
function Question({
  index,
  title,
  field,
  value,
  error,
  disabled,
  onChoose,
}: {
  index: number
  title: string
  field: SurveyKey
  value: number | undefined
  error: string | undefined
  disabled: boolean
  onChoose: (score: number) => void
}) {
  return (
    <View className={`hl-card hl-field cs-question hl-survey-question hl-field-${field}${error ? ' cs-question-error' : ''}`}>
      <Text className='hl-field-label cs-question-title'>{`${index}. ${title}`}</Text>
      <View className='cs-scores' role='radiogroup' aria-label={title}>
        {SCORE_WORDS.map((word, i) => {
          const score = i + 1
          const on = value === score
          return (
            <View
              key={score}
              className={`cs-score hl-survey-score hl-survey-${field}-${score}${on ? ' cs-score-on' : ''}${disabled ? ' cs-score-off' : ''}`}
              role='radio'
              aria-checked={on}
              aria-disabled={disabled}
              aria-label={`${score} 分 ${word}`}
              onClick={() => (disabled ? undefined : onChoose(score))}
            >
              <Face score={score} />
              {on ? (
                <Text className='cs-score-check' aria-hidden='true'>
                  ✓
                </Text>
              ) : null}
              <Text className='cs-score-word'>{word}</Text>
            </View>
          )
        })}
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

/**
 * 物业服务评价: once a quarter a resident rates the service of their compound's desk (the property
 * company of a 1+3 compound, the unit's logistics of a 1+2, the party branch of a 1+1) — every
 * question five big faces with their words, a few words of their own if they like. Answering again
 * in the quarter replaces the answer. The desk's own staff read the questions and are told why they
 * do not answer. Nobody's answer is shown to anyone else: the review shows counts from three on.
 */
export default function CompoundSurveyPage() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [scores, setScores] = useState<Scores>({})
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [thanked, setThanked] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const fieldErrors = useFieldErrors<Field>(FIELDS, { paths: PATHS })
  const { errors } = fieldErrors

  const show = (view: CompoundSurvey) => {
    setLoad({ status: 'ready', view })
    setScores(view.mine ? { ...view.mine.scores } : {})
    setComment(view.mine?.comment ?? '')
  }
  const fetchSurvey = async () => {
    setLoad({ status: 'loading' })
    const answer = await compounds.survey()
    if (answer.ok) show(answer.data)
    else setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchSurvey()
  }, [])

  const choose = (key: SurveyKey, score: number) => {
    setScores((s) => ({ ...s, [key]: score }))
    setThanked(false)
    fieldErrors.clear([key])
  }

  const submit = async (view: CompoundSurvey) => {
    if (!view.compound) return
    setFormError(null)
    setThanked(false)
    const missing = view.questions.filter((q) => !scores[q.key]).map((q) => q.key)
    if (missing.length) {
      fieldErrors.set(Object.fromEntries(missing.map((k) => [k, UNANSWERED])))
      setFormError(`还有 ${missing.length} 题没有选，请看标红的题目`)
      return
    }
    fieldErrors.set({})
    setBusy(true)
    // Only the questions this compound asks (a 1+1 compound is not asked about fees).
    const asked: AnswerSurveyInput['scores'] = { overall: scores.overall! }
    for (const q of view.questions) {
      const score = scores[q.key]
      if (score !== undefined) asked[q.key] = score
    }
    const text = comment.trim()
    const answer = await compounds.answerSurvey({ compoundId: view.compound.id, scores: asked, ...(text ? { comment: text } : {}) })
    setBusy(false)
    if (answer.ok) {
      show(answer.data)
      setThanked(true)
      toTop()
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
  }

  const body = () => {
    if (load.status === 'loading') return <Loading />
    if (load.status === 'error') return <ErrorView error={load.error} onRetry={() => void fetchSurvey()} />
    const { view } = load
    if (!view.compound)
      return (
        <>
          <Empty text='您登记的住址不在已登记的小区，暂时不能评价' hint='住址填错了，可以在“我的”里改；小区由社区登记。' />
          <View className='hl-card'>
            <LinkRow className='hl-btn-survey-edit-home' text='修改我的住址' note='我的 › 修改资料' onClick={() => go(ROUTES.profileEdit)} />
          </View>
        </>
      )
    const c = view.compound
    const canAnswer = view.allowedActions.includes('answer')
    return (
      <>
        <View className='cs-head'>
          {/* The desk's name wraps as a whole, not a character at a time. */}
          <View className='cs-desk hl-survey-desk'>
            <Text className='hl-text cs-desk-part'>{`${c.name} ·`}</Text>
            <Text className='hl-text cs-desk-part'>{c.deskName}</Text>
          </View>
          <Text className='cs-quarter hl-survey-quarter'>{view.quarterLabel}</Text>
          <Text className='hl-note'>每季度一次，每人一份。不记名：社区和业委会只看大家合起来的结果。</Text>
        </View>
        {thanked ? <Text className='hl-notice hl-notice-ok hl-survey-thanks'>感谢您的评价，社区和业委会每季度会看大家的意见。</Text> : null}
        {view.notice ? <Text className='hl-notice hl-survey-notice'>{`${view.notice}下面是居民本季度回答的题目，这里不能选。`}</Text> : null}
        {view.mine && canAnswer && !thanked ? <Text className='hl-notice hl-notice-ok hl-survey-mine'>{`您本季度已评价（${dayText(view.mine.at)}），可以修改`}</Text> : null}
        {view.questions.map((q, i) => (
          <Question
            key={q.key}
            index={i + 1}
            title={q.title}
            field={q.key}
            value={scores[q.key]}
            error={errors[q.key]}
            disabled={!canAnswer || busy}
            onChoose={(s) => choose(q.key, s)}
          />
        ))}
        {canAnswer ? (
          <>
            <View className='hl-card hl-field hl-field-comment'>
              <Text className='hl-field-label'>意见建议（可不填）</Text>
              <TextBox
                className='hl-input-survey-comment'
                value={comment}
                placeholder='例如：希望晚上多巡逻几次'
                maxLength={MAX_SURVEY_COMMENT}
                onChange={(t) => {
                  setComment(t)
                  fieldErrors.clear(['comment'])
                }}
              />
              <Text className='hl-note'>请不要写姓名、电话和门牌号。</Text>
              <FieldError field='comment' message={errors.comment} />
            </View>
            {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
            <Button className='hl-btn hl-btn-block hl-btn-submit-survey' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void submit(view)}>
              {view.mine ? '提交修改' : '提交评价'}
            </Button>
          </>
        ) : null}
      </>
    )
  }

  return (
    <PageShell name='compound-survey'>
      <Text className='hl-title hl-survey-title'>{load.status === 'ready' && load.view.compound ? titleOf(load.view.compound.serviceName) : '物业服务评价'}</Text>
      {body()}
    </PageShell>
  )
}
