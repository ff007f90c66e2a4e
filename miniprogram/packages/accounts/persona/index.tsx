import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { resetProfile } from '../../../lib/profile'
import { ROUTES } from '../../../lib/nav'
import { accounts, type Persona } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { canSwitchPersona, currentPersona, setPersona } from '../../../services/persona'
import './index.scss'

/** Local demo only: whom the gateway treats as the caller. In WeChat the OPENID decides. */
export default function PersonaSwitcher() {
  const [personas, setPersonas] = useState<Persona[] | null>(null)
  const [error, setError] = useState<ClientError | null>(null)
  const current = currentPersona()

  const load = async () => {
    setError(null)
    const answer = await accounts.personas()
    if (answer.ok) setPersonas(answer.data.personas)
    else setError(answer.error)
  }

  useEffect(() => {
    if (canSwitchPersona) void load()
  }, [])

  const pick = (openid: string) => {
    setPersona(openid)
    resetProfile()
    void Taro.reLaunch({ url: ROUTES.me })
  }

  return (
    <PageShell name='persona'>
      <Text className='hl-title'>切换身份</Text>
      {!canSwitchPersona ? (
        <Empty text='此功能只在本地演示环境可用' />
      ) : (
        <>
          <Text className='hl-note'>本地演示：选一位居民或工作人员，以他的身份使用红邻。每一位下面写着他是谁、可以试什么。</Text>
          {error ? <ErrorView error={error} onRetry={() => void load()} /> : null}
          {!personas && !error ? <Loading /> : null}
          {personas && personas.length === 0 ? <Empty text='没有可切换的演示身份' /> : null}
          {personas && personas.length > 0 ? (
            <View className='hl-card'>
              {personas.map((p) => (
                <View key={p.openid} className={`hl-row hl-persona hl-persona-${p.openid}${p.openid === current ? ' hl-persona-current' : ''}`} onClick={() => pick(p.openid)}>
                  <View className='hl-label persona-who'>
                    <Text className='hl-text persona-name'>{p.name}</Text>
                    <Text className='persona-summary'>{p.summary || p.roleLabels.join('、') || '居民'}</Text>
                    {p.purpose ? <Text className='hl-note persona-purpose'>{p.purpose}</Text> : null}
                  </View>
                  <Text className={`persona-go${p.openid === current ? ' persona-go-current' : ''}`}>{p.openid === current ? '当前' : '切换 ›'}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </>
      )}
    </PageShell>
  )
}
