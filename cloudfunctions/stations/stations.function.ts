import type { FunctionDefinition } from '../_core/pipeline';
import { checkIn } from './actions/check-in';
import { checkOut } from './actions/check-out';
import { confirmDuty } from './actions/confirm-duty';
import { dutyOverview } from './actions/duty-overview';
import { get } from './actions/get';
import { issueDevice } from './actions/issue-device';
import { listDevices } from './actions/list-devices';
import { list } from './actions/list';
import { myCode } from './actions/my-code';
import { myDuty } from './actions/my-duty';
import { permanentCode } from './actions/permanent-code';
import { revokeDevice } from './actions/revoke-device';
import { save } from './actions/save';
import { scan } from './actions/scan';
import { screenCode } from './actions/screen-code';

/** 党群服务站: stations and their codes, 扫一扫, duty (值班) and its overview, the screens (大屏设备) authorized to act as a station. One file an action, in `actions/`. */
export const stationsFunction: FunctionDefinition = {
  name: 'stations',
  actions: { list, get, save, screenCode, permanentCode, myCode, scan, checkIn, checkOut, myDuty, dutyOverview, confirmDuty, issueDevice, listDevices, revokeDevice },
};
