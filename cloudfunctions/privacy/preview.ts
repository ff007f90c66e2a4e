import type { Membership } from '../../shared/accounts/accounts.schema';
import { ROLE_LABELS } from '../../shared/accounts/roles';
import { fullDateTimeText } from '../../shared/kernel/time';
import { stateLabelAt } from '../../shared/orders/order.machine';
import type { DeletePreviewOutput } from '../../shared/privacy/privacy.schema';
import type { Store } from '../_core/ports/store';
import type { OrderDoc } from '../orders/order-store';

/** The orders the person posted (or had posted for them) that are not closed or withdrawn, newest first. */
export async function openOrdersOf(store: Store, userId: string): Promise<OrderDoc[]> {
  return store.find<OrderDoc>(
    'orders',
    { posterId: userId, state: { $nin: ['closed', 'cancelled'] } },
    {
      sort: [
        ['posterId', 1],
        ['postedAt', -1],
      ],
      limit: 100,
    },
  );
}

/** What deleting the account removes, in the words of the confirmation page. */
export const REMOVED: readonly string[] = [
  '姓名、手机号、门牌号和联系电话的同意记录',
  '个人码、长辈版设置和志愿者资料（技能、服务时间）',
  '担任的角色（网格长、志愿者等）',
  '发给您的消息、电脑上的登录',
  '您报事时留的联系人、门牌、位置、照片和评价留言',
  '微信身份与本账号的关联：以后用同一微信打开红邻，是一个新账号',
];

/** What is kept without a name, and why. */
export const KEPT: readonly string[] = [
  '报过的事和评价的星级：不再带您的姓名和联系方式，用于社区办事的统计',
  '志愿服务时长、值班和议事记录：以「已注销居民」显示，用于统计和会议的法定人数',
  '操作留痕：只留编号，按规定保存',
];

/** The confirmation page: open orders, roles, what goes and what stays, and why it cannot be done now. */
export function previewOf(open: readonly OrderDoc[], memberships: readonly Membership[], placeName: (nodeId: string) => string, sole: readonly Membership[]): DeletePreviewOutput {
  return {
    openOrders: open.map((o) => ({ id: o._id, category: o.category, stateLabel: stateLabelAt(o.state, o.level, o.desk), postedAt: fullDateTimeText(o.postedAt) })),
    roles: memberships.map((m) => ({ role: m.role, roleLabel: ROLE_LABELS[m.role], placeName: placeName(m.nodeId) })),
    removed: [...REMOVED],
    kept: [...KEPT],
    blocked: sole.length
      ? `您是${sole.map((m) => `${placeName(m.nodeId)}唯一的${ROLE_LABELS[m.role]}`).join('、')}，请先请上级为这里安排新的${ROLE_LABELS[sole[0]!.role]}，再注销账号`
      : null,
  };
}
