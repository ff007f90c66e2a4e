import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { refreshSystemFont } from './lib/elder'
import './app.scss'

function App({ children }: PropsWithChildren) {
  // WeChat's font setting can change while the app is in the background: read it on every show.
  useLaunch(() => refreshSystemFont())
  useDidShow(() => refreshSystemFont())
  return children
}

export default App
