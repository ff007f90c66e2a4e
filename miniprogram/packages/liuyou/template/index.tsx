import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { periodLabel } from '@shared/liuyou/period'
import { AUTO_SOURCE_LABELS, ITEM_KIND_LABELS, MECHANISM_LABELS, MECHANISMS, PERIOD_KIND_LABELS, PERIOD_KINDS, type PeriodKind } from '@shared/liuyou/template'
import { Chips } from '../../../components/chips'
import { Choice } from '../../../components/choice'
import { Field } from '../../../components/field'
import { FormButtons } from '../../../components/form-buttons'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import { fieldOf, useFieldErrors } from '../../../lib/field-errors'
import { go, ROUTES } from '../../../lib/nav'
import { bringIntoView, toTop } from '../../../lib/scroll'
import { useTerritoryTree } from '../../../lib/territory-tree'
import { when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { liuyou, type TemplateItem, type TemplatesOutput } from '../../../services/liuyou'
import { useLiuyouPlaces } from '../common/places'
import { ThresholdLegend } from '../common/ui'
import '../../../components/inline-form.scss'
import '../common/liuyou.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; data: TemplatesOutput }

/** An item as the street edits it: numbers as typed, and whether it is taken out of the new version. */
interface DraftItem {
  def: TemplateItem
  weight: number
  target: string
  evidenceRequired: boolean
  removed: boolean
}
interface Draft {
  name: string
  periodKind: PeriodKind
  green: string
  amber: string
  note: string
  items: DraftItem[]
}

const draftOf = (t: TemplatesOutput['current']): Draft => ({
  name: t.name,
  periodKind: t.periodKind,
  green: String(t.thresholds.green),
  amber: String(t.thresholds.amber),
  note: '',
  items: t.items.map((def) => ({ def, weight: def.weight, target: def.target === null ? '' : String(def.target), evidenceRequired: def.evidenceRequired, removed: false })),
})

const WEIGHT_MIN = 1
const WEIGHT_MAX = 10
const itemKey = (id: string) => id.replace('.', '-')
/** A whole number typed in a box, or null. */
const wholeOf = (t: string): number | null => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : null)

/** The words of an item's rules: its kind, weight, target, evidence and automatic source. */
function ItemChips({ item }: { item: TemplateItem }) {
  return (
    <Chips>
      <Text className='hl-chip hy-chip-plain hl-item-kind'>{ITEM_KIND_LABELS[item.kind]}</Text>
      <Text className='hl-chip hy-chip-plain hl-item-weight'>{`权重 ${item.weight}`}</Text>
      {item.kind === 'count' ? <Text className='hl-chip hy-chip-plain hl-item-target'>{item.target === null ? '大于 0 即得分' : `目标 ${item.target} ${item.unit}`}</Text> : null}
      {item.evidenceRequired ? <Text className='hl-chip hy-chip-plain hl-item-evidence'>须附佐证</Text> : null}
      {item.auto ? <Text className='hl-chip hy-chip-auto hl-item-auto'>系统统计</Text> : null}
    </Chips>
  )
}

/** − n + : a number from `min` to `max` in two big buttons and the value between them. */
function Stepper({ label, name, value, min, max, onChange }: { label: string; name: string; value: number; min: number; max: number; onChange: (n: number) => void }) {
  return (
    <View className={`hy-stepper hl-stepper-${name}`} role='group' aria-label={`${label}：${value}`}>
      <Text className='hy-stepper-label'>{label}</Text>
      <Button className='hl-btn hy-stepper-btn hl-btn-less' disabled={value <= min} aria-label={`${label}减 1`} onClick={() => onChange(Math.max(min, value - 1))}>
        −
      </Button>
      <Text className='hy-stepper-value hl-stepper-value'>{`${value}`}</Text>
      <Button className='hl-btn hy-stepper-btn hl-btn-more' disabled={value >= max} aria-label={`${label}加 1`} onClick={() => onChange(Math.min(max, value + 1))}>
        +
      </Button>
    </View>
  )
}

/** One item of the new version: weight, target, 须附佐证, and 删除 while its mechanism keeps another. */
function ItemEditor({ item, removable, error, onChange }: { item: DraftItem; removable: boolean; error?: string; onChange: (next: Partial<DraftItem>) => void }) {
  const { def } = item
  const key = itemKey(def.id)
  if (item.removed)
    return (
      <View className={`hy-template-item hy-template-removed hl-template-item hl-template-item-${key}`}>
        <Text className='hl-note'>{`已删除：${def.title}`}</Text>
        <Button className='hl-btn hy-remove hl-btn-restore-item' onClick={() => onChange({ removed: false })}>
          恢复
        </Button>
      </View>
    )
  return (
    <View className={`hy-template-item hl-template-item hl-template-item-${key}`}>
      <Text className='hy-item-title hl-template-item-title'>{def.title}</Text>
      <Text className='hl-note'>{`${ITEM_KIND_LABELS[def.kind]}${def.auto ? ` · 系统统计：${AUTO_SOURCE_LABELS[def.auto].label}` : ''}`}</Text>
      <Stepper label='权重' name={`weight-${key}`} value={item.weight} min={WEIGHT_MIN} max={WEIGHT_MAX} onChange={(weight) => onChange({ weight })} />
      {def.kind === 'count' ? (
        <Field
          label={`目标（${def.unit || '数量'}）`}
          name={`target-${key}`}
          type='digit'
          value={item.target}
          maxLength={6}
          placeholder='不填：大于 0 即得分'
          onChange={(target) => onChange({ target })}
        />
      ) : null}
      {error ? <Text className='hl-notice hl-notice-error hl-item-error'>{error}</Text> : null}
      <View className='hy-template-actions'>
        {def.auto ? (
          <Text className='hl-note hy-template-auto-note'>系统统计的数字无需佐证</Text>
        ) : (
          <Choice
            className='hy-template-evidence hl-toggle-evidence'
            multiple
            on={item.evidenceRequired}
            label='须附佐证'
            note={item.evidenceRequired ? '没有佐证不得分' : '不要求佐证'}
            onClick={() => onChange({ evidenceRequired: !item.evidenceRequired })}
          />
        )}
        {removable ? (
          <Button className='hl-btn hy-remove hl-btn-remove-item' onClick={() => onChange({ removed: true })}>
            删除此项
          </Button>
        ) : (
          <Text className='hl-note hy-template-last'>每个方面至少保留一项</Text>
        )}
      </View>
    </View>
  )
}

type Field_ = 'name' | 'periodKind' | 'thresholds' | 'items' | 'note' | `items.${number}`

/**
 * 六有评估清单 of a street: the version new checks start from — its six mechanisms and their items,
 * weights, targets and evidence rules, the thresholds of 达标 and 基本达标 — and the versions before it.
 * The street's admin edits a new version here and publishes it; checks already started keep theirs.
 */
export default function TemplatePage() {
  const router = useRouter()
  const places = useLiuyouPlaces()
  const askedStreet = router.params.street ? decodeURIComponent(router.params.street) : ''
  const askedCommunity = router.params.community ? decodeURIComponent(router.params.community) : ''
  const community = askedCommunity || places.communities[0]?.id || ''
  // A community's leaders read their street's list: the street is the community's parent in the tree.
  const needTree = !askedStreet && !places.loading && places.streets.length === 0 && Boolean(community)
  const tree = useTerritoryTree(needTree)
  const streetId = askedStreet || places.streets[0]?.nodeId || (community ? (tree.index?.byId.get(community)?.parentId ?? '') : '')
  const mayEdit = places.streets.some((s) => s.nodeId === streetId)

  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  /** The item ids in the order they were sent: the server names an item by its place (`items.3`). */
  const [sent, setSent] = useState<string[]>([])
  const fields = useFieldErrors<Field_>(['name', 'periodKind', 'thresholds', 'items', 'note'])

  const fetchTemplates = async () => {
    if (!streetId) return
    setLoad({ status: 'loading' })
    const answer = await liuyou.templates(streetId)
    setLoad(answer.ok ? { status: 'ready', data: answer.data } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchTemplates()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the street is known or changes
  }, [streetId])

  const data = load.status === 'ready' ? load.data : null
  // `edit=1`: opened straight into a new version (a street admin's link from the matrix).
  useEffect(() => {
    if (data && mayEdit && router.params.edit === '1' && !draft) setDraft(draftOf(data.current))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the template is here
  }, [data, mayEdit])

  const change = (next: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...next } : d))
  const changeItem = (id: string, next: Partial<DraftItem>) => {
    setDraft((d) => (d ? { ...d, items: d.items.map((i) => (i.def.id === id ? { ...i, ...next } : i)) } : d))
    const at = sent.indexOf(id)
    if (at >= 0) fields.clear([`items.${at}`])
    setConfirming(false)
  }

  /** The form's own checks before asking to confirm; the server checks the same again. */
  const check = (d: Draft): boolean => {
    const e: Partial<Record<Field_, string>> = {}
    const green = wholeOf(d.green)
    const amber = wholeOf(d.amber)
    if (d.name.trim().length < 2) e.name = '请填写清单名称（2 至 30 个字）'
    if (green === null || amber === null || green > 100 || amber < 1) e.thresholds = '分数线请填 1 到 100 的整数'
    else if (green <= amber) e.thresholds = '达标分数线要高于基本达标分数线'
    const kept = d.items.filter((i) => !i.removed)
    kept.forEach((i, n) => {
      if (i.def.kind === 'count' && i.target.trim() !== '' && wholeOf(i.target) === null) e[`items.${n}`] = '目标请填不小于 0 的整数，或不填'
    })
    setSent(kept.map((i) => i.def.id))
    fields.set(e)
    return Object.keys(e).length === 0
  }

  const publish = async () => {
    if (!draft || !streetId) return
    const kept = draft.items.filter((i) => !i.removed)
    const ids = kept.map((i) => i.def.id)
    setSent(ids)
    setBusy(true)
    setNotice(null)
    const answer = await liuyou.publishTemplate({
      streetId,
      name: draft.name.trim(),
      periodKind: draft.periodKind,
      thresholds: { green: wholeOf(draft.green) ?? 0, amber: wholeOf(draft.amber) ?? 0 },
      items: kept.map((i) => ({
        ...i.def,
        weight: i.weight,
        target: i.def.kind === 'count' ? wholeOf(i.target) : null,
        evidenceRequired: i.def.auto ? false : i.evidenceRequired,
      })),
      note: draft.note.trim(),
    })
    setBusy(false)
    setConfirming(false)
    if (answer.ok) {
      setLoad({ status: 'ready', data: answer.data })
      setDraft(null)
      fields.clear()
      setNotice({ ok: true, text: `已发布第 ${answer.data.current.version} 版：下次发起的自查按新版本填写` })
      toTop()
      return
    }
    // Under its field (an item's problem on that item), else for the whole form.
    const itemFields = ids.map((_, n) => `items.${n}` as const)
    const field = fieldOf(answer.error, [...(['name', 'periodKind', 'thresholds', 'items', 'note'] as const), ...itemFields], {
      paths: Object.fromEntries(itemFields.map((f) => [f, f])),
    })
    if (field) {
      fields.set({ [field]: answer.error.message })
      const at = /^items\.(\d+)$/.exec(field)
      const id = at ? ids[Number(at[1])] : undefined
      bringIntoView('liuyou-template', id ? `hl-template-item-${itemKey(id)}` : `hl-field-${field === 'items' ? 'items' : field}`)
    } else {
      setNotice({ ok: false, text: answer.error.message })
      toTop()
    }
  }

  const itemError = (id: string): string | undefined => {
    const at = sent.indexOf(id)
    return at >= 0 ? fields.errors[`items.${at}`] : undefined
  }

  const noPlace = !places.loading && !places.problem && !askedStreet && !streetId && !needTree

  return (
    <PageShell name='liuyou-template'>
      <Text className='hl-title'>六有评估清单</Text>
      {notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-action-ok' : 'hl-notice-error hl-action-error'}`}>{notice.text}</Text> : null}
      {places.problem ? <ErrorView error={places.problem.error} onRetry={places.problem.retry} /> : null}
      {tree.error ? <ErrorView error={tree.error} onRetry={tree.retry} /> : null}
      {noPlace ? (
        <>
          <Empty text='街道、社区和网格的负责人在这里查看六有评估清单' />
          <Button className='hl-btn hl-btn-block hl-btn-to-checks' onClick={() => go(ROUTES.liuyouChecks)}>
            六有自查
          </Button>
        </>
      ) : null}
      {(streetId || needTree) && load.status === 'loading' && !places.problem && !tree.error ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchTemplates()} /> : null}

      {data && !draft ? (
        <>
          <View className='hl-card hl-template-head'>
            <Text className='hl-hero hl-template-name'>{data.current.name}</Text>
            <Chips>
              <Text className='hl-chip hy-chip-state-scored hl-template-version'>{`第 ${data.current.version} 版`}</Text>
              <Text className='hl-chip hy-chip-plain hl-template-period'>{`${data.current.periodKindLabel}自查`}</Text>
            </Chips>
            <Text className='hl-note'>{`${when(data.current.publishedAt)} · ${data.current.publishedByName} 发布`}</Text>
            {data.current.note ? <Text className='hl-text hy-note-text hl-template-note'>{data.current.note}</Text> : null}
            <Text className='hl-note'>{`本期：${periodLabel(data.currentPeriod)}`}</Text>
          </View>

          <View className='hl-card hl-template-thresholds'>
            <Text className='hl-section-title'>评定分数线</Text>
            <ThresholdLegend thresholds={data.current.thresholds} />
            <Text className='hl-note'>每个方面按各项权重计分，六个方面的平均分为总分。</Text>
          </View>

          {mayEdit ? (
            <Button
              className='hl-btn hl-btn-block hl-btn-edit-template'
              type='primary'
              onClick={() => {
                setNotice(null)
                fields.clear()
                setDraft(draftOf(data.current))
                toTop()
              }}
            >
              编辑新版本
            </Button>
          ) : null}

          {MECHANISMS.map((m, n) => {
            const items = data.current.items.filter((i) => i.mechanism === m)
            return (
              <View key={m} className={`hl-card hl-template-mechanism hl-template-mechanism-${m}`}>
                <Text className='hl-section-title'>{`${n + 1}. ${MECHANISM_LABELS[m]}（${items.length} 项）`}</Text>
                {items.map((item) => (
                  <View key={item.id} className={`hy-template-item hl-template-item hl-template-item-${itemKey(item.id)}`}>
                    <Text className='hy-item-title hl-template-item-title'>{item.title}</Text>
                    {item.hint ? <Text className='hl-note'>{item.hint}</Text> : null}
                    <ItemChips item={item} />
                    {item.auto ? <Text className='hl-note hl-item-auto-source'>{`系统按“${AUTO_SOURCE_LABELS[item.auto].label}”自动统计`}</Text> : null}
                  </View>
                ))}
              </View>
            )
          })}

          <View className='hl-card hl-template-versions'>
            <Text className='hl-section-title'>{`历次版本（${data.versions.length}）`}</Text>
            {data.versions.map((v) => (
              <View key={v.version} className={`hy-version hl-version hl-version-${v.version}`}>
                <Text className='hl-text hy-version-title'>{`第 ${v.version} 版${v.version === data.current.version ? '（当前）' : ''}`}</Text>
                <Text className='hl-note'>{v.name}</Text>
                <Text className='hl-note'>{`发布时间 ${when(v.publishedAt)} · 发布人 ${v.publishedByName}`}</Text>
              </View>
            ))}
          </View>
          <LinkRow className='hl-btn-to-checks' text='六有自查' note='按清单逐项自查' onClick={() => go(ROUTES.liuyouChecks)} />
        </>
      ) : null}

      {data && draft ? (
        <>
          <View className='hl-notice hl-template-editing'>
            <Text>{`正在编辑第 ${data.current.version + 1} 版：进行中的自查仍按原版本，下次发起的自查使用新版本。`}</Text>
          </View>
          <View className='hl-card hl-template-form-head'>
            <Field label='清单名称' name='name' value={draft.name} maxLength={30} error={fields.errors.name} onChange={(name) => change({ name })} />
            <Text className='hl-field-label'>自查周期</Text>
            <View className='hl-choices hy-choices hy-choices-two hl-field-periodKind' role='radiogroup' aria-label='自查周期'>
              {PERIOD_KINDS.map((k) => (
                <Choice key={k} className={`hl-period-${k}`} on={draft.periodKind === k} label={PERIOD_KIND_LABELS[k]} onClick={() => change({ periodKind: k })} />
              ))}
            </View>
            <FieldError field='periodKind' message={fields.errors.periodKind} />
          </View>

          <View className='hl-card hl-field-thresholds'>
            <Text className='hl-section-title'>评定分数线</Text>
            <View className='hy-threshold-fields'>
              <Field label='✓ 达标：不低于' name='green' type='number' maxLength={3} value={draft.green} onChange={(green) => change({ green })} />
              <Field label='! 基本达标：不低于' name='amber' type='number' maxLength={3} value={draft.amber} onChange={(amber) => change({ amber })} />
            </View>
            <Text className='hl-note'>{`低于基本达标分数线为 ✕ 未达标`}</Text>
            <FieldError field='thresholds' message={fields.errors.thresholds} />
          </View>

          <FieldError field='items' message={fields.errors.items} />
          {MECHANISMS.map((m, n) => {
            const items = draft.items.filter((i) => i.def.mechanism === m)
            const left = items.filter((i) => !i.removed).length
            return (
              <View key={m} className={`hl-card hl-template-mechanism hl-template-mechanism-${m}`}>
                <Text className='hl-section-title'>{`${n + 1}. ${MECHANISM_LABELS[m]}（${left} 项）`}</Text>
                {items.map((i) => (
                  <ItemEditor key={i.def.id} item={i} removable={left > 1} error={itemError(i.def.id)} onChange={(next) => changeItem(i.def.id, next)} />
                ))}
              </View>
            )
          })}

          <View className='hl-card'>
            <Text className='hl-field-label'>版本说明（可不填）</Text>
            <TextBox
              className='hl-input-template-note'
              value={draft.note}
              placeholder='例如：提高议事会的权重，社区工作者目标改为 10 人'
              maxLength={200}
              onChange={(note) => change({ note })}
            />
            <FieldError field='note' message={fields.errors.note} />
          </View>

          {confirming ? (
            <View className='hl-card hl-inline-form hy-confirm hl-form-publish'>
              <Text className='hl-text'>{`发布第 ${data.current.version + 1} 版？进行中的自查仍按原版本，下次发起的自查使用新版本。`}</Text>
              <FormButtons name='publish' submitText='确认发布' busy={busy} onSubmit={() => void publish()} onCancel={() => setConfirming(false)} />
            </View>
          ) : (
            <FormButtons
              name='template'
              submitText='发布新版本'
              submitClassName='hl-btn-publish'
              cancelText='放弃修改'
              cancelClassName='hl-btn-cancel-edit'
              onSubmit={() => {
                setNotice(null)
                if (check(draft)) {
                  setConfirming(true)
                  bringIntoView('liuyou-template', 'hl-form-publish')
                } else toTop()
              }}
              onCancel={() => {
                setDraft(null)
                setConfirming(false)
                fields.clear()
              }}
            />
          )}
        </>
      ) : null}
    </PageShell>
  )
}
