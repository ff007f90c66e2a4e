import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { MEETING_TYPES, MEETING_TYPE_RULES, type MeetingType } from '@shared/councils/meeting.types'
import { Choice } from '../../../components/choice'
import { Field } from '../../../components/field'
import { PageShell } from '../../../components/page-shell'
import { PhotoPicker } from '../../../components/photo-picker'
import { ErrorView, FieldError, Loading } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import { useFieldErrors } from '../../../lib/field-errors'
import { ROUTES, withQuery } from '../../../lib/nav'
import { loadProfile, useProfile } from '../../../lib/profile'
import { toTop } from '../../../lib/scroll'
import { askSubscribe } from '../../../lib/subscribe'
import { lineage } from '../../../lib/territory'
import { useTerritoryTree } from '../../../lib/territory-tree'
import { councils } from '../../../services/councils'
import { newClientKey, type OrderPhoto } from '../../../services/orders'
import { leaderPlaces } from '../common/places'
import '../common/councils.scss'

type F = 'title' | 'description' | 'photos' | 'gridId' | 'meetingType'
const FIELDS: readonly F[] = ['title', 'description', 'photos', 'gridId', 'meetingType']

/**
 * 提出议题: a resident proposes a topic for their grid (others then support it); a leader
 * (`?leader=1`) raises one for a grid they lead, adopted at once.
 */
export default function Propose() {
  const router = useRouter()
  const leaderMode = router.params.leader === '1'
  const state = useProfile()
  const profile = state.profile
  useDidShow(() => {
    void loadProfile()
  })
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<OrderPhoto[]>([])
  const [gridId, setGridId] = useState<string | null>(router.params.gridId ? decodeURIComponent(router.params.gridId) : null)
  const [meetingType, setMeetingType] = useState<MeetingType | null>(null)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const errors = useFieldErrors(FIELDS)
  // One key per form: a retry after a lost answer is the same topic.
  const clientKey = useRef(newClientKey())
  const asked = useRef(false)

  // A leader picks one of the grids they lead (a grid, or the grids of their community or street).
  const tree = useTerritoryTree(leaderMode)
  const scopes = leaderPlaces(profile)
  const grids =
    leaderMode && tree.index ? [...tree.index.byId.values()].filter((n) => n.kind === 'grid' && lineage(tree.index!, n.id).some((a) => scopes.some((s) => s.nodeId === a.id))) : []
  const chosenGrid = leaderMode ? (gridId && grids.some((g) => g.id === gridId) ? gridId : grids.length === 1 ? grids[0]!.id : null) : null

  const submit = async () => {
    setFormError(null)
    const local: Partial<Record<F, string>> = {}
    if (title.trim().length < 4) local.title = '标题至少 4 个字'
    if (description.trim().length < 10) local.description = '请把情况说清楚（至少 10 个字）'
    if (leaderMode && !chosenGrid) local.gridId = '请选择议题所在的网格'
    errors.set(local)
    if (Object.keys(local).length) {
      setFormError('还有几处没填好，请看红字提示')
      return
    }
    if (!asked.current && !leaderMode) {
      asked.current = true
      await askSubscribe(['topic.adopted', 'topic.answered', 'topic.rate'])
    }
    setBusy(true)
    const base = { clientKey: clientKey.current, title: title.trim(), description: description.trim(), photos: photos.map((p) => p.fileId) }
    const answer = leaderMode
      ? await councils.raise({ ...base, gridId: chosenGrid!, ...(meetingType ? { meetingType } : {}) })
      : await councils.propose({ ...base, ...(gridId && gridId !== profile?.home?.gridId ? { gridId } : {}) })
    setBusy(false)
    if (answer.ok) {
      void Taro.redirectTo({ url: withQuery(ROUTES.councilTopic, { id: answer.data.topic.id, posted: '1' }) })
      return
    }
    if (!errors.fromServer(answer.error)) setFormError(answer.error.message)
    else setFormError('还有几处没填好，请看红字提示')
    toTop()
  }

  const noHome = !leaderMode && profile && !profile.home
  return (
    <PageShell name='council-propose'>
      <Text className='hl-title'>{leaderMode ? '网格党组织立题' : '提出议题'}</Text>
      <Text className='hl-note'>
        {leaderMode ? '由网格党组织直接提出的议题，提出后即为已采纳，可以列入议事会议程。' : '说说您希望邻里一起商量解决的事。同网格的居民可以附议，附议够了就提交网格长。'}
      </Text>
      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      {state.status === 'error' && !profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {!profile && state.status !== 'error' ? <Loading /> : null}
      {noHome ? <Text className='hl-notice'>您还没有登记住址。请先在“我的”里填写住址，议题会提交到您住的网格。</Text> : null}

      {profile ? (
        <>
          <View className='hl-card'>
            <Field
              label='议题标题'
              name='title'
              value={title}
              placeholder='例如：3 号楼前的路灯坏了很久'
              maxLength={40}
              error={errors.errors.title}
              onChange={(v) => {
                setTitle(v)
                errors.clear(['title'])
              }}
            />
            <View className='hl-field hl-field-description'>
              <Text className='hl-field-label'>情况说明</Text>
              <TextBox
                className='hl-input-description'
                value={description}
                placeholder='什么事、在哪里、影响了谁、您希望怎么解决'
                maxLength={1000}
                onChange={(v) => {
                  setDescription(v)
                  errors.clear(['description'])
                }}
              />
              <FieldError field='description' message={errors.errors.description} />
            </View>
          </View>

          <View className='hl-card hl-field-photos'>
            <Text className='hl-field-label'>照片</Text>
            <PhotoPicker name='topic' optional photos={photos} onChange={setPhotos} error={errors.errors.photos} />
          </View>

          <View className='hl-card hl-field-grid'>
            <Text className='hl-field-label'>哪个网格的事</Text>
            {leaderMode ? (
              tree.error ? (
                <ErrorView error={tree.error} onRetry={tree.retry} />
              ) : !tree.index ? (
                <Loading text='正在加载网格…' />
              ) : grids.length === 0 ? (
                <Text className='hl-note'>您负责的辖区里还没有网格</Text>
              ) : (
                <View className='hl-choices hc-choices hc-choices-one'>
                  {grids.map((g) => (
                    <Choice
                      key={g.id}
                      className={`hl-grid-choice hl-grid-${g.id}`}
                      on={chosenGrid === g.id}
                      label={g.name}
                      note={lineage(tree.index!, g.id)
                        .slice(0, -1)
                        .map((n) => n.name)
                        .join(' › ')}
                      onClick={() => {
                        setGridId(g.id)
                        errors.clear(['gridId'])
                      }}
                    />
                  ))}
                </View>
              )
            ) : profile.home ? (
              <Text className='hl-text hl-home-grid'>{profile.home.gridName ?? profile.home.breadcrumb.slice(0, 3).join(' › ')}（您住的网格）</Text>
            ) : (
              <Text className='hl-note'>填写住址后自动选择您住的网格</Text>
            )}
            <FieldError field='gridId' message={errors.errors.gridId} />
          </View>

          {leaderMode ? (
            <View className='hl-card hl-field-meeting-type'>
              <Text className='hl-field-label'>适合哪种会议（可不选）</Text>
              <View className='hl-choices hc-choices hc-choices-one'>
                {MEETING_TYPES.map((t) => (
                  <Choice
                    key={t}
                    className={`hl-type-choice`}
                    on={meetingType === t}
                    label={t}
                    note={MEETING_TYPE_RULES[t].hint}
                    onClick={() => setMeetingType(meetingType === t ? null : t)}
                  />
                ))}
              </View>
              <FieldError field='meetingType' message={errors.errors.meetingType} />
            </View>
          ) : null}

          <Button className='hl-btn hl-btn-block hl-btn-submit-topic' type='primary' size='large' loading={busy} disabled={busy || Boolean(noHome)} onClick={() => void submit()}>
            {leaderMode ? '立题' : '提交议题'}
          </Button>
        </>
      ) : null}
    </PageShell>
  )
}
