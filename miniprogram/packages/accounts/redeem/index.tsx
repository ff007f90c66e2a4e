import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { PageShell } from '../../../components/page-shell'
import { FieldError } from '../../../components/states'
import { useFieldErrors } from '../../../lib/field-errors'
import { setProfile } from '../../../lib/profile'
import { back } from '../../../lib/nav'
import { accounts, type RoleView } from '../../../services/accounts'

export default function Redeem() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const fieldErrors = useFieldErrors(['code'])
  const [formError, setFormError] = useState<string | null>(null)
  const [granted, setGranted] = useState<RoleView | null>(null)

  const submit = async () => {
    const value = code.trim().toUpperCase()
    fieldErrors.set({})
    setFormError(null)
    if (!value) {
      fieldErrors.set({ code: '请输入邀请码' })
      return
    }
    setBusy(true)
    const answer = await accounts.redeemInvite({ code: value })
    setBusy(false)
    if (answer.ok) {
      setGranted(answer.data.role)
      setProfile(answer.data.user)
      setCode('')
      return
    }
    if (!fieldErrors.fromServer(answer.error)) setFormError(answer.error.message)
  }

  return (
    <PageShell name='redeem'>
      <Text className='hl-title'>兑换邀请码</Text>
      <Text className='hl-note'>社区或网格的负责人会给您一个 8 位邀请码，兑换后获得相应身份。</Text>
      <View className='hl-card hl-field'>
        <Text className='hl-field-label'>邀请码</Text>
        <Input className='hl-input hl-input-code' value={code} placeholder='8 位字母或数字' maxLength={8} onChange={(v) => setCode(v.toUpperCase())} />
        <FieldError field='code' message={fieldErrors.errors.code} />
      </View>
      {formError ? <Text className='hl-notice hl-notice-error hl-redeem-error'>{formError}</Text> : null}
      {granted ? (
        <Text className='hl-notice hl-notice-ok hl-redeem-ok'>{`兑换成功：您已成为${granted.nodeName ? ` ${granted.nodeName} 的` : ''}${granted.roleLabel}。`}</Text>
      ) : null}
      <Button className='hl-btn hl-btn-block hl-btn-redeem-submit' type='primary' size='large' loading={busy} disabled={busy} onClick={submit}>
        兑换
      </Button>
      {granted ? (
        <Button className='hl-btn hl-btn-block hl-btn-back' size='large' onClick={() => back()}>
          返回我的
        </Button>
      ) : null}
    </PageShell>
  )
}
