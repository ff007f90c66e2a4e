import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { useFieldErrors } from '../../../lib/field-errors'
import { scopesOf, useProfile } from '../../../lib/profile'
import { when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { open311, type KeyView } from '../../../services/open311'
import './keys.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; keys: KeyView[] }

/** The request list a platform reads with its key (GeoReport v2); the host is this deployment's. */
const REQUESTS_PATH = '/open311/v2/requests.json?api_key='

/**
 * 数据对接: a street admin issues one Open311 key per platform that reads the street's requests (the
 * district platform, a 12345 hotline), sees when each was last used, and stops a key at once. A key
 * is shown only when it is issued: the server keeps its hash.
 */
export default function Keys() {
  const { profile } = useProfile()
  const street = scopesOf(profile, 'dataAccess')[0] ?? null
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const fieldErrors = useFieldErrors(['name'])

  const reload = async (streetId: string) => {
    const answer = await open311.listKeys(streetId)
    setLoad(answer.ok ? { status: 'ready', keys: answer.data.keys } : { status: 'error', error: answer.error })
  }
  const streetId = street?.nodeId ?? null
  useEffect(() => {
    if (streetId) void reload(streetId)
  }, [streetId])

  if (!profile) return <PageShell name='open311-keys'>{<Loading />}</PageShell>
  if (!street)
    return (
      <PageShell name='open311-keys'>
        <Text className='hl-title'>数据对接</Text>
        <Empty text='只有街道管理员可以管理对接密钥' />
      </PageShell>
    )

  const issue = async () => {
    fieldErrors.set({})
    setFormError(null)
    setNotice(null)
    if (name.trim().length < 2) {
      fieldErrors.set({ name: '请填写对接平台的名称，至少 2 个字' })
      return
    }
    setBusy(true)
    const answer = await open311.issueKey({ streetId: street.nodeId, name: name.trim() })
    setBusy(false)
    if (!answer.ok) {
      if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
      return
    }
    void reload(street.nodeId)
    const { key, apiKey } = answer.data
    // A replay of an answer that was lost on the way: the key is never kept, so it cannot be shown again.
    if (apiKey === null) {
      setFormError(`「${key.name}」的密钥已发放，但没能显示出来。请在下面停用它，再重新发放一把。`)
      return
    }
    setIssued({ name: key.name, apiKey })
    setName('')
  }

  const revoke = async (key: KeyView) => {
    const sure = await Taro.showModal({
      title: '停用密钥',
      content: `停用后「${key.name}」将不能再读取本街道的数据，且不能恢复。确定停用吗？`,
      confirmText: '停用',
      cancelText: '不停用',
    })
    if (!sure.confirm) return
    setBusy(true)
    const answer = await open311.revokeKey(key.id)
    setBusy(false)
    if (answer.ok) {
      setNotice(`已停用「${key.name}」的密钥`)
      void reload(street.nodeId)
    } else setFormError(answer.error.message)
  }

  const copy = (apiKey: string) => void Taro.setClipboardData({ data: apiKey })

  return (
    <PageShell name='open311-keys'>
      <Text className='hl-title'>数据对接</Text>
      <Text className='hl-note'>{`${street.nodeName}的办事数据（不含任何居民个人信息）可以按 Open311 标准提供给区级平台、12345 热线。每个平台一把密钥，随时可以停用。`}</Text>

      {issued ? (
        <View className='hl-card hk-issued' role='alert'>
          <Text className='hl-section-title'>{`「${issued.name}」的密钥`}</Text>
          <Text className='hk-key hl-open311-key' selectable>
            {issued.apiKey}
          </Text>
          <Text className='hl-notice hl-keys-warn'>密钥只显示这一次，请现在复制并交给对方平台；丢失了就停用后重新发放。</Text>
          <Text className='hl-note'>{`对方这样读取：${REQUESTS_PATH}密钥`}</Text>
          <Button className='hl-btn hl-btn-block hl-btn-copy-key' type='primary' size='large' onClick={() => copy(issued.apiKey)}>
            复制密钥
          </Button>
          <Button className='hl-btn hl-btn-block hl-btn-done-key' size='large' onClick={() => setIssued(null)}>
            已交给对方
          </Button>
        </View>
      ) : (
        <View className='hl-card hl-field'>
          <Text className='hl-field-label'>新的对接平台</Text>
          <Input className='hl-input hl-input-platform' value={name} placeholder='如：区城市运行管理平台、12345 热线' maxLength={40} onChange={(v) => setName(v)} />
          <FieldError field='name' message={fieldErrors.errors.name} />
          <Button className='hl-btn hl-btn-block hl-btn-issue-key' type='primary' size='large' loading={busy} disabled={busy} onClick={issue}>
            发放密钥
          </Button>
        </View>
      )}
      {formError ? <Text className='hl-notice hl-notice-error hl-keys-error'>{formError}</Text> : null}
      {notice ? <Text className='hl-notice hl-notice-ok hl-keys-ok'>{notice}</Text> : null}

      <Text className='hl-section-title'>已发放的密钥</Text>
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void reload(street.nodeId)} /> : null}
      {load.status === 'ready' && load.keys.length === 0 ? <Empty text='还没有发放密钥' hint='对方平台要读取本街道的办事数据时，在上面发放一把' /> : null}
      {load.status === 'ready'
        ? load.keys.map((k) => (
            <View key={k.id} className={`hl-card hk-row hl-key-row hl-key-${k.active ? 'active' : 'revoked'}`}>
              <View className='hk-row-head'>
                <Text className='hk-row-name'>{k.name}</Text>
                <Text className={`hl-chip hk-chip-${k.active ? 'active' : 'revoked'}`}>{k.active ? '● 使用中' : '○ 已停用'}</Text>
              </View>
              <Text className='hl-note'>{`密钥 ${k.hint} · ${when(k.createdAt)} 发放`}</Text>
              <Text className='hl-note'>{k.revokedAt ? `${when(k.revokedAt)} 停用` : k.lastUsedAt ? `最近使用：${when(k.lastUsedAt)}` : '还没有使用过'}</Text>
              {k.active ? (
                <Button className='hl-btn hl-btn-revoke-key' fill='outline' type='danger' disabled={busy} onClick={() => void revoke(k)}>
                  停用
                </Button>
              ) : null}
            </View>
          ))
        : null}
    </PageShell>
  )
}
