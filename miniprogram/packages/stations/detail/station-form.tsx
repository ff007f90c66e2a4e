import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { FormButtons } from '../../../components/form-buttons'
import { ErrorView, FieldError, Loading } from '../../../components/states'
import { useFieldErrors, type FieldErrors, type FieldRules } from '../../../lib/field-errors'
import { accounts } from '../../../services/accounts'
import { SERVING_ROLES } from '@shared/accounts/roles'
import type { ClientError } from '../../../services/call'
import { stations, type RosterRow, type StationView } from '../../../services/stations'
import { DAY_CHOICES, hm, parseHm, slotText } from '../common/format'
import { Choice } from '../common/ui'

type Field = 'name' | 'address' | 'openingHours' | 'days' | 'open' | 'close' | 'roster'
const FIELDS: readonly Field[] = ['name', 'address', 'openingHours', 'days', 'open', 'close', 'roster']
/** `payload.hours.open` → `open`, any other `payload.hours…` → `close` (`payload.roster.2.to` is `roster` by its name). */
const FIELD_RULES: FieldRules<Field> = { paths: { 'hours.days': 'days', 'hours.open': 'open', hours: 'close' } }

const toggle = (list: readonly number[], d: number) => (list.includes(d) ? list.filter((x) => x !== d) : [...list, d].sort((a, b) => a - b))

interface Person {
  userId: string
  name: string
  role: string
}

/** 添加一班: a person who works in one of the station's grids, the days and the times. */
function AddSlot({ station, onAdd, onCancel }: { station: StationView; onAdd: (row: RosterRow) => void; onCancel: () => void }) {
  const [people, setPeople] = useState<{ status: 'idle' | 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; list: Person[] }>({ status: 'idle' })
  const [who, setWho] = useState<Person | null>(null)
  const [days, setDays] = useState<number[]>([])
  const [from, setFrom] = useState('09:00')
  const [to, setTo] = useState('12:00')
  const [problem, setProblem] = useState<string | null>(null)

  const loadPeople = async () => {
    setPeople({ status: 'loading' })
    const grids = station.servesGrids.map((g) => g.id)
    const found = new Map<string, Person>()
    for (const gridId of grids) {
      const answer = await accounts.listMembers({ nodeId: gridId, kind: 'roles', limit: 50 })
      if (!answer.ok) {
        setPeople({ status: 'error', error: answer.error })
        return
      }
      for (const m of answer.data.members) {
        const role = m.roles.find((r) => (SERVING_ROLES as readonly string[]).includes(r.role) && grids.includes(r.nodeId))
        if (role && !found.has(m.userId)) found.set(m.userId, { userId: m.userId, name: m.name, role: role.roleLabel })
      }
    }
    setPeople({ status: 'ready', list: [...found.values()] })
  }
  useEffect(() => {
    void loadPeople()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [])

  const add = () => {
    const f = parseHm(from)
    const t = parseHm(to)
    if (!who) return setProblem('请选择值班的人')
    if (days.length === 0) return setProblem('请至少选一天')
    if (f === null || t === null) return setProblem('时间请写成 9:00 这样')
    if (t <= f) return setProblem('值班结束要晚于开始')
    onAdd({ userId: who.userId, name: who.name, days, from: f, to: t })
  }

  return (
    <View className='hl-card hs-form hl-form-add-slot'>
      <Text className='hl-field-label'>谁值班</Text>
      {people.status === 'loading' || people.status === 'idle' ? <Loading text='正在加载本站网格的志愿者…' /> : null}
      {people.status === 'error' ? <ErrorView error={people.error} onRetry={() => void loadPeople()} /> : null}
      {people.status === 'ready' && people.list.length === 0 ? <Text className='hl-note'>本站服务的网格还没有志愿者或网格长</Text> : null}
      {people.status === 'ready' ? (
        <View className='hs-choices'>
          {people.list.map((p) => (
            <Choice key={p.userId} className={`hl-slot-person hl-slot-person-${p.userId}`} on={who?.userId === p.userId} label={p.name} note={p.role} onClick={() => setWho(p)} />
          ))}
        </View>
      ) : null}
      <Text className='hl-field-label hs-section-title'>哪几天</Text>
      <View className='hs-choices'>
        {DAY_CHOICES.map((d) => (
          <Choice key={d.day} multiple className={`hl-slot-day hl-slot-day-${d.day}`} on={days.includes(d.day)} label={d.label} onClick={() => setDays(toggle(days, d.day))} />
        ))}
      </View>
      <Text className='hl-field-label hs-section-title'>几点到几点</Text>
      <View className='hs-times'>
        <Input className='hl-input hl-input-slot-from' value={from} placeholder='9:00' maxLength={5} onChange={setFrom} />
        <Text className='hl-text'>至</Text>
        <Input className='hl-input hl-input-slot-to' value={to} placeholder='12:00' maxLength={5} onChange={setTo} />
      </View>
      {problem ? <Text className='hl-field-error hl-field-error-slot'>{problem}</Text> : null}
      <FormButtons
        name='add-slot'
        submitClassName='hl-btn-add-slot-confirm'
        cancelClassName='hl-btn-add-slot-cancel'
        submitText='加上这一班'
        cancelText='不加了'
        onSubmit={add}
        onCancel={onCancel}
      />
    </View>
  )
}

/**
 * 编辑服务站: name, address, the opening hours (as text for the door and as days/times for the
 * open/closed chip) and the duty roster. Servings grids, point and photo go back unchanged.
 */
export function StationForm({ station, onSaved, onCancel }: { station: StationView; onSaved: (s: StationView) => void; onCancel: () => void }) {
  const [name, setName] = useState(station.name)
  const [address, setAddress] = useState(station.address)
  const [openingHours, setOpeningHours] = useState(station.openingHours)
  const [days, setDays] = useState<number[]>(station.hours?.days ?? [1, 2, 3, 4, 5])
  const [open, setOpen] = useState(hm(station.hours?.open ?? 540))
  const [close, setClose] = useState(hm(station.hours?.close ?? 1080))
  const [roster, setRoster] = useState<RosterRow[]>(station.roster)
  const [adding, setAdding] = useState(false)
  const fieldErrors = useFieldErrors(FIELDS, FIELD_RULES)
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const check = (): FieldErrors<Field> => {
    const e: FieldErrors<Field> = {}
    if (name.trim().length < 2) e.name = '站名至少 2 个字'
    if (address.trim().length < 2) e.address = '请填写地址'
    if (openingHours.trim().length < 2) e.openingHours = '请写上开放时间，例如 周一至周五 9:00–18:00'
    if (days.length === 0) e.days = '请至少选一天'
    const o = parseHm(open)
    const c = parseHm(close)
    if (o === null) e.open = '时间请写成 9:00 这样'
    if (c === null) e.close = '时间请写成 18:00 这样'
    else if (o !== null && c <= o) e.close = '关门时间要晚于开门时间'
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
    const answer = await stations.save({
      stationId: station.id,
      communityId: station.communityId,
      name: name.trim(),
      address: address.trim(),
      openingHours: openingHours.trim(),
      hours: { days, open: parseHm(open)!, close: parseHm(close)! },
      servesGridIds: station.servesGrids.map((g) => g.id),
      roster: roster.map((r) => ({ userId: r.userId, days: r.days, from: r.from, to: r.to })),
      ...(station.point ? { point: station.point } : {}),
      version: station.version,
    })
    setBusy(false)
    if (answer.ok) {
      onSaved(answer.data.station)
      return
    }
    if (fieldErrors.fromServer(answer.error)) setFormError('有一处需要改一下，请看红字提示')
    else setFormError(answer.error.message)
  }

  return (
    <View className='hl-card hs-form hl-form-station'>
      <Text className='hl-title'>编辑服务站</Text>
      <View className='hl-field'>
        <Text className='hl-field-label'>站名</Text>
        <Input className='hl-input hl-input-station-name' value={name} maxLength={30} onChange={setName} />
        <FieldError field='name' message={errors.name} />
      </View>
      <View className='hl-field'>
        <Text className='hl-field-label'>地址</Text>
        <Input className='hl-input hl-input-station-address' value={address} maxLength={80} onChange={setAddress} />
        <FieldError field='address' message={errors.address} />
      </View>
      <View className='hl-field'>
        <Text className='hl-field-label'>开放时间（贴在门口的说法）</Text>
        <Input className='hl-input hl-input-opening-hours' value={openingHours} maxLength={40} placeholder='周一至周五 9:00–18:00' onChange={setOpeningHours} />
        <FieldError field='openingHours' message={errors.openingHours} />
      </View>
      <View className='hl-field'>
        <Text className='hl-field-label'>哪几天开门</Text>
        <View className='hs-choices'>
          {DAY_CHOICES.map((d) => (
            <Choice key={d.day} multiple className={`hl-hours-day hl-hours-day-${d.day}`} on={days.includes(d.day)} label={d.label} onClick={() => setDays(toggle(days, d.day))} />
          ))}
        </View>
        <FieldError field='days' message={errors.days} />
      </View>
      <View className='hl-field'>
        <Text className='hl-field-label'>几点开门、几点关门</Text>
        <View className='hs-times'>
          <Input className='hl-input hl-input-open' value={open} placeholder='9:00' maxLength={5} onChange={setOpen} />
          <Text className='hl-text'>至</Text>
          <Input className='hl-input hl-input-close' value={close} placeholder='18:00' maxLength={5} onChange={setClose} />
        </View>
        <FieldError field='open' message={errors.open} />
        <FieldError field='close' message={errors.close} />
      </View>

      <View className='hl-field hl-field-roster'>
        <Text className='hl-field-label'>{`值班表（${roster.length} 班）`}</Text>
        {roster.length === 0 ? <Text className='hl-note'>还没有排班</Text> : null}
        {roster.map((r, i) => (
          <View key={`${r.userId}-${i}`} className={`hs-row hs-list-item hl-roster-edit-row hl-roster-edit-${i}`}>
            <View>
              <Text className='hl-text'>{r.name || '（未留名）'}</Text>
              <Text className='hl-note'>{slotText(r.days, r.from, r.to)}</Text>
            </View>
            <Button className='hl-btn hl-btn-remove-slot' size='small' onClick={() => setRoster(roster.filter((_, j) => j !== i))}>
              删除
            </Button>
          </View>
        ))}
        <FieldError field='roster' message={errors.roster} />
        {adding ? (
          <AddSlot
            station={station}
            onCancel={() => setAdding(false)}
            onAdd={(row) => {
              setRoster([...roster, row])
              setAdding(false)
            }}
          />
        ) : (
          <Button className='hl-btn hl-btn-block hl-btn-add-slot' onClick={() => setAdding(true)}>
            添加一班
          </Button>
        )}
      </View>

      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      <FormButtons name='station' submitClassName='hl-btn-save-station' submitText='保存' cancelText='不改了' busy={busy} onSubmit={() => void submit()} onCancel={onCancel} />
    </View>
  )
}
