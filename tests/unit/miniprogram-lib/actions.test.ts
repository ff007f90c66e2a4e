import { actionClass, barButtons, type ActionTable } from '../../../miniprogram/lib/actions';

/** The action bar shows what the server allows, as the page's table says, primary first, in a fixed order. */
type Action = 'accept' | 'resolve' | 'decline' | 'escalate' | 'sendBack' | 'cancel' | 'comment';
const noop = () => undefined;
const TABLE: ActionTable<Action> = {
  accept: { label: '接单', tone: 'primary', onPress: noop },
  resolve: { label: '办结', tone: 'primary', onPress: noop },
  decline: { label: '婉拒', onPress: noop },
  escalate: { label: '上报', onPress: noop },
  sendBack: { label: '回派', onPress: noop },
  cancel: { label: '撤回', className: 'hl-btn-cancel-order', onPress: noop },
};
const shown = (allowed: Action[], table: ActionTable<Action> = TABLE) => barButtons(allowed, table).map((b) => b.action);

describe('barButtons', () => {
  it('shows only the actions the server allows', () => {
    expect(shown(['decline', 'accept'])).toEqual(['accept', 'decline']);
    expect(shown([])).toEqual([]);
  });

  it('keeps the table’s order whatever order the server lists them in', () => {
    expect(shown(['cancel', 'sendBack', 'escalate'])).toEqual(['escalate', 'sendBack', 'cancel']);
    expect(shown(['escalate', 'cancel', 'sendBack'])).toEqual(['escalate', 'sendBack', 'cancel']);
  });

  it('puts the primary actions first', () => {
    const table: ActionTable<Action> = { cancel: TABLE.cancel, escalate: TABLE.escalate, resolve: TABLE.resolve };
    expect(shown(['cancel', 'escalate', 'resolve'], table)).toEqual(['resolve', 'cancel', 'escalate']);
  });

  it('leaves out allowed actions that have no button (留言 is a form of its own)', () => {
    expect(shown(['comment', 'resolve'])).toEqual(['resolve']);
  });

  it('names each button by its action unless the table names it', () => {
    const byAction = Object.fromEntries(barButtons(['sendBack', 'cancel', 'accept'], TABLE).map((b) => [b.action, b.className]));
    expect(byAction).toEqual({ accept: 'hl-btn-accept', sendBack: 'hl-btn-send-back', cancel: 'hl-btn-cancel-order' });
  });
});

describe('actionClass', () => {
  it('turns an action into a kebab-case class', () => {
    expect(actionClass('closeAfterReview')).toBe('hl-btn-close-after-review');
    expect(actionClass('accept')).toBe('hl-btn-accept');
  });
});
