import * as cloudbase from '@cloudbase/node-sdk';
import * as wxCloud from 'wx-server-sdk';
import type { Ports } from '../ports';
import { CloudbaseStore } from './cloudbase-store';
import { systemClock } from './clock';
import { msgSecCheck, type MsgSecCheckApi } from './content-check';
import { cloudFiles } from './files';
import { cloudIdentity } from './identity';
import { cryptoIds } from './ids';
import { subscribeMessageNotifier, type SubscribeMessageApi } from './notifier';
import { createQrSigner, wxacodeImage, type WxacodeApi } from './qr';

/**
 * The production adapters, for code running inside a CloudBase cloud function:
 * `@cloudbase/node-sdk` for the database, storage and the caller's identity; `wx-server-sdk` only
 * for WeChat's openapi (subscribe messages, content security, mini-program codes).
 * Nothing here may import the SQLite adapter: the bundle must never reach `node:sqlite`.
 */
export function cloudPorts(env: Record<string, string | undefined> = process.env): Ports {
  const app = cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV });
  wxCloud.init({ env: wxCloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const openapi = wxCloud.openapi as unknown as SubscribeMessageApi & MsgSecCheckApi & WxacodeApi;
  const store = new CloudbaseStore(app);
  const clock = systemClock();
  const ids = cryptoIds();
  return {
    store,
    identity: cloudIdentity((context) => cloudbase.getCloudbaseContext(context as Parameters<typeof cloudbase.getCloudbaseContext>[0])),
    clock,
    ids,
    // The outbox row written with each change is the 消息 page's copy; the port sends the subscribe message.
    notifier: subscribeMessageNotifier(openapi, env),
    contentCheck: msgSecCheck(openapi),
    qr: createQrSigner(() => {
      const secret = env.HONGLIN_QR_SECRET;
      if (!secret) throw new Error('HONGLIN_QR_SECRET is not set for this function');
      return secret;
    }, wxacodeImage(openapi)),
    files: cloudFiles(app),
  };
}
