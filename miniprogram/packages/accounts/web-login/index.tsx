import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { ErrorView, Loading } from '../../../components/states'
import { back, go, ROUTES } from '../../../lib/nav'
import { loadProfile, opens, useProfile } from '../../../lib/profile'
import { sceneFromParams } from '../../../lib/scene'
import { accounts } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import '../common/web-login.scss'

type Confirm = { status: 'idle' | 'busy' } | { status: 'done'; label: string } | { status: 'error'; error: ClientError }

/**
 * 扫码登录, on the phone: opened by scanning the PC's code (WeChat, or 扫一扫 inside the app). Says
 * who is about to sign in on the PC, with 登录 / 取消. Only leaders and admins may (the server
 * decides; the page says so up front when the caller holds no such role).
 */
export default function WebLoginConfirm() {
  const router = useRouter()
  const scene = sceneFromParams(router.params)
  const state = useProfile()
  const profile = state.profile
  const [confirm, setConfirm] = useState<Confirm>({ status: 'idle' })

  useEffect(() => {
    void loadProfile()
  }, [])

  const submit = async () => {
    setConfirm({ status: 'busy' })
    const answer = await accounts.confirmWebLogin({ scene })
    setConfirm(answer.ok ? { status: 'done', label: answer.data.label } : { status: 'error', error: answer.error })
  }

  const roles = (profile?.roles ?? []).filter((r) => r.role !== 'resident')
  const leads = opens(profile, 'queue')

  return (
    <PageShell name='web-login'>
      <View className='hl-card wl-card'>
        <Text className='hl-title wl-question'>确认在电脑上登录红邻？</Text>
        {!scene ? (
          <Text className='hl-notice hl-notice-error wl-invalid'>没有读到登录二维码，请在电脑上刷新二维码后重新扫码</Text>
        ) : state.status === 'error' && !profile ? (
          <ErrorView error={state.error} onRetry={() => void loadProfile(true)} />
        ) : !profile ? (
          <Loading />
        ) : (
          <View className='wl-who'>
            <Text className='hl-hero wl-name'>{profile.name || '未填写姓名'}</Text>
            {roles.length ? (
              roles.map((r) => <Text key={`${r.role}-${r.nodeId}`} className='hl-note wl-role'>{`${r.nodeName ? `${r.nodeName} · ` : ''}${r.roleLabel}`}</Text>)
            ) : (
              <Text className='hl-note wl-role'>居民</Text>
            )}
          </View>
        )}
        {profile && !leads && confirm.status !== 'done' ? <Text className='hl-notice wl-not-allowed'>电脑端只对网格长、社区书记和街道管理员开放。</Text> : null}
        {confirm.status === 'done' ? (
          <View className='hl-notice hl-notice-ok wl-done' role='status'>
            <Text>{`✓ 已确认登录${confirm.label ? `（${confirm.label}）` : ''}`}</Text>
            <Text className='hl-note'>请回到电脑上继续。不用时可在“我的 → 电脑登录”里退出。</Text>
          </View>
        ) : null}
        {confirm.status === 'error' ? <Text className='hl-notice hl-notice-error wl-error'>{confirm.error.message}</Text> : null}
      </View>

      <View className='hl-actions'>
        {confirm.status === 'done' ? (
          <Button className='hl-btn hl-btn-block hl-btn-web-sessions' size='large' onClick={() => go(ROUTES.webSessions)}>
            查看我的电脑登录
          </Button>
        ) : (
          <>
            {scene && profile && leads ? (
              <Button
                className='hl-btn hl-btn-block hl-btn-web-login-confirm'
                type='primary'
                size='large'
                loading={confirm.status === 'busy'}
                disabled={confirm.status === 'busy'}
                onClick={submit}
              >
                登录
              </Button>
            ) : null}
            <Button className='hl-btn hl-btn-block hl-btn-web-login-cancel' size='large' disabled={confirm.status === 'busy'} onClick={() => back(ROUTES.me)}>
              取消
            </Button>
          </>
        )}
      </View>
    </PageShell>
  )
}
