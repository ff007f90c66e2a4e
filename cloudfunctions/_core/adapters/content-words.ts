/**
 * The local content check's word list: phrases that are unacceptable in any resident's post, by the
 * label WeChat's msgSecCheck would give them. Deliberately short and unambiguous: a resident
 * reporting "有人聚众赌博" or "我被骗了" must get through, so bare words for the harms themselves
 * (赌博, 诈骗) are not here, only the phrases that peddle or insult.
 */
export const BLOCKED_PHRASES: Readonly<Record<string, readonly string[]>> = {
  crime: [
    '网络赌博',
    '赌博网站',
    '博彩网站',
    '网上博彩',
    '六合彩',
    '百家乐',
    '时时彩',
    '赌球',
    '网赌',
    '出售枪支',
    '买卖枪支',
    '卖枪',
    '出售炸药',
    '冰毒',
    '海洛因',
    '摇头丸',
    '卖大麻',
  ],
  fraud: ['刷单返利', '代开发票', '办理假证', '办假证', '裸贷', '套现秒到', '洗钱'],
  porn: ['约炮', '裸聊', '色情服务', '援交'],
  abuse: ['傻逼', '操你妈', '草泥马', '狗杂种', '去死吧', '贱人'],
};
