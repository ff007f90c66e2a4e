import { SUBSCRIBE_TEMPLATES, TEMPLATE_KEYS, templateEnvName, type TemplateSpec } from '../shared/notices/templates';

const SOURCE_WORDS: Record<string, string> = {
  subject: 'the subject: category, meeting or topic title',
  title: "the message's title",
  body: "the message's text",
  place: 'the place: building or meeting room',
  when: 'the time it names: deadline or meeting start',
  sentAt: 'when it was sent',
  state: 'the state',
  who: 'who acted',
};

/** docs/subscribe-messages.md: what an environment's operator adds in 微信公众平台 → 订阅消息, from the one table. */
export function renderSubscribeDocs(): string {
  const rows = TEMPLATE_KEYS.map((key) => {
    const spec: TemplateSpec = SUBSCRIBE_TEMPLATES[key];
    const fields = spec.fields.map((f) => `${f.label} \`${f.key}\` (${SOURCE_WORDS[f.from]}${f.from === 'state' && spec.state ? `, usually 「${spec.state}」` : ''})`).join('<br>');
    return `| \`${key}\` | ${spec.libraryTitle} | ${fields} | \`${templateEnvName(key)}\` |`;
  });
  return [
    '# Subscribe messages (订阅消息)',
    '',
    'Generated from `shared/notices/templates.ts` by `npm run docs:api`; do not edit by hand.',
    '',
    'Every notification the platform sends becomes the WeChat subscribe message below. For each row, an',
    "environment's operator adds, in 微信公众平台 → 功能 → 订阅消息 → 公共模板库, a template of that title",
    'with those keywords in that order, and sets the template id it gets as the variable in the last',
    'column on the functions (`npm run deploy` merges it with the variables already there) and in the',
    'build of the mini-program (it asks the user for consent with the same ids). If WeChat numbers the',
    'keywords differently, change the keys in the table; its tests check every payload again.',
    '',
    "Values are fitted to WeChat's rules before sending (`thing` ≤ 20 characters, cut with …; `phrase` ≤ 5",
    'Chinese characters; `time` as `2026年12月6日 09:05` on the Beijing clock; `name` ≤ 10 Chinese',
    'characters); a message that still breaks a rule is kept in the outbox as refused and never sent.',
    '`HONGLIN_MINIPROGRAM_STATE` (`developer`, `trial`, `formal`; default `formal`) says which version',
    'of the mini-program a message opens.',
    '',
    '| key | library template | keywords (key, filled from) | template id variable |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
