import { fieldOf, withoutFields, type FieldRules } from '../../../miniprogram/lib/field-errors';

/** Server error → field error: which input of a form an envelope error `{ code, message, field }` is shown under. */
const err = (field?: string, code = 'COMMON.INVALID_INPUT') =>
  ({ code, message: '不对', ...(field === undefined ? {} : { field }) }) as { code: never; message: string; field?: string };

describe('fieldOf', () => {
  const POST = ['category', 'description', 'photos', 'buildingId', 'room'] as const;

  it('names the field by the first part of its path after payload.', () => {
    expect(fieldOf(err('payload.description'), POST)).toBe('description');
    expect(fieldOf(err('payload.photos.3'), POST)).toBe('photos');
    expect(fieldOf(err('payload.room'), POST)).toBe('room');
  });

  it('leaves to the whole form an error without a field, or about a field the form does not have', () => {
    expect(fieldOf(err(), POST)).toBeNull();
    expect(fieldOf(err('payload.clientKey'), POST)).toBeNull();
    expect(fieldOf(err('payload'), POST)).toBeNull();
    expect(fieldOf(err('requestId'), POST)).toBeNull();
  });

  it('places an error by its code whatever path it carries (a photo required on 办结)', () => {
    const rules: FieldRules<'note' | 'photos'> = { codes: { 'ORDER.PHOTO_REQUIRED': 'photos' } };
    expect(fieldOf(err(undefined, 'ORDER.PHOTO_REQUIRED'), ['note', 'photos'], rules)).toBe('photos');
    expect(fieldOf(err('payload.note'), ['note', 'photos'], rules)).toBe('note');
  });

  it('reads nested paths by their longest known prefix (the station form: hours.open → open, any other hours → close)', () => {
    const fields = ['name', 'address', 'openingHours', 'days', 'open', 'close', 'roster'] as const;
    const rules: FieldRules<(typeof fields)[number]> = { paths: { 'hours.days': 'days', 'hours.open': 'open', hours: 'close' } };
    expect(fieldOf(err('payload.hours.days.2'), fields, rules)).toBe('days');
    expect(fieldOf(err('payload.hours.open'), fields, rules)).toBe('open');
    expect(fieldOf(err('payload.hours.close'), fields, rules)).toBe('close');
    expect(fieldOf(err('payload.hours'), fields, rules)).toBe('close');
    expect(fieldOf(err('payload.roster.2.to'), fields, rules)).toBe('roster');
    expect(fieldOf(err('payload.name'), fields, rules)).toBe('name');
  });

  it('puts every named field under the one box of a one-box form, and nothing else', () => {
    const rules: FieldRules<'text'> = { otherwise: 'text' };
    expect(fieldOf(err('payload.reason'), ['text'], rules)).toBe('text');
    expect(fieldOf(err('payload.title'), ['text'], rules)).toBe('text');
    expect(fieldOf(err(undefined, 'ORDER.NOT_ALLOWED_NOW'), ['text'], rules)).toBeNull();
  });
});

describe('withoutFields', () => {
  it('forgets the errors of the fields the person changed, and all of them when none are named', () => {
    const errors = { name: '太短', phone: '不对', room: '请填写门牌号' };
    expect(withoutFields(errors, ['phone'])).toEqual({ name: '太短', room: '请填写门牌号' });
    expect(withoutFields(errors, ['phone', 'room'])).toEqual({ name: '太短' });
    expect(withoutFields(errors)).toEqual({});
  });

  it('answers the very same object when nothing changes (no re-render for a field without an error)', () => {
    const errors: Partial<Record<'name' | 'phone', string>> = { name: '太短' };
    expect(withoutFields(errors, ['phone'])).toBe(errors);
    expect(withoutFields(errors, [])).toBe(errors);
  });
});
