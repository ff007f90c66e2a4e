import { accountsFunction } from './accounts/accounts.function';
import { compoundsFunction } from './compounds/compounds.function';
import { councilsFunction } from './councils/councils.function';
import { dashboardsFunction } from './dashboards/dashboards.function';
import { liuyouFunction } from './liuyou/liuyou.function';
import { open311Function } from './open311/open311.function';
import { ordersFunction } from './orders/orders.function';
import { privacyFunction } from './privacy/privacy.function';
import { serviceFunction } from './service/service.function';
import { stationsFunction } from './stations/stations.function';
import type { FunctionDefinition } from './_core/pipeline';

/**
 * Every cloud function that people call, in one list: the local gateway serves these, the docs
 * are generated from their contract, and the deploy ships a folder per entry (plus `scheduler`).
 */
export const FUNCTIONS: readonly FunctionDefinition[] = [
  accountsFunction,
  ordersFunction,
  stationsFunction,
  serviceFunction,
  councilsFunction,
  liuyouFunction,
  dashboardsFunction,
  open311Function,
  privacyFunction,
  compoundsFunction,
];
