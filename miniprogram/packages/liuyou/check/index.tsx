import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ActionBar } from '../../../components/action-bar'
import { InlineForm } from '../../../components/inline-form'
import { PageShell } from '../../../components/page-shell'
import { ProgressBar } from '../../../components/progress-bar'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { ActionSpec, ActionTable } from '../../../lib/actions'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { choosePhotos, readPhoto } from '../../../lib/photos'
import { bringIntoView, toTop } from '../../../lib/scroll'
import { askSubscribe } from '../../../lib/subscribe'
import { when } from '../../../lib/time-words'
import type { Answer, ClientError } from '../../../services/call'
import { liuyou, type CheckAction, type CheckOutput, type CheckView, type ItemView, type MechanismKey, type Verdict } from '../../../services/liuyou'
import { CheckStateChip, RatingBadge, Timeline } from '../common/ui'
import { ConfirmCard, GapsCard, ItemCard, MechanismSteps, TaskForm, TaskRow, VerdictForm } from './parts'
import '../common/liuyou.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; out: CheckOutput }
type Notice = { ok: boolean; text: string } | null
type Form =
  | { kind: 'note'; itemId: string }
  | { kind: 'verdict'; itemId: string; verdict: 'returned' | 'failed' }
  | { kind: 'task'; itemId: string }
  | { kind: 'finishTask'; taskId: string }
  | { kind: 'confirm'; action: 'submit' | 'resubmit' | 'finishReview' }

const BUTTONS: { readonly [A in CheckAction]?: Omit<ActionSpec, 'onPress'> } = {
  submit: { label: '提交街道审核', tone: 'primary' },
  resubmit: { label: '修改好了，重新提交', tone: 'primary' },
  finishReview: { label: '完成审核', tone: 'primary' },
  refresh: { label: '重新统计系统数据' },
}

/** The mechanism a check opens at: the one of its first gap (for the street, of the first item to review). */
function firstMechanism(check: CheckView): MechanismKey {
  const first = check.allowedActions.includes('review') ? check.items.find((i) => i.review === 'pending') : check.items.find((i) => i.id === check.gaps[0])
  return first?.mechanism ?? check.mechanisms[0]?.key ?? 'manage'
}

/** Errors that name an item (`items.<id>` or the item of the request): the page opens that item. */
const itemOfField = (field: string | undefined): string | null => (field?.startsWith('items.') ? field.slice('items.'.length) : null)

/**
 * 六有自查: one community's check for one period. The community fills it one mechanism at a time
 * (有/无, numbers, photos and notes as evidence; the system's figures fill themselves), its gaps
 * first; the street reviews it item by item on the same page; returned or failed items become
 * 整改任务. The buttons are what the server allows now.
 */
export default function CheckPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [mech, setMech] = useState<MechanismKey | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice>(router.params.started ? { ok: true, text: '本期自查已开始：逐项填写，填完后提交街道审核' } : null)
  const [open, setOpen] = useState<Form | null>(null)
  const [formError, setFormError] = useState<string | undefined>(undefined)
  const [itemError, setItemError] = useState<{ itemId: string; text: string } | null>(null)
  const visible = useRef(true)

  const fetchCheck = async (quiet = false) => {
    if (!id) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await liuyou.getCheck(id)
    if (answer.ok) {
      // Opened at its first gap, then kept where the person is while they fill it.
      setMech((m) => m ?? firstMechanism(answer.data.check))
      setLoad({ status: 'ready', out: answer.data })
    } else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchCheck()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the id changes
  }, [id])
  useDidShow(() => {
    if (!visible.current) void fetchCheck(true)
    visible.current = true
  })
  useDidHide(() => {
    visible.current = false
  })

  const out = load.status === 'ready' ? load.out : null
  const check = out?.check ?? null
  const allowed = new Set(check?.allowedActions ?? [])
  const reviewing = allowed.has('review')
  const shownMech = mech ?? (check ? firstMechanism(check) : 'manage')

  if (!id) {
    return (
      <PageShell name='liuyou-check'>
        <Text className='hl-title'>六有自查</Text>
        <Empty text='没有指定要看的自查' hint='请从“六有自查”的列表里点开' />
        <Button className='hl-btn hl-btn-block hl-btn-to-checks' onClick={() => go(ROUTES.liuyouChecks)}>
          六有自查
        </Button>
      </PageShell>
    )
  }

  const openItem = (itemId: string) => {
    const item = check?.items.find((i) => i.id === itemId)
    if (!item) return
    setMech(item.mechanism)
    bringIntoView('liuyou-check', `hl-item-${item.id.replace('.', '-')}`)
  }

  /**
   * A one-tap change on an item card (有/无, a count, 删除, 通过) leaves a form open elsewhere as it is,
   * with what is typed in it; a form's own submit, and a change to the whole check, close it.
   */
  const applied = (fresh: CheckOutput, text: string, where: { itemId?: string; scroll?: boolean }) => {
    setLoad({ status: 'ready', out: fresh })
    setNotice({ ok: true, text })
    if (!where.itemId) {
      setOpen(null)
      setFormError(undefined)
    }
    setItemError(null)
    if (where.scroll) toTop()
  }
  const failed = (error: ClientError, where: { itemId?: string; form?: boolean } = {}) => {
    const named = itemOfField(error.field)
    if (where.form) setFormError(error.message)
    else if (where.itemId) setItemError({ itemId: where.itemId, text: error.message })
    else {
      setNotice({ ok: false, text: error.message })
      if (named) {
        setItemError({ itemId: named, text: error.message })
        openItem(named)
      } else toTop()
    }
    if (['LIUYOU.NOT_ALLOWED_NOW', 'COMMON.CONFLICT', 'LIUYOU.ITEM_LOCKED'].includes(error.code)) void fetchCheck(true)
  }
  const run = async (key: string, doIt: () => Promise<Answer<CheckOutput>>, done: string, where: { itemId?: string; form?: boolean; scroll?: boolean } = {}) => {
    setBusy(key)
    setNotice(null)
    setItemError(null)
    const answer = await doIt()
    setBusy(null)
    if (answer.ok) applied(answer.data, done, where)
    else failed(answer.error, where)
  }

  const addPhotos = async (item: ItemView) => {
    setItemError(null)
    const paths = await choosePhotos(Math.max(1, 9 - item.evidence.length))
    if (paths.length === 0) return
    setBusy(`photo-${item.id}`)
    let last: CheckOutput | null = null
    for (let i = 0; i < paths.length; i++) {
      const read = await readPhoto(paths[i]!)
      if (!read.ok) {
        setItemError({ itemId: item.id, text: read.message })
        continue
      }
      const answer = await liuyou.addEvidence({
        checkId: id,
        itemId: item.id,
        kind: 'photo',
        text: '',
        file: { contentType: read.data.contentType, name: '', dataBase64: read.data.dataBase64 },
      })
      if (answer.ok) last = answer.data
      else setItemError({ itemId: item.id, text: answer.error.message })
    }
    setBusy(null)
    if (last) {
      setLoad({ status: 'ready', out: last })
      setNotice({ ok: true, text: `已添加照片：${item.title}` })
    }
  }

  const verdict = (item: ItemView, v: Verdict) => {
    setFormError(undefined)
    if (v === 'approved')
      void run(`review-${item.id}`, () => liuyou.review({ checkId: id, itemId: item.id, verdict: 'approved', comment: '' }), `已通过：${item.title}`, { itemId: item.id })
    else {
      setOpen({ kind: 'verdict', itemId: item.id, verdict: v })
      bringIntoView('liuyou-check', `hl-form-${v === 'returned' ? 'return-item' : 'fail-item'}`)
    }
  }

  const press = (action: CheckAction) => {
    setNotice(null)
    setFormError(undefined)
    if (!check) return
    if (action === 'refresh') void run('refresh', () => liuyou.refresh(id), '已按最新记录重新统计')
    else if (action === 'submit' || action === 'resubmit' || action === 'finishReview') {
      if (action === 'submit') {
        const missing = check.items.filter((i) => !i.auto && !i.answered)
        if (missing.length) {
          setNotice({ ok: false, text: `还有 ${missing.length} 项没有填写，请先填完：${missing[0]!.title}` })
          openItem(missing[0]!.id)
          return
        }
      }
      if (action === 'finishReview') {
        const pending = check.items.filter((i) => i.review === 'pending')
        if (pending.length) {
          setNotice({ ok: false, text: `还有 ${pending.length} 项没有审核：${pending[0]!.title}` })
          openItem(pending[0]!.id)
          return
        }
      }
      setOpen(open?.kind === 'confirm' && open.action === action ? null : { kind: 'confirm', action })
      bringIntoView('liuyou-check', `hl-form-confirm-${action === 'finishReview' ? 'finish-review' : action}`)
    }
  }
  const table = Object.fromEntries(
    Object.entries(BUTTONS).map(([action, looks]) => [action, { ...looks, onPress: () => press(action as CheckAction) }]),
  ) as ActionTable<CheckAction>

  const confirmText = (action: 'submit' | 'resubmit' | 'finishReview'): { text: string; submit: string; done: string } => {
    if (!check) return { text: '', submit: '', done: '' }
    if (action === 'submit')
      return {
        text: `提交后交街道审核，不能再修改；系统统计的数字随之锁定。自评 ${check.overall.score ?? 0} 分（${check.overall.ratingLabel}）。确认提交？`,
        submit: '确认提交',
        done: '已提交，等待街道审核',
      }
    if (action === 'resubmit') return { text: '退回的项目都改好了吗？重新提交后交街道再审。', submit: '确认重新提交', done: '已重新提交，等待街道审核' }
    const returned = check.items.filter((i) => i.review === 'returned').length
    const failedN = check.items.filter((i) => i.review === 'failed').length
    return returned
      ? {
          text: `有 ${returned} 项退回修改${failedN ? `、${failedN} 项不达标` : ''}：完成审核后退回社区，改好后再审。`,
          submit: '退回社区修改',
          done: `已退回社区修改 ${returned} 项`,
        }
      : {
          text: `全部审完${failedN ? `（${failedN} 项不达标）` : ''}，评定为 ${check.overall.score ?? 0} 分（${check.overall.ratingLabel}）。评定后不能再改。`,
          submit: '确认评定',
          done: '审核完成，已评定得分',
        }
  }
  const doConfirmed = (action: 'submit' | 'resubmit' | 'finishReview') => {
    // Consent is asked from the tap, before the call: the community hears of the review, the street of a resubmission.
    const asked = askSubscribe(action === 'finishReview' ? ['liuyou.submitted'] : ['liuyou.returned', 'liuyou.scored', 'liuyou.taskOverdue'])
    const c = confirmText(action)
    const call = action === 'submit' ? () => liuyou.submit(id) : action === 'resubmit' ? () => liuyou.resubmit(id) : () => liuyou.finishReview(id)
    void asked.then(() => run(action, call, c.done, { scroll: true }))
  }

  const items = check ? check.items.filter((i) => i.mechanism === shownMech) : []
  const mechIndex = check ? check.mechanisms.findIndex((m) => m.key === shownMech) : -1
  const prev = check && mechIndex > 0 ? check.mechanisms[mechIndex - 1] : undefined
  const next = check && mechIndex >= 0 && mechIndex < check.mechanisms.length - 1 ? check.mechanisms[mechIndex + 1] : undefined
  const reviewed = check ? check.items.filter((i) => i.review !== 'pending').length : 0
  const mayTask = allowed.has('createTask')

  return (
    <PageShell name='liuyou-check'>
      <Text className='hl-title'>六有自查</Text>
      {notice?.text ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-action-ok' : 'hl-notice-error hl-action-error'}`}>{notice.text}</Text> : null}
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchCheck()} /> : null}
      {out && check ? (
        <>
          <View className='hl-card hy-head hl-check-head'>
            <View className='hy-head-row'>
              <View className='hl-link-row-words'>
                <Text className='hl-hero hy-head-title hl-check-community'>{check.communityName}</Text>
                <Text className='hl-note'>{`${check.kindLabel} · ${check.periodLabel}`}</Text>
              </View>
              <CheckStateChip state={check.state} label={check.stateLabel} />
            </View>
            <View className='hy-head-score'>
              <Text className='hl-note'>{check.state === 'scored' ? '评定得分' : '当前得分'}</Text>
              <RatingBadge rated={check.overall} size='big' className='hl-check-overall' />
            </View>
            <ProgressBar className='hl-check-progress' share={check.total ? check.answered / check.total : 0} words={`已填 ${check.answered} / ${check.total} 项`} />
            {reviewing ? <ProgressBar className='hl-review-progress' share={check.total ? reviewed / check.total : 0} words={`已审核 ${reviewed} / ${check.total} 项`} /> : null}
            <Text className='hl-note'>{`${check.templateName}（第 ${check.templateVersion} 版）· 达标 ≥ ${check.thresholds.green} 分，基本达标 ≥ ${check.thresholds.amber} 分`}</Text>
            {check.submittedAt ? <Text className='hl-note'>{`${when(check.submittedAt)} 提交${check.rounds ? ` · 已审 ${check.rounds} 轮` : ''}`}</Text> : null}
            {check.state === 'returned' ? (
              <Text className='hl-notice hl-notice-error hl-returned-note'>{`街道退回了 ${check.items.filter((i) => i.review === 'returned').length} 项：只有退回的项目可以修改，改好后重新提交。`}</Text>
            ) : null}
          </View>

          {reviewing ? null : <GapsCard check={check} onOpen={(i) => openItem(i.id)} />}

          <MechanismSteps
            check={check}
            value={shownMech}
            reviewing={reviewing}
            onChange={(k) => {
              setMech(k)
              setOpen(null)
            }}
          />

          <View className='hy-mech-head'>
            {check.mechanisms[mechIndex] ? (
              <>
                <Text className='hl-section-title hl-mechanism-title'>{`${mechIndex + 1}. ${check.mechanisms[mechIndex]!.label}`}</Text>
                <RatingBadge rated={check.mechanisms[mechIndex]!} />
              </>
            ) : null}
          </View>

          {items.map((item) => {
            const editable = (allowed.has('fill') || allowed.has('addEvidence')) && (check.state !== 'returned' || item.review === 'returned')
            const form = open && 'itemId' in open && open.itemId === item.id ? open : null
            return (
              <ItemCard
                key={item.id}
                item={item}
                check={check}
                editable={editable}
                reviewing={reviewing}
                mayTask={mayTask}
                task={out.tasks.find((t) => t.id === item.taskId)}
                busy={busy}
                error={itemError?.itemId === item.id ? itemError.text : undefined}
                on={{
                  onAnswer: (a) => void run(`answer-${item.id}`, () => liuyou.answer(id, item.id, a), `已保存：${item.title}`, { itemId: item.id }),
                  onCount: (v) => void run(`count-${item.id}`, () => liuyou.count(id, item.id, v), `已保存：${item.title}`, { itemId: item.id }),
                  onPhoto: () => void addPhotos(item),
                  onNote: () => {
                    setFormError(undefined)
                    setOpen({ kind: 'note', itemId: item.id })
                    bringIntoView('liuyou-check', 'hl-form-note')
                  },
                  onRemove: (e) => void run(`remove-${e.id}`, () => liuyou.removeEvidence(id, item.id, e.id), '已删除一份佐证', { itemId: item.id }),
                  onRecords: () => go(withQuery(ROUTES.liuyouRecords, { check: id, item: item.id })),
                  onVerdict: (v) => verdict(item, v),
                  onTask: () => {
                    setFormError(undefined)
                    setOpen({ kind: 'task', itemId: item.id })
                    bringIntoView('liuyou-check', 'hl-form-task')
                  },
                }}
              >
                {form?.kind === 'note' ? (
                  <InlineForm
                    name='note'
                    label='佐证说明（例如会议记录、台账在哪里可以查到）'
                    placeholder='例如：2026年10月12日召开共建单位联席会，纪要存社区办公室'
                    submitText='保存说明'
                    busy={busy === 'note'}
                    error={formError}
                    minLength={2}
                    maxLength={500}
                    onSubmit={(t) =>
                      void run('note', () => liuyou.addEvidence({ checkId: id, itemId: item.id, kind: 'note', text: t }), `已添加说明：${item.title}`, { form: true })
                    }
                    onCancel={() => setOpen(null)}
                  />
                ) : null}
                {form?.kind === 'verdict' ? (
                  <VerdictForm
                    verdict={form.verdict}
                    busy={busy === 'verdict'}
                    error={formError}
                    onSubmit={(t) =>
                      void run(
                        'verdict',
                        () => liuyou.review({ checkId: id, itemId: item.id, verdict: form.verdict, comment: t }),
                        `${form.verdict === 'returned' ? '已退回修改' : '已评为不达标'}：${item.title}`,
                        {
                          form: true,
                        },
                      )
                    }
                    onCancel={() => setOpen(null)}
                  />
                ) : null}
                {form?.kind === 'task' ? (
                  <TaskForm
                    owners={out.owners}
                    busy={busy === 'task'}
                    error={formError}
                    onSubmit={(t) => void run('task', () => liuyou.createTask({ checkId: id, itemId: item.id, ...t }), `已建立整改任务：${item.title}`, { form: true })}
                    onCancel={() => setOpen(null)}
                  />
                ) : null}
              </ItemCard>
            )
          })}

          <View className='hy-buttons hy-mech-nav'>
            {prev ? (
              <Button
                className='hl-btn hl-btn-prev-mechanism'
                onClick={() => {
                  setMech(prev.key)
                  bringIntoView('liuyou-check', 'hl-mechanism-steps')
                }}
              >
                {`‹ ${prev.label}`}
              </Button>
            ) : null}
            {next ? (
              <Button
                className='hl-btn hl-btn-next-mechanism'
                type='primary'
                onClick={() => {
                  setMech(next.key)
                  bringIntoView('liuyou-check', 'hl-mechanism-steps')
                }}
              >
                {`下一方面：${next.label} ›`}
              </Button>
            ) : null}
          </View>

          {out.tasks.length ? (
            <View className='hl-card hl-check-tasks'>
              <Text className='hl-section-title'>{`整改任务（${out.tasks.length} 项）`}</Text>
              {out.tasks.map((t) => (
                <TaskRow
                  key={t.id}
                  task={t}
                  busy={busy !== null}
                  onFinish={() => {
                    setFormError(undefined)
                    setOpen({ kind: 'finishTask', taskId: t.id })
                  }}
                >
                  {open?.kind === 'finishTask' && open.taskId === t.id ? (
                    <InlineForm
                      name='finish-task'
                      label='整改情况（街道会看到）'
                      placeholder='例如：已补拍台账照片并上传'
                      submitText='完成整改'
                      busy={busy === 'finishTask'}
                      error={formError}
                      minLength={2}
                      maxLength={200}
                      onSubmit={async (note) => {
                        setBusy('finishTask')
                        const answer = await liuyou.finishTask(t.id, note)
                        setBusy(null)
                        if (answer.ok) {
                          setOpen(null)
                          setNotice({ ok: true, text: `整改已完成：${t.itemTitle}` })
                          void fetchCheck(true)
                        } else setFormError(answer.error.message)
                      }}
                      onCancel={() => setOpen(null)}
                    />
                  ) : null}
                </TaskRow>
              ))}
            </View>
          ) : null}

          {open?.kind === 'confirm' && allowed.has(open.action) ? (
            <ConfirmCard
              name={`confirm-${open.action === 'finishReview' ? 'finish-review' : open.action}`}
              text={confirmText(open.action).text}
              submitText={confirmText(open.action).submit}
              busy={busy === open.action}
              onConfirm={() => doConfirmed(open.action)}
              onCancel={() => setOpen(null)}
            />
          ) : null}

          <Timeline lines={out.timeline} />

          <ActionBar className='hl-check-actions' allowed={check.allowedActions} table={table} busy={busy} />
        </>
      ) : null}
    </PageShell>
  )
}
