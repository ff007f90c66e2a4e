import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { LinkRow } from '../../../components/link-row'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { go, ROUTES } from '../../../lib/nav'
import { saveJson } from '../../../lib/save-file'
import { when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { privacy, type MyData } from '../../../services/privacy'
import '../personal-data.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; data: MyData }
type Section = MyData['sections'][number]

/** A section shows this many records until the person asks for all of them. */
const FOLDED = 5

function SectionCard({ section }: { section: Section }) {
  const [open, setOpen] = useState(false)
  const shown = open ? section.records : section.records.slice(0, FOLDED)
  const hidden = section.records.length - shown.length
  return (
    <View className={`hl-card pv-section pv-section-${section.key}${section.records.length === 0 ? ' pv-section-empty' : ''}`}>
      <View className='pv-section-head'>
        <Text className='hl-section-title pv-section-title'>{section.title}</Text>
        <Text className='pv-count'>{section.records.length === 0 ? '没有记录' : `${section.records.length} 条`}</Text>
      </View>
      {shown.map((r) => (
        <Text key={r.id} className='pv-record'>
          {r.summary}
        </Text>
      ))}
      {hidden > 0 ? (
        <Button className='hl-btn hl-btn-block pv-more hl-btn-show-all' fill='outline' onClick={() => setOpen(true)}>
          {`展开全部（还有 ${hidden} 条）`}
        </Button>
      ) : null}
    </View>
  )
}

/**
 * 我的数据: everything the system keeps about the caller, readable section by section, and the same
 * as a file to keep or forward to family (WeChat) or download (H5). Links on to who read it and to
 * 注销账号.
 */
export default function MyDataPage() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)

  const reload = async () => {
    setLoad({ status: 'loading' })
    const answer = await privacy.exportMine()
    setLoad(answer.ok ? { status: 'ready', data: answer.data } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void reload()
  }, [])

  const save = async (data: MyData) => {
    setSaving(true)
    setNotice(null)
    const saved = await saveJson(data, data.fileName)
    setSaving(false)
    if (!saved.ok) setNotice({ ok: false, text: saved.message })
    else if (saved.how === 'downloaded') setNotice({ ok: true, text: `已下载：${data.fileName}` })
    else if (saved.how === 'shared') setNotice({ ok: true, text: `已转发：${data.fileName}` })
    else setNotice({ ok: true, text: `已保存在微信里：${data.fileName}。需要时再点「保存为文件」转发给自己或家人。` })
  }

  return (
    <PageShell name='privacy-mine'>
      <Text className='hl-title'>我的数据</Text>
      <Text className='hl-note pv-intro'>这里是红邻系统保存的关于您的全部信息：资料、身份、报过的事、评价、留言等。可以保存成文件留底，或转发给自己、家人。</Text>
      {load.status === 'loading' ? <Loading text='正在整理您的数据…' /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void reload()} /> : null}
      {load.status === 'ready' ? (
        <>
          <Text className='hl-note pv-generated'>{`整理时间：${when(load.data.generatedAt)}`}</Text>
          <Button className='hl-btn hl-btn-block hl-btn-save-file' type='primary' size='large' loading={saving} disabled={saving} onClick={() => void save(load.data)}>
            保存为文件
          </Button>
          {notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok' : 'hl-notice-error'} pv-save-notice`}>{notice.text}</Text> : null}
          {load.data.sections.length === 0 ? <Empty text='系统里还没有关于您的信息' /> : load.data.sections.map((s) => <SectionCard key={s.key} section={s} />)}
        </>
      ) : null}
      <View className='pv-links'>
        <LinkRow className='hl-link-reveals' text='谁查看了我的信息' note='网格长、志愿者查看您的电话或住址的记录' onClick={() => go(ROUTES.privacyReveals)} />
        <LinkRow className='hl-link-delete-account pv-link-quiet' text='注销账号' onClick={() => go(ROUTES.privacyDelete)} />
      </View>
    </PageShell>
  )
}
