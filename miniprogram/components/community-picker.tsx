import { Text, View } from '@tarojs/components'
import type { CommunityChoiceState } from '../lib/community-choice'
import { Choice } from './choice'

/** A row of the communities to choose from, when there is more than one (a street admin's). */
export function CommunityPicker({ label, choice }: { label: string; choice: CommunityChoiceState }) {
  const { communities, community, choose } = choice
  if (!community || communities.length < 2) return null
  return (
    <View className='hl-card hl-community-picker'>
      <Text className='hl-field-label'>{label}</Text>
      <View className='hl-choices'>
        {communities.map((c) => (
          <Choice key={c.id} className={`hl-community-choice hl-community-${c.id}`} on={c.id === community.id} label={c.name} onClick={() => choose(c.id)} />
        ))}
      </View>
    </View>
  )
}
