import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { refreshSystemFont } from './lib/elder'
import { loadProfile } from './lib/profile'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    refreshSystemFont()
    // Registers a first-time caller and brings their 长辈版 preference in, whichever page opens first.
    void loadProfile()
  })
  // WeChat's font setting can change while the app is in the background: read it on every show.
  useDidShow(() => refreshSystemFont())
  return children
}

export default App
