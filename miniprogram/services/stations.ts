import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/** Typed calls of the `stations` cloud function. Types only from shared/: zod stays out of the app. */
export type StationView = ApiOutput<'stations', 'get'>['station']
export type RosterRow = StationView['roster'][number]
export type StationHours = NonNullable<StationView['hours']>
export type SaveStationInput = ApiInput<'stations', 'save'>
export type CodeView = ApiOutput<'stations', 'screenCode'>
export type ScanResult = ApiOutput<'stations', 'scan'>
export type ScanOffer = ScanResult['offers'][number]
export type DutyAnswer = ApiOutput<'stations', 'checkIn'>
export type DutyView = DutyAnswer['duty']
export type MyDuty = ApiOutput<'stations', 'myDuty'>
export type DutyOverview = ApiOutput<'stations', 'dutyOverview'>
export type OverviewRow = DutyOverview['stations'][number]['rows'][number]
export type OverviewKind = OverviewRow['kind']
export type Point = { lat: number; lng: number }
export type DeviceView = ApiOutput<'stations', 'listDevices'>['devices'][number]
export type IssuedDevice = ApiOutput<'stations', 'issueDevice'>

export const stations = {
  list: (point?: Point) => call('stations', 'list', point ? { point } : {}),
  get: (stationId: string) => call('stations', 'get', { stationId }),
  save: (input: SaveStationInput) => call('stations', 'save', input),
  /**
   * The rotating check-in code for the screen at the station (changes every minute). With `device`
   * (the screen's token) the call acts as the station's screen; without it, as the person signed in.
   */
  screenCode: (stationId: string, device?: string) => call('stations', 'screenCode', { stationId }, device ? { device } : {}),
  /** The station as its screen reads it (with `device`) or as the person sees it. */
  screenStation: (stationId: string, device?: string) => call('stations', 'get', { stationId }, device ? { device } : {}),
  /** The printed code on the station's door: residents scan it to post. */
  permanentCode: (stationId: string) => call('stations', 'permanentCode', { stationId }),
  /** 我的个人码: a grid leader scans it to post on my behalf. */
  myCode: () => call('stations', 'myCode', {}),
  /** 扫一扫: what this code is and what the caller's roles may do with it. */
  scan: (scene: string) => call('stations', 'scan', { scene }),
  checkIn: (scene: string) => call('stations', 'checkIn', { scene }),
  checkOut: (scene: string) => call('stations', 'checkOut', { scene }),
  myDuty: () => call('stations', 'myDuty', {}),
  dutyOverview: (input: ApiInput<'stations', 'dutyOverview'>) => call('stations', 'dutyOverview', input),
  /** A leader confirms the hours of someone's unplanned duty that the system closed (自动签退). */
  confirmDuty: (input: ApiInput<'stations', 'confirmDuty'>) => call('stations', 'confirmDuty', input),
  /** 大屏设备: authorize a monitor to act as the station; the token comes back this once. */
  issueDevice: (stationId: string, label: string, requestId?: string) => call('stations', 'issueDevice', { stationId, label }, requestId ? { requestId } : {}),
  listDevices: (stationId: string) => call('stations', 'listDevices', { stationId }),
  revokeDevice: (deviceId: string) => call('stations', 'revokeDevice', { deviceId }),
}
