import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { INVITABLE_ROLE_LABELS, INVITABLE_ROLES, MEETING_TYPE_RULES, MEETING_TYPES, type InvitableRole, type MeetingType } from '@shared/councils/meeting.types'
import { addDays, beijingDate, beijingInstant, clockText } from '@shared/kernel/time'
import { isCommunityLevel } from '@shared/territory/kinds'
import { Choice } from '../../../components/choice'
import { DateTimeField } from '../../../components/date-field'
import { Field } from '../../../components/field'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { useFieldErrors } from '../../../lib/field-errors'
import { ROUTES, withQuery } from '../../../lib/nav'
import { loadProfile, useProfile } from '../../../lib/profile'
import { toTop } from '../../../lib/scroll'
import { accounts, type MemberView } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { councils, type MeetingView } from '../../../services/councils'
import { newClientKey } from '../../../services/orders'
import { stations, type StationView } from '../../../services/stations'
import { leaderPlaces } from '../common/places'
import { minutesText } from '../common/ui'
import '../common/councils.scss'

type F = 'type' | 'title' | 'node' | 'place' | 'when' | 'length' | 'roles' | 'invitees'
const FIELDS: readonly F[] = ['type', 'title', 'node', 'place', 'when', 'length', 'roles', 'invitees']
const PATHS: Record<string, F> = {
  type: 'type',
  title: 'title',
  nodeId: 'node',
  stationId: 'place',
  placeText: 'place',
  startAt: 'when',
  lengthMinutes: 'length',
  inviteRoles: 'roles',
  inviteeIds: 'invitees',
}
const CODES: Record<string, F> = { 'MEETING.START_IN_PAST': 'when', 'MEETING.AGENDA_OVERRUN': 'length', 'CODE.NOT_FOUND': 'place', 'TERRITORY.NODE_NOT_FOUND': 'node' }
const LENGTHS = [30, 45, 60, 90, 120, 180] as const
/** Residents shown before 显示全部 (the chosen ones always show). */
const FIRST_MEMBERS = 8

/** `19:30` → 1170; null when it is not a time. */
function minuteOf(hm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hm.trim())
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  return h < 24 && min < 60 ? h * 60 + min : null
}

type Loaded = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; meeting: MeetingView | null }

/**
 * 召集会议: type (with what it is for), title, the grid or community, where (a station or another
 * place), when and how long, who is invited (by role, by name). The agenda is built on the meeting's
 * page afterwards. With `?id=` it edits a draft or published meeting.
 */
export default function MeetingEdit() {
  const router = useRouter()
  const editId = router.params.id ? decodeURIComponent(router.params.id) : ''
  const state = useProfile()
  const profile = state.profile
  useDidShow(() => {
    void loadProfile()
  })
  const places = leaderPlaces(profile).filter((s) => s.nodeKind === 'grid' || isCommunityLevel(s.nodeKind))

  const [loaded, setLoaded] = useState<Loaded>(editId ? { status: 'loading' } : { status: 'ready', meeting: null })
  const [type, setType] = useState<MeetingType>('微网格议事会')
  const [title, setTitle] = useState('')
  const [nodeId, setNodeId] = useState<string | null>(null)
  const [stationId, setStationId] = useState<string | null>(null)
  const [placeText, setPlaceText] = useState('')
  const [today] = useState(() => beijingDate(Date.now()))
  const [date, setDate] = useState(() => addDays(today, 1))
  const [time, setTime] = useState('19:00')
  const [length, setLength] = useState(60)
  const [roles, setRoles] = useState<InvitableRole[]>(['gridMember', 'liaison', 'volunteer'])
  const [invitees, setInvitees] = useState<string[]>([])
  const [showAll, setShowAll] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const errors = useFieldErrors(FIELDS, { paths: PATHS, codes: CODES })
  const clientKey = useRef(newClientKey())

  // Editing: the meeting as it is.
  const fetchMeeting = async () => {
    setLoaded({ status: 'loading' })
    const answer = await councils.getMeeting(editId)
    if (!answer.ok) {
      setLoaded({ status: 'error', error: answer.error })
      return
    }
    const m = answer.data.meeting
    setType(m.type)
    setTitle(m.title)
    setNodeId(m.nodeId)
    setStationId(m.stationId)
    setPlaceText(m.placeText)
    setDate(beijingDate(m.startAt))
    setTime(clockText(m.startAt))
    setLength(m.lengthMinutes)
    setRoles([...m.inviteRoles])
    setInvitees(m.invitees.filter((i) => i.via === 'name').map((i) => i.userId))
    setLoaded({ status: 'ready', meeting: m })
  }
  useEffect(() => {
    if (editId) void fetchMeeting()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per meeting
  }, [editId])

  const chosenNode = nodeId ?? (places.length === 1 ? places[0]!.nodeId : null)
  const node = places.find((p) => p.nodeId === chosenNode)

  // Stations of the place: those serving the grid, or of the community.
  const [stationList, setStationList] = useState<{ status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; list: StationView[] }>({ status: 'loading' })
  const fetchStations = async () => {
    setStationList({ status: 'loading' })
    const answer = await stations.list()
    setStationList(answer.ok ? { status: 'ready', list: answer.data.stations } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchStations()
  }, [])
  const ofPlace =
    stationList.status === 'ready' && chosenNode
      ? stationList.list.filter((s) => s.communityId === chosenNode || s.servesGrids.some((g) => g.id === chosenNode) || s.id === stationId)
      : []

  // Residents of the place, to invite by name (居民代表).
  const [members, setMembers] = useState<{ status: 'idle' | 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; list: MemberView[]; total: number }>({
    status: 'idle',
  })
  const fetchMembers = async (at: string) => {
    setMembers({ status: 'loading' })
    const answer = await accounts.listMembers({ nodeId: at, kind: 'residents', offset: 0, limit: 50 })
    setMembers(answer.ok ? { status: 'ready', list: answer.data.members, total: answer.data.total } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    if (chosenNode) void fetchMembers(chosenNode)
  }, [chosenNode])

  const submit = async () => {
    setFormError(null)
    const local: Partial<Record<F, string>> = {}
    const minute = minuteOf(time)
    if (title.trim().length < 4) local.title = '会议名称至少 4 个字'
    if (!chosenNode) local.node = '请选择为哪个网格或社区召集'
    if (placeText.trim().length < 2) local.place = '请选择服务站，或写明会议地点'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || minute === null) local.when = '请选择开会的日期和时间'
    else if (Date.parse(beijingInstant(date, minute)) <= Date.now()) local.when = '会议开始时间不能早于现在'
    errors.set(local)
    if (Object.keys(local).length) {
      setFormError('还有几处没填好，请看红字提示')
      toTop()
      return
    }
    setBusy(true)
    const startAt = beijingInstant(date, minute!)
    const meeting = loaded.status === 'ready' ? loaded.meeting : null
    const answer = meeting
      ? await councils.editMeeting({
          meetingId: meeting.id,
          title: title.trim(),
          stationId,
          placeText: placeText.trim(),
          startAt,
          lengthMinutes: length,
          inviteRoles: roles,
          inviteeIds: invitees,
        })
      : await councils.createMeeting({
          clientKey: clientKey.current,
          type,
          title: title.trim(),
          nodeId: chosenNode!,
          ...(stationId ? { stationId } : {}),
          placeText: placeText.trim(),
          startAt,
          lengthMinutes: length,
          inviteRoles: roles,
          inviteeIds: invitees,
        })
    setBusy(false)
    if (answer.ok) {
      void Taro.redirectTo({ url: withQuery(ROUTES.councilMeeting, { id: answer.data.meeting.id, saved: meeting ? 'edit' : 'new' }) })
      return
    }
    setFormError(errors.fromServer(answer.error) ? '还有几处没填好，请看红字提示' : answer.error.message)
    toTop()
  }

  const editing = loaded.status === 'ready' && loaded.meeting !== null
  return (
    <PageShell name='council-meeting-edit'>
      <Text className='hl-title'>{editing ? '修改会议' : '召集会议'}</Text>
      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      {state.status === 'error' && !profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {loaded.status === 'loading' || (!profile && state.status !== 'error') ? <Loading /> : null}
      {loaded.status === 'error' ? <ErrorView error={loaded.error} onRetry={() => void fetchMeeting()} /> : null}
      {profile && places.length === 0 && !editing ? <Empty text='只有网格长和社区可以召集议事会' hint='受邀参加的会议在“议事会议”里' /> : null}

      {loaded.status === 'ready' && profile && (places.length > 0 || editing) ? (
        <>
          <View className='hl-card hl-field-type'>
            <Text className='hl-field-label'>会议类型</Text>
            {editing ? (
              <Text className='hl-text'>{`${type}：${MEETING_TYPE_RULES[type].hint}`}</Text>
            ) : (
              <View className='hl-choices hc-choices hc-choices-one'>
                {MEETING_TYPES.map((t) => (
                  <Choice
                    key={t}
                    className={`hl-type-choice hl-type-${MEETING_TYPES.indexOf(t)}`}
                    on={type === t}
                    label={t}
                    note={MEETING_TYPE_RULES[t].hint}
                    onClick={() => setType(t)}
                  />
                ))}
              </View>
            )}
            <FieldError field='type' message={errors.errors.type} />
          </View>

          <View className='hl-card'>
            <Field
              label='会议名称'
              name='meeting-title'
              value={title}
              maxLength={40}
              placeholder={`例如：11 月${type}`}
              error={errors.errors.title}
              onChange={(v) => {
                setTitle(v)
                errors.clear(['title'])
              }}
            />
          </View>

          <View className='hl-card hl-field-node'>
            <Text className='hl-field-label'>为哪里召集</Text>
            {editing ? (
              <Text className='hl-text'>{loaded.meeting!.placeLabel}</Text>
            ) : (
              <View className='hl-choices hc-choices hc-choices-one'>
                {places.map((p) => (
                  <Choice
                    key={p.nodeId}
                    className='hl-node-choice'
                    on={chosenNode === p.nodeId}
                    label={p.nodeName}
                    note={p.nodeKind === 'grid' ? '网格' : p.nodeKind === 'settlement' ? '集中居住区' : '社区'}
                    onClick={() => {
                      setNodeId(p.nodeId)
                      setInvitees([])
                      errors.clear(['node'])
                    }}
                  />
                ))}
              </View>
            )}
            <FieldError field='node' message={errors.errors.node} />
          </View>

          <View className='hl-card hl-field-place'>
            <Text className='hl-field-label'>会议地点</Text>
            {stationList.status === 'loading' ? <Loading text='正在加载服务站…' /> : null}
            {stationList.status === 'error' ? <ErrorView error={stationList.error} onRetry={() => void fetchStations()} /> : null}
            <View className='hl-choices hc-choices hc-choices-one'>
              {ofPlace.map((s) => (
                <Choice
                  key={s.id}
                  className='hl-station-choice'
                  on={stationId === s.id}
                  label={s.name}
                  note={s.address}
                  onClick={() => {
                    setStationId(s.id)
                    setPlaceText(s.name)
                    errors.clear(['place'])
                  }}
                />
              ))}
              <Choice
                className='hl-station-other'
                on={stationId === null}
                label='其他地点'
                note='不在服务站开会，请在下面写明地点'
                onClick={() => {
                  setStationId(null)
                  setPlaceText('')
                }}
              />
            </View>
            {stationId === null ? (
              <Field
                label='地点'
                name='place-text'
                value={placeText}
                maxLength={60}
                placeholder='例如：3 号楼前小广场'
                onChange={(v) => {
                  setPlaceText(v)
                  errors.clear(['place'])
                }}
              />
            ) : null}
            <FieldError field='place' message={errors.errors.place} />
          </View>

          <View className='hl-card hl-field-when'>
            <DateTimeField
              mode='date'
              label='日期'
              name='meeting-date'
              value={date}
              start={today}
              onChange={(v) => {
                setDate(v)
                errors.clear(['when'])
              }}
            />
            <DateTimeField
              mode='time'
              label='开始时间'
              name='meeting-time'
              value={time}
              error={errors.errors.when}
              onChange={(v) => {
                setTime(v)
                errors.clear(['when'])
              }}
            />
            <Text className='hl-field-label'>会议时长</Text>
            <View className='hl-choices hc-choices'>
              {LENGTHS.map((l) => (
                <Choice
                  key={l}
                  className={`hl-length-choice hl-length-${l}`}
                  on={length === l}
                  label={minutesText(l)}
                  onClick={() => {
                    setLength(l)
                    errors.clear(['length'])
                  }}
                />
              ))}
            </View>
            <Text className='hl-note'>议程各项的时间加起来不能超过会议时长。</Text>
            <FieldError field='length' message={errors.errors.length} />
          </View>

          <View className='hl-card hl-field-roles'>
            <Text className='hl-field-label'>按角色邀请</Text>
            <Text className='hl-note'>{`${node?.nodeName ?? '辖区'}里担任这些角色的人都会收到邀请`}</Text>
            <View className='hl-choices hc-choices hc-choices-one'>
              {INVITABLE_ROLES.map((r) => (
                <Choice
                  key={r}
                  multiple
                  className={`hl-role-choice hl-role-${r}`}
                  on={roles.includes(r)}
                  label={INVITABLE_ROLE_LABELS[r]}
                  onClick={() => setRoles(roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r])}
                />
              ))}
            </View>
            <FieldError field='roles' message={errors.errors.roles} />
          </View>

          <View className='hl-card hl-field-invitees'>
            <Text className='hl-field-label'>{`点名邀请居民代表（已选 ${invitees.length} 人）`}</Text>
            <Text className='hl-note'>议程上议题的提出人会自动受邀。</Text>
            {!chosenNode ? <Text className='hl-note'>先选择为哪里召集</Text> : null}
            {members.status === 'loading' ? <Loading text='正在加载居民名单…' /> : null}
            {members.status === 'error' ? <ErrorView error={members.error} onRetry={() => chosenNode && void fetchMembers(chosenNode)} /> : null}
            {members.status === 'ready' && members.list.length === 0 ? <Text className='hl-note'>这里还没有登记的居民</Text> : null}
            {members.status === 'ready' ? (
              <View className='hl-choices hc-choices hc-choices-one'>
                {members.list
                  .filter((m, i) => showAll || i < FIRST_MEMBERS || invitees.includes(m.userId))
                  .map((m) => (
                    <Choice
                      key={m.userId}
                      multiple
                      className='hl-invitee-choice'
                      on={invitees.includes(m.userId)}
                      label={m.name || '未填写姓名'}
                      note={m.homeBreadcrumb.slice(-1).join('')}
                      onClick={() => setInvitees(invitees.includes(m.userId) ? invitees.filter((x) => x !== m.userId) : [...invitees, m.userId])}
                    />
                  ))}
              </View>
            ) : null}
            {members.status === 'ready' && !showAll && members.list.length > FIRST_MEMBERS ? (
              <Button className='hl-btn hl-btn-block hl-btn-all-members' onClick={() => setShowAll(true)}>
                {`显示全部 ${members.list.length} 位居民`}
              </Button>
            ) : null}
            {members.status === 'ready' && showAll && members.total > members.list.length ? (
              <Text className='hl-note'>{`只列出前 ${members.list.length} 位，共 ${members.total} 位`}</Text>
            ) : null}
            <FieldError field='invitees' message={errors.errors.invitees} />
          </View>

          <Button className='hl-btn hl-btn-block hl-btn-save-meeting' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void submit()}>
            {editing ? '保存修改' : '创建会议，下一步安排议程'}
          </Button>
        </>
      ) : null}
    </PageShell>
  )
}
