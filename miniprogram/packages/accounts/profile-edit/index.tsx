import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import Checkbox from '@nutui/nutui-react-taro/dist/es/packages/checkbox/index'
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'
import type { ApiInput } from '@shared/api/contract'
import { PageShell } from '../../../components/page-shell'
import { LargeTextToggle } from '../../../components/large-text-toggle'
import { PlacePicker } from '../../../components/place-picker'
import { ErrorView, FieldError, Loading } from '../../../components/states'
import { useFieldErrors } from '../../../lib/field-errors'
import { loadProfile, setProfile, useProfile } from '../../../lib/profile'
import { lineage, type TreeIndex } from '../../../lib/territory'
import { useTerritoryTree } from '../../../lib/territory-tree'
import { back } from '../../../lib/nav'
import { accounts, type Profile } from '../../../services/accounts'
import './index.scss'

type Field = 'name' | 'phone' | 'phoneConsent' | 'buildingId' | 'room'
const FIELDS: readonly Field[] = ['name', 'phone', 'phoneConsent', 'buildingId', 'room']

/** The chosen home with 重新选择, or the picker while there is none (or the person is changing it). */
function HomePicker({ index, value, onPick }: { index: TreeIndex; value: string | null; onPick: (id: string) => void }) {
  const [open, setOpen] = useState(value === null)
  if (!open) {
    return (
      <View className='pe-picked'>
        <Text className='hl-text pe-picked-path'>{(value ? lineage(index, value) : []).map((n) => n.name).join(' › ') || '未选择'}</Text>
        <Button className='hl-btn pe-btn-repick' size='small' onClick={() => setOpen(true)}>
          重新选择
        </Button>
      </View>
    )
  }
  return (
    <PlacePicker
      className='pe-picker'
      index={index}
      value={value}
      onPick={(b) => {
        onPick(b.id)
        setOpen(false)
      }}
    />
  )
}

function EditForm({ profile, index }: { profile: Profile; index: TreeIndex | null }) {
  const [name, setName] = useState(profile.name)
  const [phone, setPhone] = useState(profile.phone ?? '')
  const [consent, setConsent] = useState(profile.hasPhoneConsent)
  const [buildingId, setBuildingId] = useState<string | null>(profile.home?.buildingId ?? null)
  const [room, setRoom] = useState(profile.home?.room ?? '')
  const fieldErrors = useFieldErrors(FIELDS)
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    const input: ApiInput<'accounts', 'updateProfile'> = {}
    if (name.trim() !== profile.name) input.name = name.trim()
    if (phone.trim() !== (profile.phone ?? '')) {
      if (phone.trim()) input.phone = phone.trim()
    }
    if (consent !== profile.hasPhoneConsent || input.phone !== undefined) input.phoneConsent = consent
    if (buildingId && buildingId !== profile.home?.buildingId) input.buildingId = buildingId
    if (room.trim() !== (profile.home?.room ?? '') || input.buildingId !== undefined) {
      if (room.trim()) input.room = room.trim()
    }
    fieldErrors.set({})
    setFormError(null)
    setSaved(false)
    if (Object.keys(input).length === 0) {
      setFormError('没有要修改的内容')
      return
    }
    if (input.buildingId !== undefined && input.room === undefined) {
      fieldErrors.set({ room: '请填写门牌号' })
      return
    }
    setSaving(true)
    const answer = await accounts.updateProfile(input)
    setSaving(false)
    if (answer.ok) {
      setProfile(answer.data.user)
      setSaved(true)
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
  }

  return (
    <View className='pe-form'>
      <View className='hl-card hl-field pe-field-name'>
        <Text className='hl-field-label'>姓名</Text>
        <Input className='hl-input hl-input-name' value={name} placeholder='请输入您的姓名' maxLength={20} onChange={(v) => setName(v)} />
        <FieldError field='name' message={errors.name} />
      </View>

      <View className='hl-card hl-field pe-field-phone'>
        <Text className='hl-field-label'>手机号</Text>
        <Input className='hl-input hl-input-phone' type='number' value={phone} placeholder='11 位手机号（可不填）' maxLength={11} onChange={(v) => setPhone(v)} />
        <FieldError field='phone' message={errors.phone} />
        <View className='hl-row pe-consent' onClick={() => setConsent(!consent)}>
          <Checkbox className='hl-check-consent' checked={consent} label='同意用于联系办事' />
        </View>
        <Text className='hl-note'>
          只有为您办事的志愿者和本网格的负责人能看到完整号码，其他人看到的是 138****1234。
          {profile.hasPhoneConsent ? '取消勾选并保存，会删除您的手机号。' : ''}
        </Text>
        <FieldError field='phoneConsent' message={errors.phoneConsent} />
      </View>

      <View className='hl-card hl-field pe-field-home'>
        <Text className='hl-field-label'>住址</Text>
        {index ? <HomePicker index={index} value={buildingId} onPick={setBuildingId} /> : <Loading text='正在加载楼栋…' />}
        <FieldError field='buildingId' message={errors.buildingId} />
        <Text className='hl-field-label pe-room-label'>门牌号</Text>
        <Input className='hl-input hl-input-room' value={room} placeholder='例如 2-301' maxLength={16} onChange={(v) => setRoom(v)} />
        <FieldError field='room' message={errors.room} />
      </View>

      <View className='hl-card'>
        <LargeTextToggle testId='hl-toggle-large-text' />
      </View>

      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}
      {saved ? <Text className='hl-notice hl-notice-ok hl-saved'>已保存</Text> : null}

      <Button className='hl-btn hl-btn-block hl-btn-save' type='primary' size='large' loading={saving} disabled={saving} onClick={save}>
        保存
      </Button>
      {saved ? (
        <Button className='hl-btn hl-btn-block hl-btn-back' size='large' onClick={() => back()}>
          返回我的
        </Button>
      ) : null}
    </View>
  )
}

export default function ProfileEdit() {
  const state = useProfile()
  const tree = useTerritoryTree()
  useEffect(() => {
    void loadProfile()
  }, [])

  return (
    <PageShell name='profile-edit'>
      <Text className='hl-title'>编辑资料</Text>
      {state.status === 'error' && !state.profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {tree.error ? <ErrorView error={tree.error} onRetry={tree.retry} /> : null}
      {state.profile ? (
        // Keyed by profile id: a persona switch starts a fresh form.
        <EditForm key={state.profile.id} profile={state.profile} index={tree.index} />
      ) : state.status !== 'error' ? (
        <Loading />
      ) : null}
    </PageShell>
  )
}
