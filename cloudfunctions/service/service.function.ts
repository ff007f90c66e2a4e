import type { FunctionDefinition } from '../_core/pipeline';
import { myRecord } from './actions/my-record';
import { pendingHours } from './actions/pending-hours';
import { reviewHours } from './actions/review-hours';
import { submitHours } from './actions/submit-hours';
import { updateVolunteerProfile } from './actions/update-volunteer-profile';
import { workUnitReport } from './actions/work-unit-report';

/** 双报到 service record: the record, the volunteer's profile, hand-entered hours and their review, work-unit reports. */
export const serviceFunction: FunctionDefinition = {
  name: 'service',
  actions: { myRecord, updateVolunteerProfile, submitHours, pendingHours, reviewHours, workUnitReport },
};
