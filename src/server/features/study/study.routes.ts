import { z } from 'zod';
import type { GivenAnswer } from '../../../domain/study';
import {
  type Api,
  actorOf,
  sendFile,
  uploadedFile,
  uploadedXlsx,
  XLSX_TYPE,
  ZIdParam,
  ZOk,
} from '../../http/api';
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
  const P = '/api/v1/study';
  /** The desk's reports: one org's subtree, one year. */
  const orgYearReport = <T extends z.ZodTypeAny>(summary: string, response: T) => ({
    schema: { tags, summary, querystring: ZOrgYearQuery, response: { 200: response } },
  });

  /* ---------- the desk: plans, sessions, hours ---------- */

  api.get(`${P}/plans`, orgYearReport('学习计划（组织子树、年度）', ZPlanList), async (r) =>
    plans.plans(actorOf(r), r.query.orgId, r.query.year),
  );
  api.post(
    `${P}/plans`,
    { schema: { tags, summary: '制定年度或季度学习计划', body: ZPlanInput, response: { 200: ZCreated } } },
    async (r) => plans.createPlan(actorOf(r), r.body),
  );
  api.patch(
    `${P}/plans/:id`,
    {
      schema: {
        tags,
        summary: '修改学习计划',
        params: ZIdParam,
        body: ZPlanUpdate,
        response: { 200: ZCreated },
      },
    },
    async (r) => plans.updatePlan(actorOf(r), r.params.id, r.body),
  );
  api.delete(
    `${P}/plans/:id`,
    { schema: { tags, summary: '删除学习计划（其下活动保留）', params: ZIdParam, response: { 200: ZOk } } },
    async (r) => {
      await plans.deletePlan(actorOf(r), r.params.id);
      return { ok: true as const };
    },
  );

  api.get(
    `${P}/sessions`,
    {
      schema: {
        tags,
        summary: '学习活动（集中学习、专题研讨、微党课……）列表',
        querystring: ZSessionListQuery,
        response: { 200: ZSessionList },
      },
    },
    async (r) => sessions.sessions(actorOf(r), r.query.orgId, r.query.year),
  );
  api.post(
    `${P}/sessions`,
    {
      schema: {
        tags,
        summary: '计划或登记学习活动；关联会议记录时沿用会议出席、只计一次学时',
        body: ZSessionCreate,
        response: { 200: ZSessionDetail },
      },
    },
    async (r) => sessions.createSession(actorOf(r), r.body),
  );
  api.get(
    `${P}/sessions/:id`,
    {
      schema: {
        tags,
        summary: '学习活动详情（含出席）',
        params: ZIdParam,
        response: { 200: ZSessionDetail },
      },
    },
    async (r) => sessions.sessionDetail(actorOf(r), r.params.id),
  );
  api.patch(
    `${P}/sessions/:id`,
    {
      schema: {
        tags,
        summary: '修改学习活动、登记出席；status=held 表示已开展（按出席计入学时）',
        params: ZIdParam,
        body: ZSessionUpdate,
        response: { 200: ZSessionDetail },
      },
    },
    async (r) => sessions.updateSession(actorOf(r), r.params.id, r.body),
  );
  api.post(
    `${P}/sessions/:id/sync`,
    {
      schema: {
        tags,
        summary: '重新沿用关联会议的出席情况',
        params: ZIdParam,
        response: { 200: ZSessionDetail },
      },
    },
    async (r) => sessions.syncSession(actorOf(r), r.params.id),
  );
  api.delete(
    `${P}/sessions/:id`,
    { schema: { tags, summary: '删除学习活动（学时随之扣除）', params: ZIdParam, response: { 200: ZOk } } },
    async (r) => {
      await sessions.deleteSession(actorOf(r), r.params.id);
      return { ok: true as const };
    },
  );
  api.get(
    `${P}/roster`,
    {
      schema: {
        tags,
        summary: '某日本组织在册党员（按党员状态历史），即学习活动可登记出席的人员',
        querystring: ZRosterQuery,
        response: { 200: ZRoster },
      },
    },
    async (r) => sessions.roster(actorOf(r), r.query.orgId, r.query.date),
  );
  api.get(
    `${P}/meeting-candidates`,
    orgYearReport('可关联为学习活动的本组织会议记录（尚未关联的）', ZMeetingCandidates),
    async (r) => sessions.meetingCandidates(actorOf(r), r.query.orgId, r.query.year),
  );
  api.get(
    `${P}/hours`,
    orgYearReport('党员年度学时与标准（党员 32 学时，书记、支委 56 学时）', ZHoursReport),
    async (r) => hours.hours(actorOf(r), r.query.orgId, r.query.year),
  );
  api.get(
    `${P}/coverage`,
    orgYearReport('学时达标率与考试情况：本组织及各下级组织（汇总表，按所示组织计费）', ZCoverage),
    async (r) => hours.coverage(actorOf(r), r.query.orgId, r.query.year),
  );

  api.get(
    `${P}/ledger`,
    orgYearReport('学习教育台账：学习活动与出席、党员学时达标、心得体会、考试成绩', ZStudyLedger),
    async (r) => hours.ledger(actorOf(r), r.query.orgId, r.query.year),
  );
  ledgerRoutes(api, {
    path: `${P}/ledger`,
    tags,
    name: '学习教育台账',
    querystring: ZOrgYearQuery,
    load: async (actor, query) => studyLedgerSections(await hours.ledger(actor, query.orgId, query.year)),
  });
  api.get(
    `${P}/self-study/template`,
    { schema: { tags, summary: '下载自学记录导入模板（.xlsx）' } },
    async (r, reply) =>
      sendFile(reply, '自学记录导入模板.xlsx', XLSX_TYPE, await selfStudy.selfStudyTemplate(actorOf(r))),
  );
  api.post(
    `${P}/self-study/import`,
    {
      schema: {
        tags,
        summary: '导入本组织党员自学记录（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
        querystring: ZSelfStudyImportQuery,
        response: { 200: ZImportResult },
      },
    },
    async (r) => {
      const actor = actorOf(r);
      return selfStudy.importSelfStudy(
        actor,
        r.query.orgId,
        await uploadedXlsx(r),
        r.query.dryRun === 'true',
      );
    },
  );

  /* ---------- reflections ---------- */

  api.get(
    `${P}/reflections`,
    {
      schema: {
        tags,
        summary: '心得体会（待审阅、已审阅、已退回）',
        querystring: ZReflectionQuery,
        response: { 200: ZReflectionList },
      },
    },
    async (r) => reflections.reflections(actorOf(r), r.query.orgId, r.query.status),
  );
  api.post(
    `${P}/reflections/:id/review`,
    {
      schema: {
        tags,
        summary: '审阅或退回心得体会（须填写意见）',
        params: ZIdParam,
        body: ZReviewInput,
        response: { 200: ZReflection },
      },
    },
    async (r) => reflections.reviewReflection(actorOf(r), r.params.id, r.body),
  );

  /* ---------- materials and today's item ---------- */

  api.get(
    `${P}/materials`,
    {
      schema: {
        tags,
        summary: '学习资料库（本组织及上级组织发布的）',
        querystring: z.object({ orgId: z.coerce.number().int() }),
        response: { 200: ZMaterialList },
      },
    },
    async (r) => materials.materials(actorOf(r), r.query.orgId),
  );
  api.post(
    `${P}/materials`,
    {
      schema: {
        tags,
        summary: '添加学习资料（文字或链接）',
        body: ZMaterialInput,
        response: { 200: ZMaterial },
      },
    },
    async (r) => materials.createMaterial(actorOf(r), r.body),
  );
  api.post(
    `${P}/materials/file`,
    {
      schema: {
        tags,
        summary: `上传文件资料（multipart 字段 file；PDF、Office 文件或图片，不超过 ${STUDY_LIMITS.materialFileBytes / 1024 / 1024} MB）`,
        querystring: ZMaterialFileQuery,
        response: { 200: ZMaterial },
      },
    },
    async (r) => {
      const actor = actorOf(r);
      const file = await uploadedFile(r, STUDY_LIMITS.materialFileBytes);
      return materials.uploadMaterial(actor, r.query, file.fileName, file.body);
    },
  );
  api.get(
    `${P}/materials/:id/file`,
    { schema: { tags, summary: '下载文件资料（本组织及下级可学习该资料的人员）', params: ZIdParam } },
    async (r, reply) => {
      const file = await materials.materialFile(actorOf(r), r.params.id);
      return sendFile(reply, file.fileName, file.mimeType, file.body);
    },
  );
  api.delete(
    `${P}/materials/:id`,
    { schema: { tags, summary: '删除学习资料', params: ZIdParam, response: { 200: ZOk } } },
    async (r) => {
      await materials.deleteMaterial(actorOf(r), r.params.id);
      return { ok: true as const };
    },
  );
  api.get(
    `${P}/daily`,
    {
      schema: {
        tags,
        summary: '某日的“今日学习”及已读人员',
        querystring: ZDailyQuery,
        response: { 200: ZDaily },
      },
    },
    async (r) => materials.daily(actorOf(r), r.query.orgId, r.query.date),
  );
  api.put(
    `${P}/daily`,
    { schema: { tags, summary: '设置某日的“今日学习”', body: ZDailyInput, response: { 200: ZDaily } } },
    async (r) => materials.setDaily(actorOf(r), r.body),
  );

  /* ---------- settings and points ---------- */

  api.get(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: '学习积分开关（就近继承上级设置）',
        querystring: z.object({ orgId: z.coerce.number().int() }),
        response: { 200: ZSettings },
      },
    },
    async (r) => points.settings(actorOf(r), r.query.orgId),
  );
  api.put(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: '开启或关闭本组织及下级的学习积分显示',
        body: ZSettingsInput,
        response: { 200: ZSettings },
      },
    },
    async (r) => points.saveSettings(actorOf(r), r.body),
  );
  api.get(
    `${P}/leaderboard`,
    orgYearReport('支部学习积分（仅供参考，不作为任何考核评价依据）', ZLeaderboard),
    async (r) => points.leaderboard(actorOf(r), r.query.orgId, r.query.year),
  );

  /* ---------- question bank and exams ---------- */

  api.get(
    `${P}/questions`,
    {
      schema: {
        tags,
        summary: '题库（本组织及上级组织的题目）',
        querystring: ZQuestionQuery,
        response: { 200: ZQuestionPage },
      },
    },
    async (r) => exams.questions(actorOf(r), r.query),
  );
  api.get(
    `${P}/questions/template`,
    { schema: { tags, summary: '下载题库导入模板（.xlsx）' } },
    async (r, reply) => sendFile(reply, '题库导入模板.xlsx', XLSX_TYPE, await exams.template(actorOf(r))),
  );
  api.post(
    `${P}/questions/import`,
    {
      schema: {
        tags,
        summary: '导入题库（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
        querystring: z.object({
          orgId: z.coerce.number().int(),
          dryRun: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: ZImportResult },
      },
    },
    async (r) => {
      const actor = actorOf(r);
      return exams.importQuestions(actor, r.query.orgId, await uploadedXlsx(r), r.query.dryRun === 'true');
    },
  );
  api.delete(
    `${P}/questions/:id`,
    {
      schema: {
        tags,
        summary: '删除题目（已被考试使用的不能删除）',
        params: ZIdParam,
        response: { 200: ZOk },
      },
    },
    async (r) => {
      await exams.deleteQuestion(actorOf(r), r.params.id);
      return { ok: true as const };
    },
  );
  api.get(
    `${P}/exams`,
    {
      schema: {
        tags,
        summary: '考试列表（本组织、上级和下级组织的）',
        querystring: ZExamListQuery,
        response: { 200: ZExamList },
      },
    },
    async (r) => exams.exams(actorOf(r), r.query.orgId, r.query.year),
  );
  api.post(
    `${P}/exams`,
    {
      schema: {
        tags,
        summary: '发布考试：时间窗口、时长、作答次数、题目与选项乱序、多选题计分规则',
        body: ZExamInput,
        response: { 200: ZExam },
      },
    },
    async (r) => exams.createExam(actorOf(r), r.body),
  );
  api.delete(
    `${P}/exams/:id`,
    { schema: { tags, summary: '删除考试（已有作答的不能删除）', params: ZIdParam, response: { 200: ZOk } } },
    async (r) => {
      await exams.deleteExam(actorOf(r), r.params.id);
      return { ok: true as const };
    },
  );
  api.get(
    `${P}/exams/:id/results`,
    {
      schema: {
        tags,
        summary: '考试成绩：按党员（最高分）和按支部',
        params: ZIdParam,
        querystring: z.object({ orgId: z.coerce.number().int() }),
        response: { 200: ZExamResults },
      },
    },
    async (r) => exams.results(actorOf(r), r.params.id, r.query.orgId),
  );

  /* ---------- the member's own ---------- */

  api.get(
    `${P}/my/overview`,
    {
      schema: {
        tags,
        summary: '我的学习：学时与标准、今日学习、积分（如开启）',
        querystring: ZYearQuery,
        response: { 200: ZMyOverview },
      },
    },
    async (r) => overview.myOverview(actorOf(r), r.query.year),
  );
  api.post(
    `${P}/my/reads`,
    {
      schema: {
        tags,
        summary: '标记资料已读',
        body: ZReadInput,
        response: { 200: z.object({ readAt: z.string() }) },
      },
    },
    async (r) => materials.markRead(actorOf(r), r.body.materialId),
  );
  api.get(
    `${P}/my/self-study`,
    { schema: { tags, summary: '我的自学记录', querystring: ZYearQuery, response: { 200: ZSelfStudyList } } },
    async (r) => selfStudy.mySelfStudy(actorOf(r), r.query.year),
  );
  api.post(
    `${P}/my/self-study`,
    {
      schema: {
        tags,
        summary: '登记自学（计入年度学时）',
        body: ZSelfStudyInput,
        response: { 200: ZCreated },
      },
    },
    async (r) => selfStudy.addSelfStudy(actorOf(r), r.body),
  );
  api.delete(
    `${P}/my/self-study/:id`,
    { schema: { tags, summary: '删除我的自学记录', params: ZIdParam, response: { 200: ZOk } } },
    async (r) => {
      await selfStudy.deleteSelfStudy(actorOf(r), r.params.id);
      return { ok: true as const };
    },
  );
  api.get(
    `${P}/my/reflections`,
    { schema: { tags, summary: '我的心得体会', response: { 200: ZReflectionList } } },
    async (r) => reflections.myReflections(actorOf(r)),
  );
  api.post(
    `${P}/my/reflections`,
    { schema: { tags, summary: '提交心得体会', body: ZReflectionInput, response: { 200: ZReflection } } },
    async (r) => reflections.submitReflection(actorOf(r), r.body),
  );
  api.get(
    `${P}/my/exams`,
    { schema: { tags, summary: '我的考试（可参加、进行中、已完成）', response: { 200: ZMyExamList } } },
    async (r) => exams.myExams(actorOf(r)),
  );
  api.post(
    `${P}/my/exams/:id/start`,
    {
      schema: {
        tags,
        summary: '开始作答（或继续进行中的答卷）：试卷不含答案',
        params: ZIdParam,
        response: { 200: ZAttempt },
      },
    },
    async (r) => exams.start(actorOf(r), r.params.id),
  );
  api.get(
    `${P}/my/attempts/:id`,
    {
      schema: {
        tags,
        summary: '我的答卷（提交后含答案与解析）',
        params: ZIdParam,
        response: { 200: ZAttempt },
      },
    },
    async (r) => exams.attempt(actorOf(r), r.params.id),
  );
  api.post(
    `${P}/my/attempts/:id/submit`,
    {
      schema: {
        tags,
        summary: '提交答卷：服务器按标准答案评分，超时不予接受',
        params: ZIdParam,
        body: ZSubmitInput,
        response: { 200: ZAttempt },
      },
    },
    async (r) => exams.submit(actorOf(r), r.params.id, r.body.answers as Record<string, GivenAnswer>),
  );
}
