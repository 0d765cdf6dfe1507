import { z } from 'zod';
import { type Api, actorOf, sendFile, uploadedXlsx, XLSX_TYPE } from '../../http/api';
import { ZMemberListQuery } from './members.schema';
import type { RosterService } from './roster.service';

export function rosterRoutes(api: Api, roster: RosterService) {
  const tags = ['roster'];
  api.get(
    '/api/v1/roster/template',
    { schema: { tags, summary: '下载花名册导入模板（.xlsx，带下拉和填写说明）' } },
    async (request, reply) =>
      sendFile(reply, '花名册导入模板.xlsx', XLSX_TYPE, await roster.template(actorOf(request))),
  );

  api.post(
    '/api/v1/roster/import',
    {
      schema: {
        tags,
        summary: '导入花名册（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
        querystring: z.object({
          orgId: z.coerce.number().int(),
          dryRun: z.enum(['true', 'false']).default('false'),
        }),
        response: {
          200: z.object({ imported: z.number().int(), rows: z.number().int(), dryRun: z.boolean() }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const buffer = await uploadedXlsx(request);
      return roster.import(actor, request.query.orgId, buffer, request.query.dryRun === 'true');
    },
  );

  api.get(
    '/api/v1/roster/export',
    {
      schema: {
        tags,
        summary: '导出花名册（当前筛选条件，.xlsx）',
        querystring: ZMemberListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) =>
      sendFile(reply, '花名册.xlsx', XLSX_TYPE, await roster.export(actorOf(request), request.query)),
  );
}
