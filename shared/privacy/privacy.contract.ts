// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './privacy.errors';
import { spec } from '../api/spec';
import * as P from './privacy.schema';

/** The `privacy` block of the API contract: my data (export, deletion), who read it, and the street's reveal log. */
export const privacyApi = {
  exportMine: spec({
    summary: '导出我的数据：资料、角色、我报的事与评价、留言、服务记录、议题与记名表决、同意记录、谁查看过我的信息',
    kind: 'read',
    input: P.ExportMineInput,
    output: P.ExportMineOutput,
    errors: [],
  }),
  deletePreview: spec({
    summary: '注销账号前：没办完的事、会卸下的角色、会删除和会匿名保留的内容',
    kind: 'read',
    input: P.DeletePreviewInput,
    output: P.DeletePreviewOutput,
    errors: [],
  }),
  deleteAccount: spec({
    summary: '注销账号：删除或替换个人信息，事项和评价匿名保留，没办完的事撤销或交给网格长，角色卸下',
    kind: 'write',
    input: P.DeleteAccountInput,
    output: P.DeleteAccountOutput,
    errors: ['PRIVACY.CONFIRM_REQUIRED', 'PRIVACY.OPEN_ORDERS_CHOICE_REQUIRED', 'PRIVACY.LAST_ADMIN', 'COMMON.CONFLICT'],
  }),
  myReveals: spec({
    summary: '谁查看了我的信息：查看人（网格长等写明姓名，接单志愿者写身份）、时间、事项',
    kind: 'read',
    input: P.MyRevealsInput,
    output: P.MyRevealsOutput,
    errors: [],
  }),
  revealLog: spec({
    summary: '街道查看本街道的个人信息查看记录，可按查看人、类型、日期筛选，并列出查看最多的人',
    kind: 'read',
    input: P.RevealLogInput,
    output: P.RevealLogOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
};
