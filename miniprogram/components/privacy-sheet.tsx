import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { openPrivacyContract, PRIVACY_AGREE_BUTTON_ID, PRIVACY_CONTRACT_NAME, PRIVACY_DECLINED_TEXT, privacyGate, usePrivacy } from '../lib/privacy'

/** What the mini-program handles and why, as 《红邻用户隐私保护指引》 declares it, in a few plain lines. */
const USES: { what: string; why: string }[] = [
  { what: '位置', why: '标出报事的地点、志愿者常在的位置，找离您最近的服务站' },
  { what: '照片和相机', why: '给报事和办结拍照、选照片' },
  { what: '麦克风', why: '按住说话，把您说的话变成文字' },
  { what: '剪贴板', why: '复制统计表格等内容' },
]

/**
 * WeChat's privacy consent, drawn on the page (WeChat holds the call that needed it until the person
 * answers; see lib/privacy.ts). Every page carries it through PageShell; it shows nothing until
 * WeChat asks. In 长辈版 the page root's class makes its text and buttons large like the rest.
 * Its stylesheet (privacy-sheet.scss) is loaded once with the app's, not by every page's chunk.
 */
export function PrivacySheet() {
  const { phase, purposes } = usePrivacy()
  if (phase === 'closed') return null
  return (
    <View className='hl-privacy'>
      <View className='hl-privacy-mask' />
      <View className='hl-privacy-sheet' role='dialog' aria-modal='true' aria-label='隐私保护提示'>
        <Text className='hl-privacy-title'>隐私保护提示</Text>
        {phase === 'declined' ? (
          <>
            <View className='hl-notice hl-privacy-declined' role='alert'>
              <Text>{PRIVACY_DECLINED_TEXT}</Text>
            </View>
            <Button className='hl-btn hl-btn-block hl-btn-privacy-ok' onClick={() => privacyGate.dismiss()}>
              知道了
            </Button>
          </>
        ) : (
          <>
            <View className='hl-privacy-body'>
              <Text className='hl-privacy-text'>{purposes.length > 0 ? `这次要用到：${purposes.join('、')}。` : '这个功能要用到您的个人信息。'}</Text>
              <Text className='hl-privacy-text'>红邻只在您用到下面的功能时才使用这些信息：</Text>
              {USES.map((u) => (
                <Text key={u.what} className='hl-privacy-use'>{`${u.what}：${u.why}`}</Text>
              ))}
              <Text className='hl-privacy-text'>详细内容请看</Text>
              <View className='hl-privacy-link' role='link' onClick={() => openPrivacyContract(Taro)}>
                <Text>{PRIVACY_CONTRACT_NAME}</Text>
              </View>
            </View>
            <View className='hl-privacy-buttons'>
              <Button className='hl-btn hl-btn-privacy-disagree' onClick={() => privacyGate.disagree()}>
                不同意
              </Button>
              <Button
                id={PRIVACY_AGREE_BUTTON_ID}
                className='hl-btn hl-btn-privacy-agree'
                openType='agreePrivacyAuthorization'
                onAgreePrivacyAuthorization={() => privacyGate.agree(PRIVACY_AGREE_BUTTON_ID)}
              >
                同意并继续
              </Button>
            </View>
          </>
        )}
      </View>
    </View>
  )
}
