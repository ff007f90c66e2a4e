import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { useFieldErrors } from '../../../lib/field-errors'
import { ROUTES, withQuery } from '../../../lib/nav'
import { when } from '../../../lib/time-words'
import { newRequestId, type ClientError } from '../../../services/call'
import { stations, type DeviceView } from '../../../services/stations'
import './devices.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; devices: DeviceView[] }

/**
 * The web address of the station's screen with its token: this deployment's H5 (the page's own
 * origin on H5, HONGLIN_H5_URL in the mini-program) and the screen's route. Without a known host the
 * route alone, to append to the H5 address.
 */
export function screenLink(stationId: string, token: string): string {
  const route = `#${withQuery(ROUTES.stationScreen, { stationId, device: token })}`
  if (process.env.TARO_ENV === 'h5') return `${window.location.origin}${window.location.pathname}${route}`
  return HONGLIN_H5_URL ? `${HONGLIN_H5_URL.replace(/#.*$/, '')}${route}` : route
}

/**
 * 大屏设备: those who manage a station authorize the monitor at the station to show its check-in
 * code as the station, with nobody signed in on it. A new screen's link (with its token) is shown
 * once, to open on that monitor; each screen can be stopped at once (停用).
 */
export function StationDevices({ stationId }: { stationId: string }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [label, setLabel] = useState('')
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<{ label: string; link: string } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const fieldErrors = useFieldErrors(['label'])
  /** One id per 授权 tap, kept across a 重试 of the same label (a lost answer is replayed, not issued twice). */
  const tap = useRef<{ label: string; requestId: string } | null>(null)

  const reload = async () => {
    const answer = await stations.listDevices(stationId)
    setLoad(answer.ok ? { status: 'ready', devices: answer.data.devices } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads when the station changes; reload reads the latest state
  }, [stationId])

  const issue = async () => {
    fieldErrors.set({})
    setFormError(null)
    setNotice(null)
    const name = label.trim()
    if (name.length < 2) {
      fieldErrors.set({ label: '请写上这块大屏放在哪里，至少 2 个字' })
      return
    }
    if (tap.current?.label !== name) tap.current = { label: name, requestId: newRequestId() }
    setBusy(true)
    const answer = await stations.issueDevice(stationId, name, tap.current.requestId)
    setBusy(false)
    if (!answer.ok) {
      if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
      return
    }
    tap.current = null
    void reload()
    const { device, token } = answer.data
    // A replay of an answer lost on the way: the token is never kept, so it cannot be shown again.
    if (token === null) {
      setFormError(`「${device.label}」已授权，但链接没能显示出来。请在下面停用它，再重新授权。`)
      return
    }
    setIssued({ label: device.label, link: screenLink(stationId, token) })
    setLabel('')
    setAdding(false)
  }

  const revoke = async (device: DeviceView) => {
    const sure = await Taro.showModal({
      title: '停用大屏',
      content: `停用后「${device.label}」将不再显示签到码，且不能恢复；要再用需重新授权。确定停用吗？`,
      confirmText: '停用',
      cancelText: '不停用',
    })
    if (!sure.confirm) return
    setBusy(true)
    setNotice(null)
    setFormError(null)
    const answer = await stations.revokeDevice(device.id)
    setBusy(false)
    if (answer.ok) {
      setNotice(`已停用「${device.label}」`)
      void reload()
    } else setFormError(answer.error.message)
  }

  const copy = (link: string) => void Taro.setClipboardData({ data: link })

  return (
    <View className='hl-card hl-station-devices'>
      <Text className='hl-title'>大屏设备</Text>
      <Text className='hl-note'>授权服务站的电脑或电视以服务站的身份显示签到码，不需要任何人登录。大屏丢了或不用了，随时停用。</Text>

      {issued ? (
        <View className='hsd-issued hl-device-issued' role='alert'>
          <Text className='hl-section-title'>{`「${issued.label}」的大屏链接`}</Text>
          <Text className='hsd-link hl-device-link' selectable>
            {issued.link}
          </Text>
          <Text className='hl-notice hl-device-warn'>链接只显示这一次，请现在复制，在那块大屏的浏览器里打开。打开后链接会从地址栏消失，大屏会记住授权。</Text>
          <Button className='hl-btn hl-btn-block hl-btn-copy-device' type='primary' size='large' onClick={() => copy(issued.link)}>
            复制链接
          </Button>
          <Button className='hl-btn hl-btn-block hl-btn-done-device' size='large' onClick={() => setIssued(null)}>
            已在大屏上打开
          </Button>
        </View>
      ) : adding ? (
        <View className='hl-field hsd-form'>
          <Text className='hl-field-label'>这块大屏放在哪里</Text>
          <Input className='hl-input hl-input-device-label' value={label} placeholder='如：一楼大厅电视' maxLength={20} onChange={(v) => setLabel(v)} />
          <FieldError field='label' message={fieldErrors.errors.label} />
          <Button className='hl-btn hl-btn-block hl-btn-issue-device' type='primary' size='large' loading={busy} disabled={busy} onClick={() => void issue()}>
            授权并生成链接
          </Button>
          <Button className='hl-btn hl-btn-block hl-btn-cancel-device' size='large' disabled={busy} onClick={() => setAdding(false)}>
            取消
          </Button>
        </View>
      ) : (
        <Button className='hl-btn hl-btn-block hl-btn-add-device' size='large' onClick={() => setAdding(true)}>
          授权新大屏
        </Button>
      )}
      {formError ? <Text className='hl-notice hl-notice-error hl-device-error'>{formError}</Text> : null}
      {notice ? <Text className='hl-notice hl-notice-ok hl-device-ok'>{notice}</Text> : null}

      {load.status === 'loading' ? <Loading text='正在加载大屏…' /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void reload()} /> : null}
      {load.status === 'ready' && load.devices.length === 0 ? <Empty text='还没有授权大屏' hint='点“授权新大屏”，把链接在服务站的电脑上打开' /> : null}
      {load.status === 'ready'
        ? load.devices.map((d) => (
            <View key={d.id} className={`hsd-row hl-device-row hl-device-${d.active ? 'active' : 'revoked'}`}>
              <View className='hsd-row-head'>
                <Text className='hsd-row-name hl-device-label'>{d.label}</Text>
                <Text className={`hs-chip hsd-chip-${d.active ? 'active' : 'revoked'}`}>{d.active ? '● 使用中' : '○ 已停用'}</Text>
              </View>
              <Text className='hl-note'>{`${d.issuedBy || '管理员'} ${when(d.issuedAt)} 授权 · 编号 ${d.hint}`}</Text>
              <Text className='hl-note'>
                {d.revokedAt ? `${d.revokedBy || '管理员'} ${when(d.revokedAt)} 停用` : d.lastUsedAt ? `最近使用：${when(d.lastUsedAt)}` : '还没有打开过'}
              </Text>
              {d.active ? (
                <Button className='hl-btn hl-btn-revoke-device' fill='outline' type='danger' disabled={busy} onClick={() => void revoke(d)}>
                  停用
                </Button>
              ) : null}
            </View>
          ))
        : null}
    </View>
  )
}
