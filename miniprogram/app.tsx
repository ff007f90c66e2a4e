import type { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch } from '@tarojs/taro'
import { refreshSystemFont } from './lib/elder'
import { listenForPrivacyAuthorization } from './lib/privacy'
import { loadProfile } from './lib/profile'
import './app.scss'
import './components/privacy-sheet.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    refreshSystemFont()
    // WeChat asks before the first call that handles personal information: our consent sheet
    // (components/privacy-sheet.tsx, on every page through PageShell) answers. H5 has no such step.
    if (process.env.TARO_ENV === 'weapp') listenForPrivacyAuthorization(Taro)
    // Registers a first-time caller and brings their 长辈版 preference in, whichever page opens first.
    void loadProfile()
  })
  // WeChat's font setting can change while the app is in the background: read it on every show.
  useDidShow(() => refreshSystemFont())
  return children
}

export default App
