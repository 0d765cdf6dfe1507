import { type Api, sendFile, uploadedFile, ZIdParam, ZOk } from '../../http/api';
import { done, signedInRoutes } from '../../http/routes';
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
  const route = signedInRoutes(api, ['meetings']);
  route.get(
    '/api/v1/meetings',
    {
      summary: '会议记录列表：按组织子树、日期、类型、状态筛选（权限范围内，最新在前）',
      querystring: ZMeetingListQuery,
      response: ZMeetingPage,
    },
    (actor, { query }) => meetings.list(actor, query),
  );

  route.post(
    '/api/v1/meetings',
    {
      summary: '计划会议（status=planned，通知应到党员）或登记已召开的会议（status=held）',
      body: ZMeetingCreate,
      response: ZMeetingDetail,
    },
    (actor, { body }) => meetings.create(actor, body),
  );

  route.get(
    '/api/v1/meetings/calendar',
    {
      summary: '会议日历：组织子树在日期范围内的计划与已召开会议',
      querystring: ZCalendarQuery,
      response: ZCalendar,
    },
    (actor, { query }) => meetings.calendar(actor, query),
  );

  route.get(
    '/api/v1/meetings/expected',
    {
      summary: '应到人员预览：会议日期当天在册的党员（支委会为在任支部委员）',
      querystring: ZExpectedQuery,
      response: ZExpected,
    },
    (actor, { query }) => meetings.expectedPreview(actor, query),
  );

  route.get(
    '/api/v1/meetings/:id',
    {
      summary: '会议记录详情（出席、有效性提示、附件、更正记录）',
      params: ZIdParam,
      response: ZMeetingDetail,
    },
    (actor, { params }) => meetings.detail(actor, params.id),
  );

  route.patch(
    '/api/v1/meetings/:id',
    {
      summary: '修改会议记录、登记出席；status=held 表示会议已召开（归档后只能更正）',
      params: ZIdParam,
      body: ZMeetingUpdate,
      response: ZMeetingDetail,
    },
    (actor, { params, body }) => meetings.update(actor, params.id, body),
  );

  route.delete(
    '/api/v1/meetings/:id',
    { summary: '删除会议（归档后不能删除）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(meetings.delete(actor, params.id)),
  );

  route.post(
    '/api/v1/meetings/:id/amendments',
    {
      summary: '更正已归档的会议记录（保留原记录，记入审计日志）',
      params: ZIdParam,
      body: ZAmendmentCreate,
      response: ZMeetingDetail,
    },
    (actor, { params, body }) => meetings.amend(actor, params.id, body),
  );

  route.post(
    '/api/v1/meetings/:id/attachments',
    {
      summary: `上传附件（multipart 字段 file；图片、PDF、Office 文件，不超过 ${MEETING_LIMITS.attachmentBytes / 1024 / 1024} MB）`,
      params: ZIdParam,
      response: ZAttachment,
    },
    async (actor, request) => {
      const file = await uploadedFile(request, MEETING_LIMITS.attachmentBytes);
      return meetings.addAttachment(actor, request.params.id, file.fileName, file.body);
    },
  );

  route.get(
    '/api/v1/meeting-attachments/:id/download',
    { summary: '下载附件（仅限可查看该会议的人员）', params: ZIdParam },
    async (actor, { params }, reply) => {
      const file = await meetings.download(actor, params.id);
      return sendFile(reply, file.fileName, file.mimeType, file.body);
    },
  );

  route.delete(
    '/api/v1/meeting-attachments/:id',
    { summary: '删除附件（归档前）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(meetings.deleteAttachment(actor, params.id)),
  );

  route.get(
    '/api/v1/meetings/:id/minutes.docx',
    { summary: '导出会议记录（Word .docx，会议记录格式）', params: ZIdParam },
    async (actor, { params }, reply) => {
      const detail = await meetings.detail(actor, params.id);
      return sendFile(
        reply,
        `${detail.date} ${detail.title}会议记录.docx`,
        DOCX_TYPE,
        await minutesDocx(detail),
      );
    },
  );

  /* ---------- the member's side ---------- */
  const myRoute = signedInRoutes(api, ['my']);
  myRoute.get(
    '/api/v1/my/meetings',
    {
      summary: '我的会议：upcoming 即将召开（可签到），past 已召开',
      querystring: ZMyMeetingsQuery,
      response: ZMyMeetingPage,
    },
    (actor, { query }) => meetings.myMeetings(actor, query),
  );

  myRoute.get(
    '/api/v1/my/attendance',
    {
      summary: '我的参会记录（按年），出席与缺席统计',
      querystring: ZMyAttendanceQuery,
      response: ZMyAttendance,
    },
    (actor, { query }) => meetings.myAttendance(actor, query.year),
  );

  myRoute.post(
    '/api/v1/my/meetings/:id/sign-in',
    { summary: '会议签到（会议开始前 30 分钟至结束）', params: ZIdParam, response: ZSignIn },
    (actor, { params }) => meetings.signIn(actor, params.id),
  );
}
