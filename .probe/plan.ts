import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
const s = new SqliteStore(':memory:');
console.log(s.plan('users', { openid: 'x' }, { limit: 1 }));
console.log(s.plan('users', { 'home.path.gridId': 'g', createdAt: { $gt: '2026' } }, { sort: [['createdAt', 1]] }));
console.log(s.plan('invites', { status: 'active', expiresAt: { $lte: '2026' } }, { limit: 100 }));
console.log(s.plan('memberships', { userId: { $in: ['a', 'b'] } }));
console.log(s.plan('nodes', { parentId: null }, { sort: [['order', 1]] }));
console.log(s.selectSql('users', { openid: 'x', active: true, n: { $in: ['a', 1, null, true] } }).sql);
