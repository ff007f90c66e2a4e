// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './compounds.errors';
import { spec } from '../api/spec';
import * as A from './compounds.api.schema';
import { SaveResponsibilitiesInput } from './compounds.schema';

/** The `compounds` block of the API contract: 三方共治, the community's compounds and its responsibility list (责任清单). */
export const compoundsApi = {
  list: spec({
    summary: '社区的小区：治理模式、楼栋数、物业服务中心或单位后勤或党支部、物业客服人数（网格长看本网格，物业和业委会看本小区）',
    kind: 'read',
    input: A.ListCompoundsInput,
    output: A.ListCompoundsOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  responsibilities: spec({
    summary: '责任清单公示：各类事项在各治理模式小区由谁先处理、几小时内，社区自定的规则和最近的修改记录',
    kind: 'read',
    input: A.ResponsibilitiesInput,
    output: A.ResponsibilitiesOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  saveResponsibilities: spec({
    summary: '社区书记或街道保存社区的责任清单（整份提交，按读取时的版本；别人先改过则提示刷新），记录修改了哪些条目',
    kind: 'write',
    input: SaveResponsibilitiesInput,
    output: A.ResponsibilitiesOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.CONFLICT', 'COMPOUND.NOT_IN_COMMUNITY', 'COMPOUND.MODEL_MISMATCH'],
  }),
  review: spec({
    summary:
      '评议监督：小区物业一个月的工单——派给物业、接单、办结、按时办结率、满意度、物业退回及理由、办理中，分类明细和近 6 个月走势，以及本季度居民问卷评价（社区、街道、业委会和物业本身可看）',
    kind: 'read',
    input: A.ReviewInput,
    output: A.ReviewOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  survey: spec({
    summary: '物业服务季度评价：居民所在小区本季度的问卷（总体满意和报修、卫生、安全、收费几项），以及本人本季度已填的答案',
    kind: 'read',
    input: A.SurveyInput,
    output: A.SurveyView,
    errors: [],
  }),
  answerSurvey: spec({
    summary: '居民填写本季度物业服务评价（每人每季度一份，再填一次替换上一份），计入小区、网格、社区和街道的评议数字',
    kind: 'write',
    input: A.AnswerSurveyInput,
    output: A.SurveyView,
    errors: [
      'TERRITORY.NODE_NOT_FOUND',
      'COMPOUND.NOT_YOUR_COMPOUND',
      'COMPOUND.OWN_DESK',
      'COMPOUND.SURVEY_UNANSWERED',
      'COMPOUND.SURVEY_NOT_ASKED',
      'COMMON.CONTENT_UNSAFE',
      'COMMON.OPEN_APP_FIRST',
      'COMMON.CONFLICT',
    ],
  }),
};
