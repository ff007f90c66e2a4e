import { webCloudSender, type WebCloudApp } from '../../../miniprogram/services/web-cloud';

/**
 * The H5 production transport over the CloudBase web SDK. The SDK is an outside service: a fake of
 * it records what the app asks of it.
 */
function fakeSdk(options: { loggedIn?: boolean; signIn?: () => unknown; answer?: (name: string, data: unknown) => unknown } = {}) {
  const seen = { loads: [] as string[], persistence: [] as string[], signIns: 0, calls: [] as Array<{ name: string; data: unknown }> };
  let loggedIn = options.loggedIn ?? false;
  const app: WebCloudApp = {
    auth: ({ persistence }) => {
      seen.persistence.push(persistence);
      return {
        getLoginState: async () => (loggedIn ? { user: { is_anonymous: true } } : null),
        signInAnonymously: async () => {
          seen.signIns += 1;
          const answer = options.signIn ? options.signIn() : { data: { user: { is_anonymous: true } } };
          if (!(answer as { error?: unknown }).error) loggedIn = true;
          return answer;
        },
      };
    },
    callFunction: async ({ name, data }) => {
      seen.calls.push({ name, data });
      return { result: options.answer ? options.answer(name, data) : { ok: true, data: { name } } };
    },
  };
  const load = async (env: string) => {
    seen.loads.push(env);
    return app;
  };
  return { seen, load };
}

const body = { action: 'screenCode', payload: { stationId: 'cm01-sta1' }, requestId: 'req-00000001', device: 'hlscr_x' };

describe('webCloudSender', () => {
  it('loads the SDK for the env once, signs in anonymously once with a kept login, and sends the envelope unchanged', async () => {
    const { seen, load } = fakeSdk();
    const send = webCloudSender('honglin-prod-1a2b', load);
    const [a, b] = await Promise.all([send('stations', body), send('stations', { ...body, action: 'get' })]);
    expect(a).toEqual({ ok: true, data: { name: 'stations' } });
    expect(b).toEqual({ ok: true, data: { name: 'stations' } });
    expect(seen.loads).toEqual(['honglin-prod-1a2b']);
    expect(seen.persistence).toEqual(['local']);
    expect(seen.signIns).toBe(1);
    expect(seen.calls).toEqual([
      { name: 'stations', data: body },
      { name: 'stations', data: { ...body, action: 'get' } },
    ]);
  });

  it('does not sign in again when the SDK still holds a login', async () => {
    const { seen, load } = fakeSdk({ loggedIn: true });
    await webCloudSender('env-1', load)('stations', body);
    expect(seen.signIns).toBe(0);
  });

  it('answers what the function returned, whatever it is, for call.ts to check', async () => {
    const refusal = { ok: false, error: { code: 'STATION.DEVICE_REVOKED', message: '此大屏已停用，请联系社区管理员重新授权', field: 'device' } };
    const { load } = fakeSdk({ answer: () => refusal });
    expect(await webCloudSender('env-1', load)('stations', body)).toEqual(refusal);
  });

  it('throws when the sign-in is refused (no answer: call.ts retries), and signs in afresh on the next call', async () => {
    let refuse = true;
    const { seen, load } = fakeSdk({ signIn: () => (refuse ? { error: { message: 'anonymous login disabled' } } : { data: {} }) });
    const send = webCloudSender('env-1', load);
    await expect(send('stations', body)).rejects.toThrow('anonymous sign-in refused');
    expect(seen.calls).toEqual([]);
    refuse = false;
    expect(await send('stations', body)).toEqual({ ok: true, data: { name: 'stations' } });
    expect(seen.signIns).toBe(2);
    expect(seen.loads).toHaveLength(2);
  });
});
