/** What residents ask for, in their own words (网上接单). */
export const CATEGORIES = ['水电维修', '家居小修', '环境卫生', '公共设施', '邻里纠纷', '养老助残', '代买代办', '政策咨询', '安全隐患', '其他'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Stable ASCII names for the categories, for class names and keys where Chinese will not do. */
export const CATEGORY_SLUGS: Record<Category, string> = {
  水电维修: 'water',
  家居小修: 'repair',
  环境卫生: 'sanitation',
  公共设施: 'facility',
  邻里纠纷: 'dispute',
  养老助残: 'care',
  代买代办: 'errand',
  政策咨询: 'policy',
  安全隐患: 'hazard',
  其他: 'other',
};

/**
 * A glyph beside each category on the post form's tiles: symbols every phone font draws (no images,
 * no network); the words beside it always say what it is.
 */
export const CATEGORY_ICONS: Record<Category, string> = {
  水电维修: '⚡',
  家居小修: '⚒',
  环境卫生: '♻',
  公共设施: '⚙',
  邻里纠纷: '⚖',
  养老助残: '♿',
  代买代办: '✉',
  政策咨询: '✎',
  安全隐患: '⚠',
  其他: '⋯',
};

export interface CategoryRule {
  /** A hint shown under the category. */
  hint: string;
  /** Private: only the poster, the assignee and leaders of the place see the description (disputes, care needs). */
  private: boolean;
  /** Resolving needs a photo of the result. */
  photoOnResolve: boolean;
  /** Goes straight to the grid leader instead of a volunteer (disputes are mediated, not fixed). */
  leaderFirst: boolean;
  /**
   * Where the post form asks first: the household (`home`, a point optional), or a point on the map
   * (`point`: a public place, the building optional); a public place's point is shown to all who see the order.
   */
  wherePrompt: 'home' | 'point';
}

export const CATEGORY_RULES: Record<Category, CategoryRule> = {
  水电维修: { hint: '漏水、跳闸、水龙头、灯不亮', private: false, photoOnResolve: true, leaderFirst: false, wherePrompt: 'home' },
  家居小修: { hint: '门锁、家具、晾衣架', private: false, photoOnResolve: true, leaderFirst: false, wherePrompt: 'home' },
  环境卫生: { hint: '垃圾堆放、楼道杂物、卫生死角', private: false, photoOnResolve: true, leaderFirst: false, wherePrompt: 'point' },
  公共设施: { hint: '路灯、座椅、健身器材、电梯', private: false, photoOnResolve: true, leaderFirst: false, wherePrompt: 'point' },
  邻里纠纷: { hint: '噪音、漏水到楼下、占用公共空间', private: true, photoOnResolve: false, leaderFirst: true, wherePrompt: 'home' },
  养老助残: { hint: '陪同就医、上门探访、助餐', private: true, photoOnResolve: false, leaderFirst: false, wherePrompt: 'home' },
  代买代办: { hint: '买药、买菜、代缴费用', private: false, photoOnResolve: false, leaderFirst: false, wherePrompt: 'home' },
  政策咨询: { hint: '医保、养老金、证件办理', private: false, photoOnResolve: false, leaderFirst: false, wherePrompt: 'home' },
  安全隐患: { hint: '飞线充电、消防通道堵塞、外墙脱落', private: false, photoOnResolve: true, leaderFirst: false, wherePrompt: 'point' },
  其他: { hint: '其他需要帮忙的事', private: false, photoOnResolve: false, leaderFirst: false, wherePrompt: 'home' },
};

/**
 * Emergencies are never a form: the page shows the number to call instead (119 / 120 / 110).
 */
export const EMERGENCIES = [
  { key: 'fire', label: '着火、冒烟', call: '119', say: '火警请立即拨打 119', icon: '火' },
  { key: 'gas', label: '燃气泄漏、闻到煤气味', call: '119', say: '燃气泄漏请立即离开并拨打 119，不要开关电器', icon: '气' },
  { key: 'medical', label: '有人晕倒、受伤、急病', call: '120', say: '急救请立即拨打 120', icon: '✚' },
  { key: 'crime', label: '盗窃、打架、人身危险', call: '110', say: '遇到违法犯罪请立即拨打 110', icon: '警' },
] as const;
export type EmergencyKey = (typeof EMERGENCIES)[number]['key'];
/** What each emergency sounds like in a sentence ("听您说的，像是…"), for the post page and the timeline. */
export const EMERGENCY_LABEL: Record<EmergencyKey, string> = { fire: '着火了', gas: '燃气泄漏', medical: '有人需要急救', crime: '遇到了违法犯罪' };
/**
 * The emergency a post's refusal stands for (ORDER.EMERGENCY_ and the key, e.g. GAS: the page shows its number),
 * or null for any other code. The codes themselves live with the rule that refuses
 * (`shared/orders/suggest/emergency.ts`), so only the bundle that can answer with them names them.
 */
export function emergencyOfError(code: string): EmergencyKey | null {
  const key = /^ORDER\.EMERGENCY_([A-Z]+)$/.exec(code)?.[1]?.toLowerCase();
  return EMERGENCIES.some((e) => e.key === key) ? (key as EmergencyKey) : null;
}
export const EMERGENCY_KEYS = EMERGENCIES.map((e) => e.key) as [EmergencyKey, ...EmergencyKey[]];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '较急' };

export const RATING_TAGS = ['上门及时', '态度热情', '办得彻底', '耐心细致', '没有解决', '态度不好', '来得太晚'] as const;
