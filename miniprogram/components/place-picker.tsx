import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Cascader from '@nutui/nutui-react-taro/dist/es/packages/cascader/index'
// Cascader's sheets without its pop-up's (popup, overlay: ≈ 12 KB of wxss in each subpackage that is
// never drawn here, the picker being on the page).
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cascader/style/style.css'
import { offeredWithin, openingPath, placeChildren, placeOptions, type TreeIndex } from '../lib/territory'
import type { TreeNode } from '../services/accounts'
import './place-picker.scss'

/** What a level asks for, in words: the kind of place to tap, or that there is none yet. */
function levelHint(index: TreeIndex, offered: (n: TreeNode) => boolean, parentId: string | null): string {
  const next = placeChildren(index, parentId).filter(offered)
  if (next.length === 0) return '这里还没有登记楼栋，请联系网格长'
  if (next.every((n) => n.kind === 'building')) return '请选择楼栋，点一下就选好了'
  return `请选择${next[0]!.kindLabel}`
}

/** How many levels the Cascader shows for a path: one per place chosen, and the next unless a building ends it. */
function levelCount(index: TreeIndex, path: readonly string[]): number {
  const last = path.length ? index.byId.get(path[path.length - 1]!) : undefined
  return path.length + (last?.kind === 'building' ? 0 : 1)
}

/**
 * Picks a building by walking down the territory tree (街道 › 社区 › 网格 › 微网格 › 楼栋) with NutUI's
 * Cascader, drawn on the page (no pop-up): the levels chosen so far are tabs to go back to, the open
 * level's places are big rows. It opens at the chosen building, at `startAt`, or where choosing begins
 * (levels with one place only are passed). Sizes follow 长辈版 (place-picker.scss).
 */
export function PlacePicker({
  index,
  value = null,
  startAt = null,
  within = null,
  className = '',
  onPick,
  onCancel,
}: {
  index: TreeIndex
  /** The building chosen now: the picker opens on it, marked. */
  value?: string | null
  /** Where to open when nothing is chosen (a station's grid). */
  startAt?: string | null
  /** Only these places and what lies below them (a leader posting for a resident). */
  within?: ReadonlySet<string> | null
  className?: string
  onPick: (building: TreeNode) => void
  /** Shown as 不换了 when the person may keep what they had. */
  onCancel?: () => void
}) {
  const offered = useMemo(() => offeredWithin(index, within), [index, within])
  const options = useMemo(() => placeOptions(index, offered), [index, offered])
  const opening = useMemo(() => openingPath(index, offered, value ?? startAt), [index, offered, value, startAt])
  const openingKey = opening.join('/')
  // The path walked so far and the level looked at (a tab tapped to go back), of this opening: another
  // opening starts a fresh Cascader. The open level is the last one, until a tab is tapped.
  const [walked, setWalked] = useState<{ from: string; path: readonly string[]; tab: number | null } | null>(null)
  const mine = walked && walked.from === openingKey ? walked : null
  const path = mine?.path ?? opening
  const tab = mine?.tab ?? levelCount(index, path) - 1

  return (
    <View className={`hl-place-picker hl-place-at-${tab} ${className}`}>
      <Text className='hl-note hl-pick-hint'>
        {levelHint(index, offered, tab > 0 ? (path[tab - 1] ?? null) : null)}
        {within ? <Text className='hl-pick-within'>（只列出您负责的辖区）</Text> : null}
      </Text>
      <Cascader
        key={openingKey}
        className='hl-place-cascader'
        popup={false}
        options={options}
        defaultValue={opening}
        activeColor='#c8161d'
        onPathChange={(ids) => setWalked({ from: openingKey, path: ids.map(String), tab: null })}
        onTabsChange={(i) => setWalked({ from: openingKey, path, tab: i })}
        onChange={(ids) => {
          const picked = index.byId.get(String(ids[ids.length - 1]))
          if (picked?.kind === 'building') onPick(picked)
        }}
      />
      {onCancel ? (
        <Button className='hl-btn hl-btn-block hl-btn-cancel-place' onClick={onCancel}>
          不换了
        </Button>
      ) : null}
    </View>
  )
}
