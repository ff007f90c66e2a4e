import { Text } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { Empty } from '../../../components/states'

/** Placeholder of the micro-council subpackage. */
export default function CouncilIndex() {
  return (
    <PageShell name='council-hall'>
      <Text className='hl-title'>网格议事</Text>
      <Empty text='建设中' hint='提议题、开议事会、表决和公示正在开发，上线后在这里使用。' />
    </PageShell>
  )
}
