import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CATEGORY_SLUGS } from '@shared/orders/categories'
import { GOVERNANCE_MODELS, MAX_RULE_HOURS, MODEL_LABELS, MODEL_NOTES, OWNERS_LABEL, PARTIES_OF_MODEL, PARTY_LABELS, type Party } from '@shared/compounds/labels'
import { Choice } from '../../../components/choice'
import { FormButtons } from '../../../components/form-buttons'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { compounds, type ResponsibilityRule, type Responsibilities } from '../../../services/compounds'
import { useWhichCommunity } from '../list/which-community'
import './responsibilities.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; list: Responsibilities }
type Model = (typeof GOVERNANCE_MODELS)[number]
type Category = ResponsibilityRule['category']
/** One cell being edited: the owner chosen and the hours as typed. */
interface DraftCell {
  owner: Party
  hours: string
}
type Draft = Record<string, DraftCell>

const keyOf = (category: Category, model: Model) => `${category}|${model}`
/** A class-safe name for a model: `1+3` → `m13`. */
const slugOf = (model: Model) => `m${model.replace('+', '')}`

/** The draft an edit starts from: what each cell routes to now, which is what the 公示 prints. */
function draftOf(list: Responsibilities): Draft {
  const draft: Draft = {}
  for (const row of list.table) for (const c of row.cells) draft[keyOf(row.category, c.model)] = { owner: c.owner, hours: c.hours === null ? '' : String(c.hours) }
  return draft
}

/**
 * The whole list to save: the community's line for every category and model, as edited, and the
 * compounds' own lines kept as they were (this page does not edit them). Hours that are not a number
 * go as 0, so the server's rule answers with its own message under the cell.
 */
function rulesOf(list: Responsibilities, draft: Draft): ResponsibilityRule[] {
  const own = list.rules.filter((r) => r.compoundId !== undefined)
  const lines = list.table.flatMap((row) =>
    row.cells.map((c) => {
      const cell = draft[keyOf(row.category, c.model)]!
      const hours = Number(cell.hours.trim())
      return { category: row.category, model: c.model, owner: cell.owner, hours: cell.hours.trim() !== '' && Number.isFinite(hours) ? hours : 0 }
    }),
  )
  return [...lines, ...own]
}

/** The rule a server error names (`payload.rules.12.hours` → the 13th rule sent), or null. */
function ruleIndexOf(error: ClientError): number | null {
  const m = /^payload\.rules\.(\d+)/.exec(error.field ?? '')
  return m ? Number(m[1]) : null
}

/**
 * 责任清单公示: for each kind of problem, who answers first in each kind of compound of the community
 * (1+3, 1+2, 1+1) and within how many hours — one block per category, readable on a phone — with a
 * legend of the three models and the change log (谁改了什么, newest first). The community's admin (the
 * server's `save`) edits it in place: each cell's owner among the parties the model has, its hours as
 * a number; 保存 sends the whole list against the version read, and a list changed by someone else in
 * the meantime is reloaded with a notice.
 */
export default function ResponsibilitiesPage() {
  const router = useRouter()
  const which = useWhichCommunity(decodeURIComponent(router.params.communityId ?? ''), router.params.home === '1')
  const communityId = which.status === 'ready' ? which.communityId : null
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const fetchList = async (id: string, quiet = false) => {
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await compounds.responsibilities(id)
    // A quiet read that fails leaves the list on screen as it is.
    if (answer.ok) setLoad({ status: 'ready', list: answer.data })
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    if (communityId) void fetchList(communityId)
  }, [communityId])

  const list = load.status === 'ready' ? load.list : null
  const canSave = Boolean(list?.allowedActions.includes('save'))

  const startEditing = () => {
    if (!list) return
    setDraft(draftOf(list))
    setCellErrors({})
    setFormError(null)
    setNotice(null)
  }
  const stopEditing = () => {
    setDraft(null)
    setCellErrors({})
    setFormError(null)
  }
  const change = (key: string, patch: Partial<DraftCell>) => {
    setDraft((d) => (d ? { ...d, [key]: { ...d[key]!, ...patch } } : d))
    setCellErrors((e) => {
      if (!(key in e)) return e
      const next = { ...e }
      delete next[key]
      return next
    })
  }

  const save = async () => {
    if (!list || !draft || busy) return
    const rules = rulesOf(list, draft)
    setBusy(true)
    setFormError(null)
    const answer = await compounds.saveResponsibilities({ communityId: list.communityId, baseVersion: list.version, rules })
    setBusy(false)
    if (answer.ok) {
      setLoad({ status: 'ready', list: answer.data })
      stopEditing()
      setNotice({ tone: 'ok', text: answer.data.version !== list.version ? '已保存，修改记录在下方' : '没有改动，清单保持不变' })
      return
    }
    if (answer.error.code === 'COMMON.CONFLICT') {
      stopEditing()
      setNotice({ tone: 'error', text: '别人刚刚修改了这份责任清单，已为您刷新。请看过最新的清单后再修改。' })
      void fetchList(list.communityId, true)
      return
    }
    const index = ruleIndexOf(answer.error)
    const rule = index === null ? undefined : rules[index]
    if (rule && rule.compoundId === undefined) setCellErrors({ [keyOf(rule.category, rule.model)]: answer.error.message })
    else setFormError(answer.error.message)
  }

  const editing = draft !== null

  const body = () => {
    if (which.status === 'loading') return <Loading />
    if (which.status === 'error') return <ErrorView error={which.error} onRetry={which.retry} />
    if (which.status === 'none') return <Empty text='没有找到您所在的社区' hint='在“我的”里登记家庭住址后，就能看到本社区的责任清单' />
    if (load.status === 'loading') return <Loading />
    if (load.status === 'error') return <ErrorView error={load.error} onRetry={() => void fetchList(which.communityId)} />
    const l = load.list
    return (
      <>
        <Text className='hl-note rs-community'>{`${l.communityName}${l.isDefault ? ' · 社区还没有自定，现为街道默认清单' : ` · 第 ${l.version} 版`}`}</Text>

        {canSave && !editing ? (
          <Button className='hl-btn hl-btn-block hl-btn-edit-responsibilities' onClick={startEditing}>
            编辑
          </Button>
        ) : null}
        {editing ? <Text className='hl-notice rs-editing'>{`编辑中：为每类事项选择先处理的一方，填写时限（1 至 ${MAX_RULE_HOURS} 小时），然后保存。`}</Text> : null}

        <View className='rs-table'>
          {l.table.map((row) => (
            <View key={row.category} className={`hl-card rs-row hl-rs-row hl-rs-row-${CATEGORY_SLUGS[row.category]}`}>
              <Text className='rs-category'>{row.category}</Text>
              {row.cells.map((c) => {
                const key = keyOf(row.category, c.model)
                const cell = draft?.[key]
                return (
                  <View key={c.model} className={`rs-cell rs-cell-${slugOf(c.model)}`}>
                    <Text className='rs-model'>{c.model}</Text>
                    {cell ? (
                      <View className='rs-edit'>
                        <View className='hl-choices rs-owners' role='radiogroup' aria-label={`${c.model} 小区${row.category}先处理的一方`}>
                          {PARTIES_OF_MODEL[c.model].map((p) => (
                            <Choice key={p} className={`rs-owner rs-owner-${p}`} on={cell.owner === p} label={PARTY_LABELS[p]} onClick={() => change(key, { owner: p })} />
                          ))}
                        </View>
                        <View className='rs-hours-row'>
                          <Input
                            className='hl-input rs-hours hl-input-hours'
                            type='number'
                            value={cell.hours}
                            maxlength={3}
                            aria-label={`${c.model} 小区${row.category}的时限（小时）`}
                            onInput={(e) => change(key, { hours: e.detail.value })}
                          />
                          <Text className='rs-hours-unit'>小时内</Text>
                        </View>
                        <FieldError field={`rule-${CATEGORY_SLUGS[row.category]}-${slugOf(c.model)}`} message={cellErrors[key]} />
                      </View>
                    ) : (
                      <View className='rs-duty'>
                        <Text className='rs-owner-label'>{c.ownerLabel}</Text>
                        <Text className='rs-hours-label'>{c.hours === null ? '按现有时限' : `${c.hours} 小时内`}</Text>
                      </View>
                    )}
                  </View>
                )
              })}
            </View>
          ))}
        </View>

        {editing ? (
          <View className='rs-save'>
            {formError ? <Text className='hl-notice hl-notice-error rs-form-error'>{formError}</Text> : null}
            <FormButtons name='responsibilities' submitText='保存' cancelText='取消' busy={busy} onSubmit={() => void save()} onCancel={stopEditing} />
          </View>
        ) : null}

        <View className='hl-card rs-legend'>
          <Text className='hl-section-title'>三种治理模式</Text>
          {GOVERNANCE_MODELS.map((m) => (
            <View key={m} className={`rs-legend-item rs-legend-${slugOf(m)}`}>
              <Text className='rs-legend-label'>{MODEL_LABELS[m]}</Text>
              <Text className='hl-note'>{MODEL_NOTES[m]}</Text>
            </View>
          ))}
          <Text className='hl-note rs-legend-owners'>{`${OWNERS_LABEL}监督物业服务、评议服务质量，不直接接单。`}</Text>
        </View>

        {/* Where 保存 was pressed, so the answer is seen without scrolling back up. */}
        {notice ? <Text className={`hl-notice hl-notice-${notice.tone} rs-notice`}>{notice.text}</Text> : null}
        <View className='hl-card rs-changes'>
          <Text className='hl-section-title'>谁改了什么</Text>
          {l.changes.length === 0 ? (
            <Text className='hl-note'>还没有修改过</Text>
          ) : (
            l.changes.map((ch, i) => (
              <View key={`${ch.at}-${i}`} className='rs-change hl-rs-change'>
                <Text className='rs-change-who'>{`${ch.by.roleLabel} ${ch.by.name}`}</Text>
                <Text className='hl-note'>{when(ch.at)}</Text>
                {ch.lines.map((line) => (
                  <Text key={line} className='rs-change-line'>
                    {line}
                  </Text>
                ))}
              </View>
            ))
          )}
        </View>
      </>
    )
  }

  return (
    <PageShell name='responsibilities'>
      <Text className='hl-title'>责任清单公示</Text>
      <Text className='hl-note rs-intro'>小区里报的事，先由谁处理、几小时内处理，都写在这里。1+3、1+2、1+1 是三种小区，说明在清单下方。</Text>
      {body()}
    </PageShell>
  )
}
