import { Text, View } from '@tarojs/components'
import { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../components/page-shell'
import { LargeTextToggle } from '../../components/large-text-toggle'
import { LinkRow } from '../../components/link-row'
import { ErrorView, Loading } from '../../components/states'
import { loadProfile, opens, useProfile } from '../../lib/profile'
import { go, ROUTES } from '../../lib/nav'
import { canSwitchPersona } from '../../services/persona'
import { webSession } from '../../services/web-session'
import type { Profile } from '../../services/accounts'
import './index.scss'

function ProfileCard({ profile }: { profile: Profile }) {
  const home = profile.home
  const place = home ? [...home.breadcrumb].join(' › ') : ''
  return (
    <View className='hl-card me-profile'>
      <Text className='hl-hero me-name'>{profile.name || '未填写姓名'}</Text>
      <View className='hl-row me-row-phone'>
        <Text className='hl-label'>手机号</Text>
        <Text className='hl-text me-phone'>{profile.phoneMasked ?? '未填写'}</Text>
      </View>
      <View className='hl-row hl-row-stacked me-row-home'>
        <Text className='hl-label'>住址</Text>
        <View className='me-home'>
          {home ? (
            <>
              <Text className='hl-text me-home-place'>{place}</Text>
              <Text className='hl-note me-home-room'>{`门牌 ${home.room}`}</Text>
            </>
          ) : (
            <Text className='hl-text me-home-empty'>未填写住址</Text>
          )}
        </View>
      </View>
    </View>
  )
}

function RolesCard({ profile }: { profile: Profile }) {
  return (
    <View className='hl-card me-roles'>
      <Text className='hl-title'>我的身份</Text>
      {profile.roles.map((r) => (
        <View key={`${r.role}-${r.nodeId}`} className={`hl-row me-role me-role-${r.role}`}>
          <Text className='hl-label me-role-label'>{r.roleLabel}</Text>
          <Text className='hl-note me-role-node'>{r.nodeName || '未绑定网格'}</Text>
        </View>
      ))}
    </View>
  )
}

export default function Me() {
  const state = useProfile()
  useDidShow(() => {
    void loadProfile()
  })
  usePullDownRefresh(() => {
    void loadProfile(true).finally(() => stopPullDownRefresh())
  })

  const profile = state.profile
  const allowed = new Set(profile?.allowedActions ?? [])
  // Menus from the server's scopes: 双报到 and duty for those who serve; review, reports, duty overview where admitted.
  const serves = opens(profile, 'serviceRecord')
  // A PC signed in by scan (H5): its sign-in page says who is signed in and offers 退出登录.
  const signedInByScan = webSession() !== null

  return (
    <PageShell name='me'>
      <Text className='hl-title'>我的资料</Text>
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {profile ? (
        <>
          <ProfileCard profile={profile} />
          <RolesCard profile={profile} />
        </>
      ) : state.status !== 'error' ? (
        <Loading />
      ) : null}

      <View className='hl-card'>
        <LargeTextToggle testId='hl-toggle-large-text' />
      </View>

      <View className='hl-actions'>
        {!profile || allowed.has('updateProfile') ? (
          <Button className='hl-btn hl-btn-block hl-btn-edit-profile' type='primary' size='large' onClick={() => go(ROUTES.profileEdit)}>
            编辑资料
          </Button>
        ) : null}
        <Button className='hl-btn hl-btn-block hl-btn-messages' size='large' onClick={() => go(ROUTES.messages)}>
          消息通知
        </Button>
        <Button className='hl-btn hl-btn-block hl-btn-my-code' size='large' onClick={() => go(ROUTES.myCode)}>
          我的个人码
        </Button>
        {serves ? (
          <>
            <Button className='hl-btn hl-btn-block hl-btn-service-record' size='large' onClick={() => go(ROUTES.serviceRecord)}>
              我的服务记录
            </Button>
            <Button className='hl-btn hl-btn-block hl-btn-my-duty' size='large' onClick={() => go(ROUTES.stationDuty)}>
              我的值班
            </Button>
          </>
        ) : null}
        {opens(profile, 'approvals') ? (
          <Button className='hl-btn hl-btn-block hl-btn-approve-hours' size='large' onClick={() => go(ROUTES.serviceApprove)}>
            时长审核
          </Button>
        ) : null}
        {opens(profile, 'reports') ? (
          <Button className='hl-btn hl-btn-block hl-btn-unit-report' size='large' onClick={() => go(ROUTES.serviceReport)}>
            单位报告
          </Button>
        ) : null}
        {opens(profile, 'dutyOverview') ? (
          <Button className='hl-btn hl-btn-block hl-btn-duty-overview' size='large' onClick={() => go(ROUTES.dutyOverview)}>
            值班总览
          </Button>
        ) : null}
        {!profile || allowed.has('redeemInvite') ? (
          <Button className='hl-btn hl-btn-block hl-btn-redeem' size='large' onClick={() => go(ROUTES.redeem)}>
            兑换邀请码
          </Button>
        ) : null}
        {opens(profile, 'members') || opens(profile, 'invites') ? (
          <Button className='hl-btn hl-btn-block hl-btn-tree' size='large' onClick={() => go(ROUTES.tree)}>
            辖区与成员
          </Button>
        ) : null}
        {/* 扫码登录 is for those who lead a place: the same roles as the queue. */}
        {opens(profile, 'queue') ? (
          <Button className='hl-btn hl-btn-block hl-btn-web-sessions' size='large' onClick={() => go(ROUTES.webSessions)}>
            电脑登录
          </Button>
        ) : null}
        {signedInByScan ? (
          <Button className='hl-btn hl-btn-block hl-btn-web-logout' size='large' onClick={() => go(ROUTES.webLoginPc)}>
            退出登录（这台电脑）
          </Button>
        ) : null}
        {canSwitchPersona ? (
          <Button className='hl-btn hl-btn-block hl-btn-persona' size='large' onClick={() => go(ROUTES.persona)}>
            切换身份（本地演示）
          </Button>
        ) : null}
      </View>

      {/* 个人信息: what the system keeps about me, who read it, and (quieter, last) leaving for good. */}
      <View className='hl-card me-personal-data'>
        <Text className='hl-section-title'>个人信息</Text>
        <LinkRow className='hl-link-my-data' text='我的数据' note='查看、保存系统里关于您的信息' onClick={() => go(ROUTES.privacyMine)} />
        <LinkRow className='hl-link-my-reveals' text='谁查看了我的信息' onClick={() => go(ROUTES.privacyReveals)} />
        <LinkRow className='hl-link-delete-account me-link-quiet' text='注销账号' onClick={() => go(ROUTES.privacyDelete)} />
      </View>
    </PageShell>
  )
}
