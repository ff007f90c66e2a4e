import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { accounts, type WebSessionView } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { dropWebSession, WEB_LOGIN_PC_ROUTE } from '../../../services/web-session'
import { when } from '../../../lib/time-words'
import '../common/web-login.scss'

type List = { status: 'loading' } | { status: 'ready'; sessions: WebSessionView[] } | { status: 'error'; error: ClientError }

/** `2026-11-23 10:05`, Beijing time. */

/**
 * 我的 → 电脑登录: the computers the caller is signed in on by scan, each with 退出. The one this very
 * page runs on (a PC) is marked 本机; ending it returns to the sign-in code.
 */
export default function WebSessions() {
  const [list, setList] = useState<List>({ status: 'loading' })
  const [ending, setEnding] = useState<string | null>(null)
  const [problem, setProblem] = useState<ClientError | null>(null)

  const load = async () => {
    const answer = await accounts.listWebSessions()
    setList(answer.ok ? { status: 'ready', sessions: answer.data.sessions } : { status: 'error', error: answer.error })
  }
  useDidShow(() => {
    void load()
  })

  const end = async (s: WebSessionView) => {
    setEnding(s.id)
    setProblem(null)
    const answer = await accounts.revokeWebSession({ sessionId: s.id })
    setEnding(null)
    if (!answer.ok && answer.error.code !== 'ACCOUNTS.SESSION_ALREADY_ENDED') {
      setProblem(answer.error)
      return
    }
    if (s.current) {
      dropWebSession()
      void Taro.reLaunch({ url: WEB_LOGIN_PC_ROUTE })
      return
    }
    if (list.status === 'ready') setList({ status: 'ready', sessions: list.sessions.filter((x) => x.id !== s.id) })
  }

  return (
    <PageShell name='web-sessions'>
      <Text className='hl-title'>电脑登录</Text>
      <Text className='hl-note'>在电脑浏览器打开红邻，用微信扫码即可登录。12 小时不用或满 7 天会自动退出；不在身边的电脑请及时退出。</Text>
      {problem ? <ErrorView error={problem} /> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void load()} /> : null}
      {list.status === 'ready' && list.sessions.length === 0 ? <Empty text='没有在电脑上登录' /> : null}
      {list.status === 'ready'
        ? list.sessions.map((s) => (
            <View key={s.id} className='hl-card ws-row hl-web-session'>
              <View className='ws-row-text'>
                <Text className='ws-label'>
                  {s.label}
                  {s.current ? <Text className='ws-current'>（本机）</Text> : null}
                </Text>
                <Text className='hl-note ws-time'>{`登录于 ${when(s.createdAt)}`}</Text>
                <Text className='hl-note ws-time'>{`最近使用 ${when(s.lastUsedAt) || '—'}`}</Text>
              </View>
              <Button className='hl-btn hl-btn-web-session-end' size='large' loading={ending === s.id} disabled={ending !== null} onClick={() => void end(s)}>
                退出
              </Button>
            </View>
          ))
        : null}
    </PageShell>
  )
}
