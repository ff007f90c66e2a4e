import { ACCOUNTS_ERRORS } from './accounts/accounts.errors';
import { COMPOUNDS_ERRORS } from './compounds/compounds.errors';
import { COUNCILS_ERRORS } from './councils/councils.errors';
import { ERRORS, type ErrorCode, type ErrorEntry } from './errors';
import { LIUYOU_ERRORS } from './liuyou/liuyou.errors';
import { DASHBOARD_ERRORS } from './dashboard/dashboard.errors';
import { OPEN311_ERRORS } from './open311/open311.errors';
import { ORDERS_ERRORS } from './orders/orders.errors';
import { PRIVACY_ERRORS } from './privacy/privacy.errors';
import { SERVICE_ERRORS } from './service/service.errors';
import { CODES_ERRORS } from './stations/codes.errors';
import { STATIONS_ERRORS } from './stations/stations.errors';

/**
 * Every error code with its status and message, in one object: for docs/api.md, the local gateway
 * (which serves every function in one process) and the tests. Importing it registers every table,
 * so a cloud function never imports it: its bundle carries only the tables of the domains it serves.
 */
export const ALL_ERRORS: Readonly<Record<ErrorCode, ErrorEntry>> = {
  ...ERRORS,
  ...ACCOUNTS_ERRORS,
  ...ORDERS_ERRORS,
  ...CODES_ERRORS,
  ...STATIONS_ERRORS,
  ...SERVICE_ERRORS,
  ...COUNCILS_ERRORS,
  ...LIUYOU_ERRORS,
  ...DASHBOARD_ERRORS,
  ...OPEN311_ERRORS,
  ...PRIVACY_ERRORS,
  ...COMPOUNDS_ERRORS,
};

/** Every code, in the order of the catalog. */
export const ALL_ERROR_CODES = Object.keys(ALL_ERRORS) as ErrorCode[];
