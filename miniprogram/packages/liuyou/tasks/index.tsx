import { useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { InlineForm } from '../../../components/inline-form'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { Tabs } from '../../../components/tabs'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { liuyou, type TaskView } from '../../../services/liuyou'
import { TaskRow } from '../check/parts'
import '../common/liuyou.scss'

type View_ = 'open' | 'done'

/** 整改任务: the items the street returned or failed that I am to put right, overdue first. */
export default function Tasks() {
  const [view, setView] = useState<View_>('open')
  const paged = usePaged<TaskView>(view, async (offset, limit) => asPage(await liuyou.myTasks({ state: view, offset, limit }), 'tasks'))
  const [open, setOpen] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const [notice, setNotice] = useState<string | null>(null)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })

  const finish = async (task: TaskView, note: string) => {
    setBusy(true)
    setError(undefined)
    const answer = await liuyou.finishTask(task.id, note)
    setBusy(false)
    if (answer.ok) {
      setOpen(null)
      setNotice(`整改已完成：${task.itemTitle}`)
      void paged.reload()
    } else setError(answer.error.message)
  }

  return (
    <PageShell name='liuyou-tasks'>
      <Text className='hl-title'>整改任务</Text>
      {notice ? <Text className='hl-notice hl-notice-ok hl-action-ok'>{notice}</Text> : null}
      <Tabs
        name='task-state'
        items={[
          { key: 'open', label: '整改中' },
          { key: 'done', label: '已完成' },
        ]}
        value={view}
        onChange={(k) => setView(k)}
      />
      <PagedList
        paged={paged}
        className='hl-task-list'
        empty={view === 'open' ? '没有要整改的项目' : '还没有完成的整改'}
        emptyHint={view === 'open' ? '街道退回或评为不达标的项目建了整改任务后，会出现在这里' : undefined}
        count={(n) => `共 ${n} 项${view === 'open' ? '，逾期的在前' : ''}`}
        render={(t) => (
          <View key={t.id} className='hl-card hl-task-card'>
            <TaskRow
              task={t}
              busy={busy}
              showCheck={() => go(withQuery(ROUTES.liuyouCheck, { id: t.checkId }))}
              onFinish={() => {
                setError(undefined)
                setNotice(null)
                setOpen(open === t.id ? null : t.id)
              }}
            >
              {open === t.id ? (
                <InlineForm
                  name='finish-task'
                  label='整改情况（街道会看到）'
                  placeholder='例如：已补拍台账照片并上传'
                  submitText='完成整改'
                  busy={busy}
                  error={error}
                  minLength={2}
                  maxLength={200}
                  onSubmit={(note) => void finish(t, note)}
                  onCancel={() => setOpen(null)}
                />
              ) : null}
            </TaskRow>
          </View>
        )}
      />
    </PageShell>
  )
}
