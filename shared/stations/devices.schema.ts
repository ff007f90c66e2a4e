import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { text } from '../api/fields';
import { StationRef } from './stations.schema';

// ---- stored documents -------------------------------------------------------------------------

/**
 * `station_devices/<deviceId>`: one monitor authorized to act as its station (大屏设备). Only the
 * SHA-256 of its token is kept; the token itself is shown once, in the answer of `issueDevice`.
 */
export interface StationDeviceDoc {
  _id: string;
  version: number;
  stationId: string;
  /** The station's community path, for the admin check without reading the station. */
  path: { streetId?: string; communityId?: string };
  /** Where the monitor stands, as the admin named it (一楼大厅电视). */
  label: string;
  /** SHA-256 of the token, hex: what a call's `device` is looked up by. */
  hash: string;
  /** The token's last four characters, so an admin can tell devices apart. */
  hint: string;
  issuedAt: string;
  issuedBy: string;
  /** The last call the device made, written at most every few minutes. */
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

// ---- inputs -----------------------------------------------------------------------------------

export const IssueDeviceInput = StationRef.extend({ label: text(2, 20, '大屏名称') }).strict();
export const DeviceRef = z.object({ deviceId: Id }).strict();

// ---- outputs ----------------------------------------------------------------------------------

export const DeviceView = z.object({
  id: z.string(),
  stationId: z.string(),
  label: z.string(),
  /** `…abcd`: enough to tell devices apart, never enough to use one. */
  hint: z.string(),
  /** The name of the admin who issued it. */
  issuedBy: z.string(),
  issuedAt: z.string(),
  lastUsedAt: z.string().nullable(),
  active: z.boolean(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const IssueDeviceOutput = z.object({
  device: DeviceView,
  /**
   * The device token: shown this once, inside the screen's link; only its hash is stored. A repeat
   * of the call (the same requestId) answers null: the replay store never keeps it (`shownOnce`).
   */
  token: z.string().nullable(),
});
export const DeviceOutput = z.object({ device: DeviceView });
export const ListDevicesOutput = z.object({ devices: z.array(DeviceView) });
