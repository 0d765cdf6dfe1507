import { z } from 'zod';
import { type Api, sendFile, uploadedXlsx, XLSX_TYPE } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
import { ZMemberListQuery } from './members.schema';
import type { RosterService } from './roster.service';

export function rosterRoutes(api: Api, roster: RosterService) {
  const route = signedInRoutes(api, ['roster']);
  route.get(
    '/api/v1/roster/template',
    { summary: '下载花名册导入模板（.xlsx，带下拉和填写说明）' },
    async (actor, _request, reply) =>
      sendFile(reply, '花名册导入模板.xlsx', XLSX_TYPE, await roster.template(actor)),
  );

  route.post(
    '/api/v1/roster/import',
    {
      summary: '导入花名册（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
      querystring: z.object({
        orgId: z.coerce.number().int(),
        dryRun: z.enum(['true', 'false']).default('false'),
      }),
      response: z.object({ imported: z.number().int(), rows: z.number().int(), dryRun: z.boolean() }),
    },
    async (actor, request) => {
      const buffer = await uploadedXlsx(request);
      return roster.import(actor, request.query.orgId, buffer, request.query.dryRun === 'true');
    },
  );

  route.get(
    '/api/v1/roster/export',
    {
      summary: '导出花名册（当前筛选条件，.xlsx）',
      querystring: ZMemberListQuery.omit({ page: true, pageSize: true }),
    },
    async (actor, { query }, reply) =>
      sendFile(reply, '花名册.xlsx', XLSX_TYPE, await roster.export(actor, query)),
  );
}
