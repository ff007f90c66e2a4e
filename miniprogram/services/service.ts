import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/** Typed calls of the `service` cloud function (双报到 service record). Types only from shared/. */
export type MyRecord = ApiOutput<'service', 'myRecord'>
export type RecordEntry = MyRecord['entries'][number]
export type VolunteerProfileView = NonNullable<MyRecord['profile']>
export type VolunteerProfileInput = ApiInput<'service', 'updateVolunteerProfile'>
export type AvailabilityWindow = VolunteerProfileInput['availability'][number]
export type SubmitHoursInput = ApiInput<'service', 'submitHours'>
export type PendingEntry = ApiOutput<'service', 'pendingHours'>['entries'][number]
export type WorkUnitReport = ApiOutput<'service', 'workUnitReport'>
export type UnitReport = WorkUnitReport['units'][number]

export const service = {
  myRecord: () => call('service', 'myRecord', {}),
  updateVolunteerProfile: (input: VolunteerProfileInput) => call('service', 'updateVolunteerProfile', input),
  submitHours: (input: SubmitHoursInput) => call('service', 'submitHours', input),
  pendingHours: (input: ApiInput<'service', 'pendingHours'>) => call('service', 'pendingHours', input),
  reviewHours: (input: ApiInput<'service', 'reviewHours'>) => call('service', 'reviewHours', input),
  workUnitReport: (input: ApiInput<'service', 'workUnitReport'>) => call('service', 'workUnitReport', input),
}
