import { type Api, actorOf, sendFile, uploadedFile, ZIdParam, ZOk } from '../../http/api';
import {
  MEETING_LIMITS,
  ZAmendmentCreate,
  ZAttachment,
  ZCalendar,
  ZCalendarQuery,
  ZExpected,
  ZExpectedQuery,
  ZMeetingCreate,
  ZMeetingDetail,
  ZMeetingListQuery,
  ZMeetingPage,
  ZMeetingUpdate,
  ZMyAttendance,
  ZMyAttendanceQuery,
  ZMyMeetingPage,
  ZMyMeetingsQuery,
  ZSignIn,
} from './meetings.schema';
import type { MeetingsService } from './meetings.service';
import { DOCX_TYPE, minutesDocx } from './org-life.exports';

export function meetingsRoutes(api: Api, meetings: MeetingsService) {
  const tags = ['meetings'];
  api.get(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: '会议记录列表：按组织子树、日期、类型、状态筛选（权限范围内，最新在前）',
        querystring: ZMeetingListQuery,
        response: { 200: ZMeetingPage },
      },
    },
    async (request) => meetings.list(actorOf(request), request.query),
  );

  api.post(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: '计划会议（status=planned，通知应到党员）或登记已召开的会议（status=held）',
        body: ZMeetingCreate,
        response: { 200: ZMeetingDetail },
      },
    },
    async (request) => meetings.create(actorOf(request), request.body),
  );

  api.get(
    '/api/v1/meetings/calendar',
    {
      schema: {
        tags,
        summary: '会议日历：组织子树在日期范围内的计划与已召开会议',
        querystring: ZCalendarQuery,
        response: { 200: ZCalendar },
      },
    },
    async (request) => meetings.calendar(actorOf(request), request.query),
  );

  api.get(
    '/api/v1/meetings/expected',
    {
      schema: {
        tags,
        summary: '应到人员预览：会议日期当天在册的党员（支委会为在任支部委员）',
        querystring: ZExpectedQuery,
        response: { 200: ZExpected },
      },
    },
    async (request) => meetings.expectedPreview(actorOf(request), request.query),
  );

  api.get(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags,
        summary: '会议记录详情（出席、有效性提示、附件、更正记录）',
        params: ZIdParam,
        response: { 200: ZMeetingDetail },
      },
    },
    async (request) => meetings.detail(actorOf(request), request.params.id),
  );

  api.patch(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags,
        summary: '修改会议记录、登记出席；status=held 表示会议已召开（归档后只能更正）',
        params: ZIdParam,
        body: ZMeetingUpdate,
        response: { 200: ZMeetingDetail },
      },
    },
    async (request) => meetings.update(actorOf(request), request.params.id, request.body),
  );

  api.delete(
    '/api/v1/meetings/:id',
    {
      schema: { tags, summary: '删除会议（归档后不能删除）', params: ZIdParam, response: { 200: ZOk } },
    },
    async (request) => {
      await meetings.delete(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  api.post(
    '/api/v1/meetings/:id/amendments',
    {
      schema: {
        tags,
        summary: '更正已归档的会议记录（保留原记录，记入审计日志）',
        params: ZIdParam,
        body: ZAmendmentCreate,
        response: { 200: ZMeetingDetail },
      },
    },
    async (request) => meetings.amend(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/meetings/:id/attachments',
    {
      schema: {
        tags,
        summary: `上传附件（multipart 字段 file；图片、PDF、Office 文件，不超过 ${MEETING_LIMITS.attachmentBytes / 1024 / 1024} MB）`,
        params: ZIdParam,
        response: { 200: ZAttachment },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const file = await uploadedFile(request, MEETING_LIMITS.attachmentBytes);
      return meetings.addAttachment(actor, request.params.id, file.fileName, file.body);
    },
  );

  api.get(
    '/api/v1/meeting-attachments/:id/download',
    { schema: { tags, summary: '下载附件（仅限可查看该会议的人员）', params: ZIdParam } },
    async (request, reply) => {
      const file = await meetings.download(actorOf(request), request.params.id);
      return sendFile(reply, file.fileName, file.mimeType, file.body);
    },
  );

  api.delete(
    '/api/v1/meeting-attachments/:id',
    { schema: { tags, summary: '删除附件（归档前）', params: ZIdParam, response: { 200: ZOk } } },
    async (request) => {
      await meetings.deleteAttachment(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  api.get(
    '/api/v1/meetings/:id/minutes.docx',
    { schema: { tags, summary: '导出会议记录（Word .docx，会议记录格式）', params: ZIdParam } },
    async (request, reply) => {
      const detail = await meetings.detail(actorOf(request), request.params.id);
      return sendFile(
        reply,
        `${detail.date} ${detail.title}会议记录.docx`,
        DOCX_TYPE,
        await minutesDocx(detail),
      );
    },
  );

  /* ---------- the member's side ---------- */
  const my = ['my'];
  api.get(
    '/api/v1/my/meetings',
    {
      schema: {
        tags: my,
        summary: '我的会议：upcoming 即将召开（可签到），past 已召开',
        querystring: ZMyMeetingsQuery,
        response: { 200: ZMyMeetingPage },
      },
    },
    async (request) => meetings.myMeetings(actorOf(request), request.query),
  );

  api.get(
    '/api/v1/my/attendance',
    {
      schema: {
        tags: my,
        summary: '我的参会记录（按年），出席与缺席统计',
        querystring: ZMyAttendanceQuery,
        response: { 200: ZMyAttendance },
      },
    },
    async (request) => meetings.myAttendance(actorOf(request), request.query.year),
  );

  api.post(
    '/api/v1/my/meetings/:id/sign-in',
    {
      schema: {
        tags: my,
        summary: '会议签到（会议开始前 30 分钟至结束）',
        params: ZIdParam,
        response: { 200: ZSignIn },
      },
    },
    async (request) => meetings.signIn(actorOf(request), request.params.id),
  );
}
