import { z } from 'zod';
import type { GivenAnswer } from '../../../domain/study';
import { type Api, sendFile, uploadedFile, uploadedXlsx, XLSX_TYPE, ZIdParam, ZOk } from '../../http/api';
import { done, signedInRoutes } from '../../http/routes';
import { ledgerRoutes } from '../../ledgers';
import { studyLedgerSections } from './study.exports';
import {
  STUDY_LIMITS,
  ZAttempt,
  ZCoverage,
  ZDaily,
  ZDailyInput,
  ZDailyQuery,
  ZExam,
  ZExamInput,
  ZExamList,
  ZExamListQuery,
  ZExamResults,
  ZHoursReport,
  ZImportResult,
  ZLeaderboard,
  ZMaterial,
  ZMaterialFileQuery,
  ZMaterialInput,
  ZMaterialList,
  ZMeetingCandidates,
  ZMyExamList,
  ZMyOverview,
  ZOrgYearQuery,
  ZPlanInput,
  ZPlanList,
  ZPlanUpdate,
  ZQuestionPage,
  ZQuestionQuery,
  ZReadInput,
  ZReflection,
  ZReflectionInput,
  ZReflectionList,
  ZReflectionQuery,
  ZReviewInput,
  ZRoster,
  ZRosterQuery,
  ZSelfStudyImportQuery,
  ZSelfStudyInput,
  ZSelfStudyList,
  ZSessionCreate,
  ZSessionDetail,
  ZSessionList,
  ZSessionListQuery,
  ZSessionUpdate,
  ZSettings,
  ZSettingsInput,
  ZStudyLedger,
  ZSubmitInput,
  ZYearQuery,
} from './study.schema';
import type { StudyServices } from './study.services';

const ZCreated = z.object({ id: z.number() });

export function studyRoutes(api: Api, services: StudyServices) {
  const { plans, sessions, hours, selfStudy, reflections, materials, points, overview, exams } = services;
  const tags = ['study'];
  const route = signedInRoutes(api, tags);
  const P = '/api/v1/study';
  /** The desk's reports: one org's subtree, one year. */
  const orgYearReport = <T extends z.ZodType>(summary: string, response: T) => ({
    summary,
    querystring: ZOrgYearQuery,
    response,
  });

  /* ---------- the desk: plans, sessions, hours ---------- */

  route.get(`${P}/plans`, orgYearReport('学习计划（组织子树、年度）', ZPlanList), (actor, { query }) =>
    plans.plans(actor, query.orgId, query.year),
  );
  route.post(
    `${P}/plans`,
    { summary: '制定年度或季度学习计划', body: ZPlanInput, response: ZCreated },
    (actor, { body }) => plans.createPlan(actor, body),
  );
  route.patch(
    `${P}/plans/:id`,
    { summary: '修改学习计划', params: ZIdParam, body: ZPlanUpdate, response: ZCreated },
    (actor, { params, body }) => plans.updatePlan(actor, params.id, body),
  );
  route.delete(
    `${P}/plans/:id`,
    { summary: '删除学习计划（其下活动保留）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(plans.deletePlan(actor, params.id)),
  );

  route.get(
    `${P}/sessions`,
    {
      summary: '学习活动（集中学习、专题研讨、微党课……）列表',
      querystring: ZSessionListQuery,
      response: ZSessionList,
    },
    (actor, { query }) => sessions.sessions(actor, query.orgId, query.year),
  );
  route.post(
    `${P}/sessions`,
    {
      summary: '计划或登记学习活动；关联会议记录时沿用会议出席、只计一次学时',
      body: ZSessionCreate,
      response: ZSessionDetail,
    },
    (actor, { body }) => sessions.createSession(actor, body),
  );
  route.get(
    `${P}/sessions/:id`,
    { summary: '学习活动详情（含出席）', params: ZIdParam, response: ZSessionDetail },
    (actor, { params }) => sessions.sessionDetail(actor, params.id),
  );
  route.patch(
    `${P}/sessions/:id`,
    {
      summary: '修改学习活动、登记出席；status=held 表示已开展（按出席计入学时）',
      params: ZIdParam,
      body: ZSessionUpdate,
      response: ZSessionDetail,
    },
    (actor, { params, body }) => sessions.updateSession(actor, params.id, body),
  );
  route.post(
    `${P}/sessions/:id/sync`,
    { summary: '重新沿用关联会议的出席情况', params: ZIdParam, response: ZSessionDetail },
    (actor, { params }) => sessions.syncSession(actor, params.id),
  );
  route.delete(
    `${P}/sessions/:id`,
    { summary: '删除学习活动（学时随之扣除）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(sessions.deleteSession(actor, params.id)),
  );
  route.get(
    `${P}/roster`,
    {
      summary: '某日本组织在册党员（按党员状态历史），即学习活动可登记出席的人员',
      querystring: ZRosterQuery,
      response: ZRoster,
    },
    (actor, { query }) => sessions.roster(actor, query.orgId, query.date),
  );
  route.get(
    `${P}/meeting-candidates`,
    orgYearReport('可关联为学习活动的本组织会议记录（尚未关联的）', ZMeetingCandidates),
    (actor, { query }) => sessions.meetingCandidates(actor, query.orgId, query.year),
  );
  route.get(
    `${P}/hours`,
    orgYearReport('党员年度学时与标准（党员 32 学时，书记、支委 56 学时）', ZHoursReport),
    (actor, { query }) => hours.hours(actor, query.orgId, query.year),
  );
  route.get(
    `${P}/coverage`,
    orgYearReport('学时达标率与考试情况：本组织及各下级组织（汇总表，按所示组织计费）', ZCoverage),
    (actor, { query }) => hours.coverage(actor, query.orgId, query.year),
  );

  route.get(
    `${P}/ledger`,
    orgYearReport('学习教育台账：学习活动与出席、党员学时达标、心得体会、考试成绩', ZStudyLedger),
    (actor, { query }) => hours.ledger(actor, query.orgId, query.year),
  );
  ledgerRoutes(api, {
    path: `${P}/ledger`,
    tags,
    name: '学习教育台账',
    querystring: ZOrgYearQuery,
    load: async (actor, query) => studyLedgerSections(await hours.ledger(actor, query.orgId, query.year)),
  });
  route.get(
    `${P}/self-study/template`,
    { summary: '下载自学记录导入模板（.xlsx）' },
    async (actor, _request, reply) =>
      sendFile(reply, '自学记录导入模板.xlsx', XLSX_TYPE, await selfStudy.selfStudyTemplate(actor)),
  );
  route.post(
    `${P}/self-study/import`,
    {
      summary: '导入本组织党员自学记录（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
      querystring: ZSelfStudyImportQuery,
      response: ZImportResult,
    },
    async (actor, r) =>
      selfStudy.importSelfStudy(actor, r.query.orgId, await uploadedXlsx(r), r.query.dryRun === 'true'),
  );

  /* ---------- reflections ---------- */

  route.get(
    `${P}/reflections`,
    {
      summary: '心得体会（待审阅、已审阅、已退回）',
      querystring: ZReflectionQuery,
      response: ZReflectionList,
    },
    (actor, { query }) => reflections.reflections(actor, query.orgId, query.status),
  );
  route.post(
    `${P}/reflections/:id/review`,
    {
      summary: '审阅或退回心得体会（须填写意见）',
      params: ZIdParam,
      body: ZReviewInput,
      response: ZReflection,
    },
    (actor, { params, body }) => reflections.reviewReflection(actor, params.id, body),
  );

  /* ---------- materials and today's item ---------- */

  route.get(
    `${P}/materials`,
    {
      summary: '学习资料库（本组织及上级组织发布的）',
      querystring: z.object({ orgId: z.coerce.number().int() }),
      response: ZMaterialList,
    },
    (actor, { query }) => materials.materials(actor, query.orgId),
  );
  route.post(
    `${P}/materials`,
    { summary: '添加学习资料（文字或链接）', body: ZMaterialInput, response: ZMaterial },
    (actor, { body }) => materials.createMaterial(actor, body),
  );
  route.post(
    `${P}/materials/file`,
    {
      summary: `上传文件资料（multipart 字段 file；PDF、Office 文件或图片，不超过 ${STUDY_LIMITS.materialFileBytes / 1024 / 1024} MB）`,
      querystring: ZMaterialFileQuery,
      response: ZMaterial,
    },
    async (actor, r) => {
      const file = await uploadedFile(r, STUDY_LIMITS.materialFileBytes);
      return materials.uploadMaterial(actor, r.query, file.fileName, file.body);
    },
  );
  route.get(
    `${P}/materials/:id/file`,
    { summary: '下载文件资料（本组织及下级可学习该资料的人员）', params: ZIdParam },
    async (actor, { params }, reply) => {
      const file = await materials.materialFile(actor, params.id);
      return sendFile(reply, file.fileName, file.mimeType, file.body);
    },
  );
  route.delete(
    `${P}/materials/:id`,
    { summary: '删除学习资料', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(materials.deleteMaterial(actor, params.id)),
  );
  route.get(
    `${P}/daily`,
    { summary: '某日的“今日学习”及已读人员', querystring: ZDailyQuery, response: ZDaily },
    (actor, { query }) => materials.daily(actor, query.orgId, query.date),
  );
  route.put(
    `${P}/daily`,
    { summary: '设置某日的“今日学习”', body: ZDailyInput, response: ZDaily },
    (actor, { body }) => materials.setDaily(actor, body),
  );

  /* ---------- settings and points ---------- */

  route.get(
    `${P}/settings`,
    {
      summary: '学习积分开关（就近继承上级设置）',
      querystring: z.object({ orgId: z.coerce.number().int() }),
      response: ZSettings,
    },
    (actor, { query }) => points.settings(actor, query.orgId),
  );
  route.put(
    `${P}/settings`,
    { summary: '开启或关闭本组织及下级的学习积分显示', body: ZSettingsInput, response: ZSettings },
    (actor, { body }) => points.saveSettings(actor, body),
  );
  route.get(
    `${P}/leaderboard`,
    orgYearReport('支部学习积分（仅供参考，不作为任何考核评价依据）', ZLeaderboard),
    (actor, { query }) => points.leaderboard(actor, query.orgId, query.year),
  );

  /* ---------- question bank and exams ---------- */

  route.get(
    `${P}/questions`,
    { summary: '题库（本组织及上级组织的题目）', querystring: ZQuestionQuery, response: ZQuestionPage },
    (actor, { query }) => exams.questions(actor, query),
  );
  route.get(
    `${P}/questions/template`,
    { summary: '下载题库导入模板（.xlsx）' },
    async (actor, _request, reply) =>
      sendFile(reply, '题库导入模板.xlsx', XLSX_TYPE, await exams.template(actor)),
  );
  route.post(
    `${P}/questions/import`,
    {
      summary: '导入题库（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
      querystring: z.object({
        orgId: z.coerce.number().int(),
        dryRun: z.enum(['true', 'false']).default('false'),
      }),
      response: ZImportResult,
    },
    async (actor, r) =>
      exams.importQuestions(actor, r.query.orgId, await uploadedXlsx(r), r.query.dryRun === 'true'),
  );
  route.delete(
    `${P}/questions/:id`,
    { summary: '删除题目（已被考试使用的不能删除）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(exams.deleteQuestion(actor, params.id)),
  );
  route.get(
    `${P}/exams`,
    { summary: '考试列表（本组织、上级和下级组织的）', querystring: ZExamListQuery, response: ZExamList },
    (actor, { query }) => exams.exams(actor, query.orgId, query.year),
  );
  route.post(
    `${P}/exams`,
    {
      summary: '发布考试：时间窗口、时长、作答次数、题目与选项乱序、多选题计分规则',
      body: ZExamInput,
      response: ZExam,
    },
    (actor, { body }) => exams.createExam(actor, body),
  );
  route.delete(
    `${P}/exams/:id`,
    { summary: '删除考试（已有作答的不能删除）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(exams.deleteExam(actor, params.id)),
  );
  route.get(
    `${P}/exams/:id/results`,
    {
      summary: '考试成绩：按党员（最高分）和按支部',
      params: ZIdParam,
      querystring: z.object({ orgId: z.coerce.number().int() }),
      response: ZExamResults,
    },
    (actor, { params, query }) => exams.results(actor, params.id, query.orgId),
  );

  /* ---------- the member's own ---------- */

  route.get(
    `${P}/my/overview`,
    {
      summary: '我的学习：学时与标准、今日学习、积分（如开启）',
      querystring: ZYearQuery,
      response: ZMyOverview,
    },
    (actor, { query }) => overview.myOverview(actor, query.year),
  );
  route.post(
    `${P}/my/reads`,
    { summary: '标记资料已读', body: ZReadInput, response: z.object({ readAt: z.string() }) },
    (actor, { body }) => materials.markRead(actor, body.materialId),
  );
  route.get(
    `${P}/my/self-study`,
    { summary: '我的自学记录', querystring: ZYearQuery, response: ZSelfStudyList },
    (actor, { query }) => selfStudy.mySelfStudy(actor, query.year),
  );
  route.post(
    `${P}/my/self-study`,
    { summary: '登记自学（计入年度学时）', body: ZSelfStudyInput, response: ZCreated },
    (actor, { body }) => selfStudy.addSelfStudy(actor, body),
  );
  route.delete(
    `${P}/my/self-study/:id`,
    { summary: '删除我的自学记录', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(selfStudy.deleteSelfStudy(actor, params.id)),
  );
  route.get(`${P}/my/reflections`, { summary: '我的心得体会', response: ZReflectionList }, (actor) =>
    reflections.myReflections(actor),
  );
  route.post(
    `${P}/my/reflections`,
    { summary: '提交心得体会', body: ZReflectionInput, response: ZReflection },
    (actor, { body }) => reflections.submitReflection(actor, body),
  );
  route.get(
    `${P}/my/exams`,
    { summary: '我的考试（可参加、进行中、已完成）', response: ZMyExamList },
    (actor) => exams.myExams(actor),
  );
  route.post(
    `${P}/my/exams/:id/start`,
    { summary: '开始作答（或继续进行中的答卷）：试卷不含答案', params: ZIdParam, response: ZAttempt },
    (actor, { params }) => exams.start(actor, params.id),
  );
  route.get(
    `${P}/my/attempts/:id`,
    { summary: '我的答卷（提交后含答案与解析）', params: ZIdParam, response: ZAttempt },
    (actor, { params }) => exams.attempt(actor, params.id),
  );
  route.post(
    `${P}/my/attempts/:id/submit`,
    {
      summary: '提交答卷：服务器按标准答案评分，超时不予接受',
      params: ZIdParam,
      body: ZSubmitInput,
      response: ZAttempt,
    },
    (actor, { params, body }) => exams.submit(actor, params.id, body.answers as Record<string, GivenAnswer>),
  );
}
