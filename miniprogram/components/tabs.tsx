import { Text, View } from '@tarojs/components'
import './tabs.scss'

/** A row of tabs (`hl-tabs-{name}`, each `hl-tab-{key}`, the one shown `hl-tab-on`). */
export function Tabs<K extends string>({ items, value, onChange, name }: { items: readonly { key: K; label: string }[]; value: K; onChange: (k: K) => void; name: string }) {
  return (
    <View className={`hl-tab-strip hl-tabs-${name}`} role='tablist'>
      {items.map((t) => (
        <View
          key={t.key}
          className={`hl-tab-strip-item hl-tab hl-tab-${t.key}${t.key === value ? ' hl-tab-strip-on hl-tab-on' : ''}`}
          role='tab'
          aria-selected={t.key === value}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.key === value ? `● ${t.label}` : t.label}</Text>
        </View>
      ))}
    </View>
  )
}
