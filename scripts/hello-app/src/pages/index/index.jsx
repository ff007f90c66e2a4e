import { View, Text } from '@tarojs/components'

export default function Index() {
  return (
    <View className='index'>
      <Text>Hello world!</Text>
    </View>
  )
}
