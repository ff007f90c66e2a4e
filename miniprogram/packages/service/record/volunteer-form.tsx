import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { CATEGORIES, CATEGORY_SLUGS, type Category } from '@shared/orders/categories'
import { FieldError } from '../../../components/states'
import { LocationPick, type PickedPoint } from '../../../components/location-pick'
import { useFieldErrors, type FieldErrors } from '../../../lib/field-errors'
import { service, type MyRecord, type VolunteerProfileView } from '../../../services/service'
import { DAY_CHOICES, hm, parseHm } from '../common/format'
import { Choice } from '../common/ui'

type Field = 'workUnit' | 'partyBranch' | 'skills' | 'availability' | 'point'
const FIELDS: readonly Field[] = ['workUnit', 'partyBranch', 'skills', 'availability', 'point']

interface WindowDraft {
  days: number[]
  from: string
  to: string
}

const toggle = (list: readonly number[], d: number) => (list.includes(d) ? list.filter((x) => x !== d) : [...list, d].sort((a, b) => a - b))
const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s)

function YesNo({ name, value, onChange, yes, no }: { name: string; value: boolean; onChange: (v: boolean) => void; yes: string; no: string }) {
  return (
    <View className='hv-choices'>
      <Choice className={`hl-${name}-yes`} on={value} label={yes} onClick={() => onChange(true)} />
      <Choice className={`hl-${name}-no`} on={!value} label={no} onClick={() => onChange(false)} />
    </View>
  )
}

/**
 * 编辑志愿者资料 (双报到): party member or not; in-service members add their work unit and its party
 * branch; what they are good at; when they can serve.
 */
export function VolunteerForm({ profile, onSaved, onCancel }: { profile: VolunteerProfileView | null; onSaved: (r: MyRecord) => void; onCancel: () => void }) {
  const [partyMember, setPartyMember] = useState(profile?.partyMember ?? true)
  const [inService, setInService] = useState(profile?.inService ?? false)
  const [workUnit, setWorkUnit] = useState(profile?.workUnit ?? '')
  const [partyBranch, setPartyBranch] = useState(profile?.partyBranch ?? '')
  const [skills, setSkills] = useState<Category[]>((profile?.skills ?? []).filter(isCategory))
  const [windows, setWindows] = useState<WindowDraft[]>(
    profile?.availability.length ? profile.availability.map((w) => ({ days: [...w.days], from: hm(w.from), to: hm(w.to) })) : [{ days: [6, 7], from: '9:00', to: '12:00' }],
  )
  const [point, setPoint] = useState<PickedPoint | null>(profile?.point ? { ...profile.point, name: '', address: '已保存的常在位置' } : null)
  const fieldErrors = useFieldErrors(FIELDS)
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const setWindow = (i: number, patch: Partial<WindowDraft>) => setWindows(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)))

  const check = (): FieldErrors<Field> => {
    const e: FieldErrors<Field> = {}
    if (inService && workUnit.trim().length < 2) e.workUnit = '在职党员请填写工作单位'
    if (inService && partyBranch.trim().length < 2) e.partyBranch = '在职党员请填写所在党支部'
    if (skills.length === 0) e.skills = '至少选一项擅长'
    if (windows.length === 0) e.availability = '至少填一个服务时段'
    windows.forEach((w, i) => {
      const f = parseHm(w.from)
      const t = parseHm(w.to)
      if (e.availability) return
      if (w.days.length === 0) e.availability = `第 ${i + 1} 个时段请至少选一天`
      else if (f === null || t === null) e.availability = `第 ${i + 1} 个时段的时间请写成 9:00 这样`
      else if (t <= f) e.availability = `第 ${i + 1} 个时段的结束时间要晚于开始时间`
    })
    return e
  }

  const submit = async () => {
    setFormError(null)
    const local = check()
    fieldErrors.set(local)
    if (Object.keys(local).length) {
      setFormError('还有几处没填好，请看红字提示')
      return
    }
    setBusy(true)
    const answer = await service.updateVolunteerProfile({
      partyMember,
      inService,
      ...(inService ? { workUnit: workUnit.trim(), partyBranch: partyBranch.trim() } : {}),
      skills,
      availability: windows.map((w) => ({ days: w.days, from: parseHm(w.from)!, to: parseHm(w.to)! })),
      point: point ? { lat: point.lat, lng: point.lng } : null,
    })
    setBusy(false)
    if (answer.ok) {
      onSaved(answer.data)
      return
    }
    if (fieldErrors.fromServer(answer.error)) setFormError('有一处需要改一下，请看红字提示')
    else setFormError(answer.error.message)
  }

  return (
    <View className='hl-card hv-form hl-form-volunteer'>
      <Text className='hl-title'>志愿者资料</Text>

      <View className='hl-field'>
        <Text className='hl-field-label'>是不是党员</Text>
        <YesNo name='party' value={partyMember} onChange={setPartyMember} yes='是党员' no='不是党员' />
      </View>
      <View className='hl-field'>
        <Text className='hl-field-label'>是不是在职（双报到）</Text>
        <YesNo name='inservice' value={inService} onChange={setInService} yes='在职，单位报到' no='不在职' />
      </View>
      {inService ? (
        <>
          <View className='hl-field'>
            <Text className='hl-field-label'>工作单位</Text>
            <Input className='hl-input hl-input-work-unit' value={workUnit} placeholder='例如 市供电公司' maxLength={40} onChange={setWorkUnit} />
            <FieldError field='workUnit' message={errors.workUnit} />
          </View>
          <View className='hl-field'>
            <Text className='hl-field-label'>所在党支部</Text>
            <Input className='hl-input hl-input-party-branch' value={partyBranch} placeholder='例如 营销部党支部' maxLength={40} onChange={setPartyBranch} />
            <FieldError field='partyBranch' message={errors.partyBranch} />
          </View>
          <Text className='hl-note'>每月的服务记录会按单位汇总，交给单位党支部。</Text>
        </>
      ) : null}

      <View className='hl-field'>
        <Text className='hl-field-label'>擅长（可多选）</Text>
        <View className='hv-choices'>
          {CATEGORIES.map((c) => (
            <Choice
              key={c}
              multiple
              className={`hl-skill hl-skill-${CATEGORY_SLUGS[c]}`}
              on={skills.includes(c)}
              label={c}
              onClick={() => setSkills(skills.includes(c) ? skills.filter((x) => x !== c) : [...skills, c])}
            />
          ))}
        </View>
        <FieldError field='skills' message={errors.skills} />
      </View>

      <View className='hl-field'>
        <Text className='hl-field-label'>什么时候能服务</Text>
        {windows.map((w, i) => (
          <View key={i} className={`hv-window hl-window hl-window-${i}`}>
            <View className='hv-choices'>
              {DAY_CHOICES.map((d) => (
                <Choice
                  key={d.day}
                  multiple
                  className={`hl-window-day hl-window-day-${d.day}`}
                  on={w.days.includes(d.day)}
                  label={d.label}
                  onClick={() => setWindow(i, { days: toggle(w.days, d.day) })}
                />
              ))}
            </View>
            <View className='hv-times hv-section-title'>
              <Input className='hl-input hl-input-window-from' value={w.from} placeholder='9:00' maxLength={5} onChange={(v) => setWindow(i, { from: v })} />
              <Text className='hl-text'>至</Text>
              <Input className='hl-input hl-input-window-to' value={w.to} placeholder='12:00' maxLength={5} onChange={(v) => setWindow(i, { to: v })} />
            </View>
            {windows.length > 1 ? (
              <Button className='hl-btn hl-btn-block hl-btn-remove-window' onClick={() => setWindows(windows.filter((_, j) => j !== i))}>
                删除这个时段
              </Button>
            ) : null}
          </View>
        ))}
        <FieldError field='availability' message={errors.availability} />
        {windows.length < 14 ? (
          <Button className='hl-btn hl-btn-block hl-btn-add-window' onClick={() => setWindows([...windows, { days: [], from: '9:00', to: '12:00' }])}>
            再加一个时段
          </Button>
        ) : null}
      </View>

      <View className='hl-field hl-field-volunteer-point'>
        <LocationPick
          title='常在位置（可不选）'
          hint='平时常在哪儿：派单时会优先找离得近的志愿者。只用来算远近，不给别人看。'
          value={point}
          onChange={setPoint}
          named={false}
          error={errors.point}
        />
      </View>

      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      <View className='hv-form-buttons'>
        <Button className='hl-btn hl-btn-save-volunteer' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          保存
        </Button>
        <Button className='hl-btn hl-btn-cancel-volunteer' disabled={busy} onClick={onCancel}>
          不改了
        </Button>
      </View>
    </View>
  )
}
