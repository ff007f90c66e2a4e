// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './codes.errors';
import './stations.errors';
import { spec } from '../api/spec';
import * as D from './devices.schema';
import * as S from './stations.schema';

/** The stations' block of the API contract: 党群服务站, their codes and duty. */
export const stationsApi = {
  list: spec({ summary: '党群服务站列表：开放时间、是否在开、离我多远（按距离排序）', kind: 'read', input: S.ListStationsInput, output: S.ListStationsOutput, errors: [] }),
  get: spec({
    summary: '服务站详情：地址、开放时间、服务的网格、值班表、此刻在岗（带大屏设备令牌调用时，以该服务站的大屏身份读取）',
    kind: 'read',
    input: S.StationRef,
    output: S.StationOutput,
    errors: ['CODE.NOT_FOUND', 'STATION.DEVICE_UNKNOWN', 'STATION.DEVICE_REVOKED', 'STATION.DEVICE_OTHER_STATION'],
  }),
  save: spec({
    summary: '社区或街道管理员新建、修改服务站与值班表',
    kind: 'write',
    input: S.SaveStationInput,
    output: S.StationOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.CONFLICT'],
  }),
  screenCode: spec({
    summary: '服务站大屏的签到码（每分钟更换，签名防伪）；大屏以服务站身份调用时带上设备令牌（调用信封的 device 字段）',
    kind: 'read',
    input: S.StationRef,
    output: S.CodeOutput,
    errors: ['CODE.NOT_FOUND', 'COMMON.FORBIDDEN', 'STATION.DEVICE_UNKNOWN', 'STATION.DEVICE_REVOKED', 'STATION.DEVICE_OTHER_STATION'],
  }),
  permanentCode: spec({ summary: '服务站的固定码（居民扫码报事，网格自动带出）', kind: 'read', input: S.StationRef, output: S.CodeOutput, errors: ['CODE.NOT_FOUND'] }),
  myCode: spec({ summary: '我的个人码（网格长扫码为我代办）', kind: 'read', input: S.EmptyInput, output: S.CodeOutput, errors: [] }),
  scan: spec({
    summary: '扫一扫：识别任何红邻二维码，给出本人角色可做的事',
    kind: 'read',
    input: S.ScanInput,
    output: S.ScanOutput,
    errors: ['CODE.INVALID', 'CODE.EXPIRED', 'CODE.NOT_FOUND'],
  }),
  checkIn: spec({
    summary: '扫站点签到码上岗（同一班次重复扫码只算一次）',
    kind: 'write',
    input: S.ScanInput,
    output: S.DutyOutput,
    errors: ['CODE.INVALID', 'CODE.EXPIRED', 'CODE.WRONG_KIND', 'DUTY.NOT_STAFF', 'DUTY.ON_DUTY_ELSEWHERE'],
  }),
  checkOut: spec({
    summary: '扫站点签到码下岗，值班时长计入服务记录',
    kind: 'write',
    input: S.ScanInput,
    output: S.DutyOutput,
    errors: ['CODE.INVALID', 'CODE.EXPIRED', 'CODE.WRONG_KIND', 'DUTY.NOT_ON_DUTY', 'COMMON.CONFLICT'],
  }),
  myDuty: spec({ summary: '我的值班：当前在岗与最近记录', kind: 'read', input: S.EmptyInput, output: S.MyDutyOutput, errors: [] }),
  dutyOverview: spec({
    summary: '社区值班总览：按值班表对照准时、迟到、缺岗、计划外、自动签退',
    kind: 'read',
    input: S.DutyOverviewInput,
    output: S.DutyOverviewOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  confirmDuty: spec({
    summary: '负责人确认计划外值班（系统自动签退的）的时长：可少于记录的时长，只确认一次，不能确认自己的，留痕',
    kind: 'write',
    input: S.ConfirmDutyInput,
    output: S.ConfirmDutyOutput,
    errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN', 'DUTY.OWN_DUTY', 'DUTY.NOTHING_TO_CONFIRM'],
  }),
  issueDevice: spec({
    summary: '社区管理员为服务站授权一块大屏：设备令牌只在这次的链接里出现，系统只保存其摘要；大屏凭它以服务站身份显示签到码',
    kind: 'write',
    input: D.IssueDeviceInput,
    output: D.IssueDeviceOutput,
    shownOnce: ['token'],
    errors: ['CODE.NOT_FOUND', 'COMMON.FORBIDDEN', 'STATION.TOO_MANY_DEVICES', 'COMMON.CONTENT_UNSAFE'],
  }),
  listDevices: spec({
    summary: '服务站已授权的大屏：名称、末四位、授权人、授权时间、最近使用时间、是否停用',
    kind: 'read',
    input: S.StationRef,
    output: D.ListDevicesOutput,
    errors: ['CODE.NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  revokeDevice: spec({
    summary: '停用一块大屏：此后它的每次调用都被拒绝（STATION.DEVICE_REVOKED）',
    kind: 'write',
    input: D.DeviceRef,
    output: D.DeviceOutput,
    errors: ['STATION.DEVICE_NOT_FOUND', 'STATION.DEVICE_ALREADY_REVOKED', 'COMMON.CONFLICT'],
  }),
} as const;
