import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import type { ClientError } from '../../../services/call'
import { service, type UnitReport, type WorkUnitReport } from '../../../services/service'
import { hoursText, monthText, num, recentMonths } from '../common/format'
import { Bar, Choice } from '../common/ui'
import '../common/service.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; report: WorkUnitReport }
type Exported = { unit: string; text: string; ok: boolean } | null

const csvFileName = (unit: string, month: string) => `单位服务报告-${unit}-${month}.csv`

/** H5: the CSV as a file download. Returns false where the browser cannot. */
function downloadCsv(csv: string, name: string): boolean {
  try {
    const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = name
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return true
  } catch {
    return false
  }
}

function UnitCard({ unit, month, exported, onExport }: { unit: UnitReport; month: string; exported: Exported; onExport: () => void }) {
  const max = Math.max(0, ...unit.rows.map((r) => r.totalHours))
  return (
    <View className='hl-card hl-unit-report'>
      <View className='hv-row'>
        <Text className='hl-title hl-unit-name'>{unit.workUnit}</Text>
        <Text className='hl-text hv-strong hl-unit-total'>{`合计 ${hoursText(unit.totalHours)}`}</Text>
      </View>
      <Text className='hl-note'>{`${monthText(month)} · 在职党员 ${unit.rows.length} 人 · 只计已认证的时长`}</Text>
      {unit.rows.map((r, i) => (
        <View key={`${r.name}-${i}`} className={`hv-report-row hl-report-row hl-report-row-${i}`}>
          <Bar className='hl-report-bar' label={r.name} value={r.totalHours} max={max} text={hoursText(r.totalHours)} />
          <View className='hv-report-cells'>
            <Text className='hl-report-branch'>{r.partyBranch || '未填党支部'}</Text>
            <Text className='hl-report-order'>{`接单服务 ${num(r.orderHours)}`}</Text>
            <Text className='hl-report-duty'>{`站点值班 ${num(r.dutyHours)}`}</Text>
            <Text className='hl-report-manual'>{`自行填报 ${num(r.manualHours)}`}</Text>
          </View>
        </View>
      ))}
      <Button className='hl-btn hl-btn-block hl-btn-export-csv' type='primary' onClick={onExport}>
        导出 CSV
      </Button>
      {exported && exported.unit === unit.workUnit ? <Text className={`hl-notice ${exported.ok ? 'hl-notice-ok' : 'hl-notice-error'} hl-export-done`}>{exported.text}</Text> : null}
    </View>
  )
}

/** 单位报告: each work unit's in-service party members and their verified service in a month. */
export default function ServiceReport() {
  const state = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const roles = scopesOf(state.profile, 'reports')
  const [nodeId, setNodeId] = useState<string | null>(null)
  const node = roles.find((r) => r.nodeId === nodeId) ?? roles[0] ?? null
  const months = recentMonths(6)
  const [month, setMonth] = useState(months[0]!)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [exported, setExported] = useState<Exported>(null)

  const fetchReport = async () => {
    if (!node) return
    setLoad({ status: 'loading' })
    setExported(null)
    const answer = await service.workUnitReport({ nodeId: node.nodeId, month })
    setLoad(answer.ok ? { status: 'ready', report: answer.data } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchReport()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [node?.nodeId, month])

  const exportUnit = async (unit: UnitReport) => {
    const name = csvFileName(unit.workUnit, month)
    if (process.env.TARO_ENV === 'h5') {
      const ok = downloadCsv(unit.csv, name)
      setExported({ unit: unit.workUnit, ok, text: ok ? `已下载 ${name}，可以用表格软件打开` : '浏览器没能下载文件，请换一个浏览器再试' })
      return
    }
    try {
      await Taro.setClipboardData({ data: unit.csv })
      setExported({
        unit: unit.workUnit,
        ok: true,
        text: `已复制 ${unit.workUnit} 的 CSV 内容。手机上不能直接存文件：请粘贴到电脑上的记事本，保存为“${name}”后用表格软件打开；或在电脑浏览器里打开本页直接下载。`,
      })
    } catch {
      setExported({ unit: unit.workUnit, ok: false, text: '没能复制，请再试一次' })
    }
  }

  const waiting = !state.profile && state.status !== 'error'

  return (
    <PageShell name='service-report'>
      <Text className='hl-title'>单位服务报告</Text>
      {!state.profile && state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {waiting ? <Loading /> : null}
      {state.profile && !node ? <Empty text='单位服务报告给社区和街道的管理员看' /> : null}
      {node ? (
        <>
          <Text className='hl-note'>双报到：在职党员在社区的服务，按工作单位每月汇总，交单位党支部。</Text>
          {roles.length > 1 ? (
            <View className='hl-card hl-node-picker'>
              <Text className='hl-field-label'>看哪里</Text>
              <View className='hv-choices'>
                {roles.map((r) => (
                  <Choice
                    key={r.nodeId}
                    className={`hl-node-choice hl-node-${r.nodeId}`}
                    on={r.nodeId === node.nodeId}
                    label={r.nodeName || r.nodeId}
                    note={r.roleLabel}
                    onClick={() => setNodeId(r.nodeId)}
                  />
                ))}
              </View>
            </View>
          ) : null}
          <View className='hl-card hl-month-picker'>
            <Text className='hl-field-label'>月份</Text>
            <View className='hv-choices'>
              {months.map((m) => (
                <Choice key={m} className={`hl-month hl-month-${m}`} on={m === month} label={monthText(m)} onClick={() => setMonth(m)} />
              ))}
            </View>
          </View>
          {load.status === 'loading' ? <Loading /> : null}
          {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchReport()} /> : null}
          {load.status === 'ready' && load.report.units.length === 0 ? (
            <Empty text={`${monthText(month)}没有在职党员的报到记录`} hint='在职党员在“我的服务记录 › 编辑志愿者资料”里填写工作单位后会出现在这里' />
          ) : null}
          {load.status === 'ready'
            ? load.report.units.map((u) => <UnitCard key={u.workUnit} unit={u} month={load.report.month} exported={exported} onExport={() => void exportUnit(u)} />)
            : null}
        </>
      ) : null}
    </PageShell>
  )
}
