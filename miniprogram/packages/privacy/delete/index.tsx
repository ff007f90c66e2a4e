import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Choice } from '../../../components/choice'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { ErrorView, FieldError, Loading } from '../../../components/states'
import { useFieldErrors } from '../../../lib/field-errors'
import { go, ROUTES } from '../../../lib/nav'
import { resetProfile } from '../../../lib/profile'
import { day } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { privacy, type DeletePreview } from '../../../services/privacy'
import { dropWebSession } from '../../../services/web-session'
import '../personal-data.scss'

type OpenOrderChoice = 'cancel' | 'handToLeader'
type Done = { cancelled: number; handedOver: number; rolesReleased: number }
type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; preview: DeletePreview } | { status: 'done'; done: Done }

/** What the person types: a tap alone never deletes an account. */
const WORD = '注销'
const FIELDS = ['confirm', 'openOrders'] as const
/** The post form's unsent draft (packages/orders/post): it may hold a description and a room. */
const ORDER_DRAFT_KEY = 'honglin.orderDraft'

const CHOICES: readonly { key: OpenOrderChoice; label: string; note: string }[] = [
  { key: 'cancel', label: '撤销这些事', note: '还没人接的撤销；已有人在办的，会办完' },
  { key: 'handToLeader', label: '交给网格长继续办', note: '网格长接着办完，不显示您的姓名和电话' },
]

/**
 * What this phone or browser still holds about the person once the account is gone: the loaded
 * profile, a PC's web session (H5), the post form's draft. The 长辈版 preference stays: it is the
 * device's, and whoever picks up the phone next still reads large text.
 */
function forgetLocally(): void {
  resetProfile()
  dropWebSession()
  try {
    Taro.removeStorageSync(ORDER_DRAFT_KEY)
  } catch {
    // nothing kept, nothing to remove
  }
}

function List({ items, className }: { items: readonly string[]; className: string }) {
  return (
    <View className={className}>
      {items.map((t) => (
        <View key={t} className='pv-list-item'>
          <Text className='pv-bullet' aria-hidden='true'>
            ·
          </Text>
          <Text className='pv-list-text'>{t}</Text>
        </View>
      ))}
    </View>
  )
}

function DoneView({ done }: { done: Done }) {
  const lines = [
    done.cancelled > 0 ? `撤销了 ${done.cancelled} 件没办完的事` : null,
    done.handedOver > 0 ? `${done.handedOver} 件没办完的事已交给网格长继续办` : null,
    done.rolesReleased > 0 ? `卸下了 ${done.rolesReleased} 个身份` : null,
  ].filter((l): l is string => l !== null)
  return (
    <View className='hl-card pv-done hl-account-deleted' role='status'>
      <Text className='pv-done-mark' aria-hidden='true'>
        ✓
      </Text>
      <Text className='hl-title pv-done-title'>账号已注销</Text>
      <View className='pv-done-body'>
        <List items={lines} className='pv-done-lines' />
        <Text className='pv-para'>您的姓名、电话、住址已删除。您报过的事会保留，但不再显示您的姓名和电话。</Text>
        <Text className='hl-note pv-done-note'>以后再打开红邻，会作为新用户重新开始。</Text>
      </View>
      <Button className='hl-btn hl-btn-block hl-btn-go-home' type='primary' size='large' onClick={() => void Taro.reLaunch({ url: ROUTES.home })}>
        回到首页
      </Button>
    </View>
  )
}

/**
 * 注销账号: what will be removed and what is kept without a name, the open orders and a required
 * choice about them, the roles that are released; the person types 注销 and confirms twice. Nothing
 * is offered when the server says the account cannot go now (the last admin of a place).
 */
export default function DeleteAccount() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [choice, setChoice] = useState<OpenOrderChoice | null>(null)
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const fieldErrors = useFieldErrors(FIELDS, { codes: { 'PRIVACY.CONFIRM_REQUIRED': 'confirm', 'PRIVACY.OPEN_ORDERS_CHOICE_REQUIRED': 'openOrders' } })

  /** Loads the preview; `quiet` keeps the page (and its errors) on screen while it refreshes. */
  const reload = async (quiet = false) => {
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await privacy.deletePreview()
    if (answer.ok) setLoad({ status: 'ready', preview: answer.data })
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void reload()
  }, [])

  if (load.status === 'done')
    return (
      <PageShell name='privacy-delete'>
        <DoneView done={load.done} />
      </PageShell>
    )

  const matches = typed.trim() === WORD

  const submit = async (preview: DeletePreview) => {
    setFormError(null)
    fieldErrors.set({})
    if (!matches) {
      fieldErrors.set({ confirm: `请输入“${WORD}”两个字` })
      return
    }
    if (preview.openOrders.length > 0 && !choice) {
      fieldErrors.set({ openOrders: '请先选择：撤销这些事，或交给网格长继续办' })
      return
    }
    const sure = await Taro.showModal({
      title: '确认注销账号',
      content: '注销后不能恢复，您将不能再用这个账号。确定注销吗？',
      confirmText: '注销',
      confirmColor: '#c8161d',
      cancelText: '再想想',
    })
    if (!sure.confirm) return
    setBusy(true)
    const answer = await privacy.deleteAccount({ confirm: typed.trim(), ...(preview.openOrders.length > 0 && choice ? { openOrders: choice } : {}) })
    setBusy(false)
    if (answer.ok) {
      forgetLocally()
      setLoad({ status: 'done', done: answer.data })
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
    // The situation changed meanwhile (a new open order, a role): show it as it is now.
    if (answer.error.code === 'PRIVACY.OPEN_ORDERS_CHOICE_REQUIRED' || answer.error.code === 'PRIVACY.LAST_ADMIN' || answer.error.code === 'COMMON.CONFLICT') void reload(true)
  }

  return (
    <PageShell name='privacy-delete'>
      <Text className='hl-title'>注销账号</Text>
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void reload()} /> : null}
      {load.status === 'ready' ? (
        <>
          <Text className='hl-note pv-intro'>注销后，您不能再用这个账号使用红邻。请先看清楚会发生什么。</Text>
          {/* Why it cannot happen now comes first: nothing below can be done until it is settled. */}
          {load.preview.blocked ? (
            <View className='pv-blocked-box' role='alert'>
              <Text className='hl-notice hl-notice-error pv-blocked'>{load.preview.blocked}</Text>
              <Text className='hl-note pv-blocked-note'>现在不能注销。安排好之后，再回到这里注销。下面是注销时会发生的事。</Text>
            </View>
          ) : null}

          <View className='hl-card pv-removed'>
            <Text className='hl-section-title'>会删除的信息</Text>
            <List items={load.preview.removed} className='pv-removed-list' />
          </View>

          <View className='hl-card pv-kept'>
            <Text className='hl-section-title'>会保留的内容</Text>
            <Text className='pv-para pv-kept-lead'>您报过的事会保留，但不再显示您的姓名和电话，统计数字不变。</Text>
            <List items={load.preview.kept} className='pv-kept-list' />
          </View>

          {load.preview.roles.length > 0 ? (
            <View className='hl-card pv-roles'>
              <Text className='hl-section-title'>会卸下的身份</Text>
              <List items={load.preview.roles.map((r) => `${r.roleLabel} · ${r.placeName}`)} className='pv-roles-list' />
            </View>
          ) : null}

          {load.preview.blocked ? null : (
            <>
              {load.preview.openOrders.length > 0 ? (
                <View className='hl-card pv-open-orders'>
                  <Text className='hl-section-title'>{`没办完的事（${load.preview.openOrders.length} 件）`}</Text>
                  {load.preview.openOrders.map((o) => (
                    <View key={o.id} className='pv-order'>
                      <Text className='pv-order-title'>{o.category}</Text>
                      <Text className='hl-note'>{`${day(o.postedAt)} 报 · ${o.stateLabel}`}</Text>
                    </View>
                  ))}
                  <Text className='hl-field-label pv-choose-label'>这些事怎么办？（必选）</Text>
                  <View className='pv-choices' role='radiogroup'>
                    {CHOICES.map((c) => (
                      <Choice
                        key={c.key}
                        className={`pv-choice hl-choice-${c.key}`}
                        on={choice === c.key}
                        label={c.label}
                        note={c.note}
                        onClick={() => {
                          setChoice(c.key)
                          fieldErrors.clear(['openOrders'])
                        }}
                      />
                    ))}
                  </View>
                  <FieldError field='openOrders' message={fieldErrors.errors.openOrders} />
                </View>
              ) : null}

              <View className='hl-card pv-danger-card'>
                <Text className='hl-field-label'>{`请输入“${WORD}”两个字确认`}</Text>
                <Input
                  className='hl-input hl-input-confirm pv-confirm-input'
                  value={typed}
                  placeholder='点这里输入'
                  maxLength={10}
                  onChange={(v) => {
                    setTyped(v)
                    fieldErrors.clear(['confirm'])
                  }}
                />
                <FieldError field='confirm' message={fieldErrors.errors.confirm} />
              </View>
              {formError ? <Text className='hl-notice hl-notice-error pv-form-error'>{formError}</Text> : null}
              <Button
                className='hl-btn hl-btn-block hl-btn-delete-account'
                type='danger'
                size='large'
                loading={busy}
                disabled={busy || !matches}
                onClick={() => void submit(load.preview)}
              >
                确认注销
              </Button>
            </>
          )}
          <LinkRow className='hl-link-my-data' text='先看看我的数据' note='注销前可以把数据保存成文件' onClick={() => go(ROUTES.privacyMine)} />
        </>
      ) : null}
    </PageShell>
  )
}
