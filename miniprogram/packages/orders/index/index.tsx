import { Text } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { Empty } from '../../../components/states'

/** Placeholder of the request loop's subpackage: honest about what is not there yet. */
export default function OrdersIndex() {
  return (
    <PageShell name='orders'>
      <Text className='hl-title'>报事办事</Text>
      <Empty text='建设中' hint='网上接单、平台派单、党员接单、居民评单的办事流程正在开发，上线后在这里使用。' />
    </PageShell>
  )
}
