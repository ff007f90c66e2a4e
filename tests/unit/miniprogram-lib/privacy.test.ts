import {
  createPrivacyGate,
  isPrivacyDenied,
  listenForPrivacyAuthorization,
  openPrivacyContract,
  purposeOf,
  PRIVACY_AGREE_BUTTON_ID,
  type PrivacyListener,
  type PrivacyResolveOption,
} from '../../../miniprogram/lib/privacy';

/** A held WeChat call: what its resolve was handed, in order. */
function heldCall() {
  const got: PrivacyResolveOption[] = [];
  return { got, resolve: (option: PrivacyResolveOption) => void got.push(option) };
}

describe('the privacy gate', () => {
  it('opens the sheet when WeChat holds a call, and tells WeChat the sheet is showing', () => {
    const gate = createPrivacyGate();
    const call = heldCall();
    expect(gate.store.get()).toEqual({ phase: 'closed', purposes: [] });

    gate.need(call.resolve, { referrer: 'chooseLocation' });

    expect(gate.store.get()).toEqual({ phase: 'asking', purposes: ['在地图上选位置'] });
    expect(call.got).toEqual([{ event: 'exposureAuthorization' }]);
    expect(gate.pending()).toBe(1);
  });

  it('lets every held call go on with the agree button’s id, and closes', () => {
    const gate = createPrivacyGate();
    const first = heldCall();
    const second = heldCall();
    gate.need(first.resolve, { referrer: 'getLocation' });
    gate.need(second.resolve, { referrer: 'chooseMedia' });
    expect(gate.store.get().purposes).toEqual(['您的位置', '选照片或拍照']);

    gate.agree(PRIVACY_AGREE_BUTTON_ID);

    const agreed = [{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'hl-privacy-agree' }];
    expect(first.got).toEqual(agreed);
    expect(second.got).toEqual(agreed);
    expect(gate.pending()).toBe(0);
    expect(gate.store.get()).toEqual({ phase: 'closed', purposes: [] });
  });

  it('fails every held call on 不同意 and keeps a calm note up until it is dismissed', () => {
    const gate = createPrivacyGate();
    const first = heldCall();
    const second = heldCall();
    gate.need(first.resolve);
    gate.need(second.resolve);

    gate.disagree();

    expect(first.got).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    expect(second.got).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    expect(gate.store.get().phase).toBe('declined');
    gate.dismiss();
    expect(gate.store.get().phase).toBe('closed');
  });

  it('answers each held call once: a later tap does not reach calls already answered', () => {
    const gate = createPrivacyGate();
    const call = heldCall();
    gate.need(call.resolve);
    gate.agree();
    gate.disagree();
    expect(call.got).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID }]);
    // Nothing was held at 不同意: no note to show.
    expect(gate.store.get().phase).toBe('closed');
  });

  it('asks afresh after a refusal: a new held call reopens the sheet with only its own purpose', () => {
    const gate = createPrivacyGate();
    gate.need(heldCall().resolve, { referrer: 'getLocation' });
    gate.disagree();
    gate.need(heldCall().resolve, { referrer: 'setClipboardData' });
    expect(gate.store.get()).toEqual({ phase: 'asking', purposes: ['复制内容'] });
  });

  it('still answers the other calls when WeChat refuses one resolve', () => {
    const gate = createPrivacyGate();
    const later = heldCall();
    gate.need((option) => {
      if (option.event !== 'exposureAuthorization') throw new Error('already resolved');
    });
    gate.need(later.resolve);
    expect(() => gate.agree()).not.toThrow();
    expect(later.got.at(-1)).toEqual({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
  });
});

describe('purposeOf', () => {
  it('says in plain words what the API that asked is for', () => {
    expect(purposeOf('getLocation')).toBe('您的位置');
    expect(purposeOf('chooseImage')).toBe('选照片或拍照');
    expect(purposeOf('RecorderManager.start')).toBe('麦克风（按住说话）');
  });

  it('says nothing for a name it does not know', () => {
    expect(purposeOf('getWeRunData')).toBeNull();
    expect(purposeOf(undefined)).toBeNull();
  });
});

describe('with the host (WeChat fakes)', () => {
  it('registers one listener where WeChat has the privacy API, and the gate answers through it', () => {
    let listener: PrivacyListener | null = null;
    const gate = createPrivacyGate();
    const registered = listenForPrivacyAuthorization({ onNeedPrivacyAuthorization: (l) => (listener = l) }, gate);
    expect(registered).toBe(true);

    const call = heldCall();
    listener!(call.resolve, { referrer: 'chooseLocation' });
    gate.agree();
    expect(call.got.at(-1)).toEqual({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
  });

  it('does nothing where there is no privacy API (H5, old WeChat)', () => {
    const gate = createPrivacyGate();
    expect(listenForPrivacyAuthorization({}, gate)).toBe(false);
    expect(gate.store.get().phase).toBe('closed');
    expect(openPrivacyContract({})).toBe(false);
  });

  it('opens the guide and swallows a failure to open it', async () => {
    const opened: unknown[] = [];
    expect(openPrivacyContract({ openPrivacyContract: (o) => void opened.push(o) })).toBe(true);
    expect(opened).toHaveLength(1);
    const rejecting = () => Promise.reject({ errMsg: 'openPrivacyContract:fail' });
    expect(openPrivacyContract({ openPrivacyContract: rejecting })).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
  });

  it('tells a refused privacy call from other failures', () => {
    expect(isPrivacyDenied({ errMsg: 'chooseLocation:fail privacy permission is not authorized' })).toBe(true);
    expect(isPrivacyDenied({ errMsg: 'chooseLocation:fail cancel' })).toBe(false);
    expect(isPrivacyDenied({ errMsg: 'getLocation:fail auth deny' })).toBe(false);
    expect(isPrivacyDenied(undefined)).toBe(false);
  });
});
