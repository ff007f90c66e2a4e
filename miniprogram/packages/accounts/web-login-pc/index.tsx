import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { ErrorView, Loading } from '../../../components/states'
import { ROUTES } from '../../../lib/nav'
import { accounts, type WebLoginCode } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { dropWebSession, keepWebSession, webSession } from '../../../services/web-session'
import '../common/web-login.scss'

/** A new code every two minutes, as the old one stops being accepted. */
const CODE_EVERY_MS = 2 * 60_000
/** How often the PC asks whether the code was confirmed. */
const POLL_EVERY_MS = 2_000

type Code = { status: 'loading' } | { status: 'ready'; code: WebLoginCode } | { status: 'error'; error: ClientError }

/** Where to go once signed in: the page that asked for a person, or the leader's 办事 page. */
function destination(back: string | undefined): string {
  const to = back ? decodeURIComponent(back) : ''
  return to.startsWith('/') && !to.startsWith('//') ? to : ROUTES.work
}

/**
 * 扫码登录, on the PC (H5): the code to scan with the mini-program, renewed every two minutes; the
 * page asks every two seconds whether it was confirmed, then keeps the session and goes on. With a
 * session already held it says who is signed in, with 退出登录.
 */
export default function WebLoginPc() {
  const router = useRouter()
  const [held, setHeld] = useState(() => webSession())
  const [code, setCode] = useState<Code>({ status: 'loading' })
  const [leaving, setLeaving] = useState<ClientError | null | 'busy'>(null)
  const generation = useRef(0)

  // A new code on its way: the poll of the code still on screen does not ask for another meanwhile.
  const renewing = useRef(false)
  const fetchCode = async () => {
    const mine = ++generation.current
    renewing.current = true
    // A code on screen stays until its successor arrives: a phone aimed at it at that moment still reads one.
    setCode((c) => (c.status === 'ready' ? c : { status: 'loading' }))
    const answer = await accounts.startWebLogin({ userAgent: typeof navigator === 'undefined' ? undefined : navigator.userAgent.slice(0, 512) })
    if (mine !== generation.current) return
    renewing.current = false
    setCode(answer.ok ? { status: 'ready', code: answer.data } : { status: 'error', error: answer.error })
  }
  const renew = () => {
    if (!renewing.current) void fetchCode()
  }

  // A code now, and a new one every two minutes while nobody has signed in.
  useEffect(() => {
    if (held) return
    void fetchCode()
    const timer = setInterval(() => void fetchCode(), CODE_EVERY_MS)
    const codes = generation
    return () => {
      clearInterval(timer)
      // A code still on its way when the page leaves is not shown.
      codes.current++
    }
  }, [held])

  // Asks whether the code on screen was confirmed; an expired one is replaced at once.
  useEffect(() => {
    if (code.status !== 'ready') return
    const { ticketId, secret } = code.code
    if (!secret) return
    let stopped = false
    const timer = setInterval(async () => {
      const answer = await accounts.pollWebLogin({ ticketId, secret })
      if (stopped) return
      if (!answer.ok) {
        if (answer.error.code !== 'COMMON.NETWORK') renew()
        return
      }
      if (answer.data.status === 'expired') renew()
      if (answer.data.status === 'confirmed' && answer.data.token && answer.data.session) {
        stopped = true
        keepWebSession({ token: answer.data.token, sessionId: answer.data.session.id, name: answer.data.user?.name ?? '' })
        void Taro.reLaunch({ url: destination(router.params.back) })
      }
    }, POLL_EVERY_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one poll loop per code shown
  }, [code])

  const logout = async () => {
    if (!held) return
    setLeaving('busy')
    const answer = await accounts.revokeWebSession({ sessionId: held.sessionId })
    // An ended or expired session is gone either way; any other failure keeps it, to try again.
    if (!answer.ok && !answer.error.code.startsWith('ACCOUNTS.SESSION')) {
      setLeaving(answer.error)
      return
    }
    dropWebSession()
    setLeaving(null)
    setHeld(null)
  }

  if (held) {
    return (
      <PageShell name='web-login-pc'>
        <View className='hl-card wl-card wl-pc-signed-in'>
          <Text className='hl-title'>已在这台电脑上登录</Text>
          <Text className='hl-hero wl-name'>{held.name || '红邻'}</Text>
        </View>
        {leaving && leaving !== 'busy' ? <ErrorView error={leaving} /> : null}
        <View className='hl-actions'>
          <Button className='hl-btn hl-btn-block hl-btn-web-enter' type='primary' size='large' onClick={() => void Taro.reLaunch({ url: destination(router.params.back) })}>
            进入工作台
          </Button>
          <Button className='hl-btn hl-btn-block hl-btn-web-logout' size='large' loading={leaving === 'busy'} disabled={leaving === 'busy'} onClick={logout}>
            退出登录
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell name='web-login-pc'>
      <View className='hl-card wl-card'>
        <Text className='hl-title'>红邻 · 电脑登录</Text>
        {code.status === 'loading' ? <Loading text='正在生成登录二维码…' /> : null}
        {code.status === 'error' ? <ErrorView error={code.error} onRetry={() => void fetchCode()} /> : null}
        {code.status === 'ready' ? (
          <>
            <Image className='wl-pc-code' src={code.code.imageDataUrl} mode='scaleToFill' ariaLabel='登录二维码' />
            <Text className='wl-pc-hint'>请用微信扫一扫，在红邻小程序里确认登录</Text>
            <Text className='hl-note wl-pc-note'>二维码每 2 分钟更新一次。仅网格长、社区书记和街道管理员可以在电脑上登录。</Text>
          </>
        ) : null}
      </View>
    </PageShell>
  )
}
