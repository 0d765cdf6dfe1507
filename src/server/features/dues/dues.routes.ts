import { z } from 'zod';
import { type Api, actorOf, sendFile, uploadedXlsx, XLSX_TYPE, ZIdParam, ZOk } from '../../http/api';
import type { DuesFiles } from './dues.files';
import type { DuesReports } from './dues.reports';
import {
  ZAdjustmentInput,
  ZAdjustmentList,
  ZAnnual,
  ZArrears,
  ZBasesPage,
  ZBasisInput,
  ZBasisResult,
  ZCloseResult,
  ZDashboard,
  ZDashboardQuery,
  ZGenerateResult,
  ZImportResult,
  ZLedger,
  ZLedgerRow,
  ZMyDues,
  ZOrgMonth,
  ZOrgQuery,
  ZOrgYear,
  ZPaymentInput,
  ZPaymentList,
  ZPaymentView,
  ZRemittance,
  ZRevokeInput,
  ZSettingsInput,
  ZSettingsView,
  ZSheetQuery,
} from './dues.schema';
import type { DuesService } from './dues.service';

export function duesRoutes(api: Api, dues: DuesService, reports: DuesReports, files: DuesFiles) {
  const tags = ['dues'];
  const base = '/api/v1/dues';

  api.get(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: '党费设置（舍入规则、是否允许按季度预交、月末提醒天数；由上级继承）',
        querystring: ZOrgQuery,
        response: { 200: ZSettingsView },
      },
    },
    async (request) => dues.settings(actorOf(request), request.query.orgId),
  );
  api.put(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: '修改本组织及下级的党费设置',
        body: ZSettingsInput,
        response: { 200: ZSettingsView },
      },
    },
    async (request) => dues.updateSettings(actorOf(request), request.body),
  );

  api.post(
    `${base}/months`,
    {
      schema: {
        tags,
        summary: '生成某月党费台账（组织子树；可重复执行，只补充尚无记录的党员）',
        body: ZOrgMonth,
        response: { 200: ZGenerateResult },
      },
    },
    async (request) => dues.generate(actorOf(request), request.body),
  );
  api.get(
    `${base}/ledger`,
    {
      schema: {
        tags,
        summary: '月度党费台账：每名党员的计算过程、应交、实交、欠交与合计',
        querystring: ZOrgMonth,
        response: { 200: ZLedger },
      },
    },
    async (request) => dues.ledger(actorOf(request), request.query),
  );
  api.post(
    `${base}/close`,
    {
      schema: {
        tags,
        summary: '结账：该月台账定稿（月末起；须全部核定基数），此后更正以调整记录',
        body: ZOrgMonth,
        response: { 200: ZCloseResult },
      },
    },
    async (request) => dues.close(actorOf(request), request.body),
  );

  api.get(
    `${base}/bases`,
    {
      schema: {
        tags,
        summary: '党费基数：在册党员在某月适用的类别、基数与计算结果，及历次核定',
        querystring: ZOrgMonth,
        response: { 200: ZBasesPage },
      },
    },
    async (request) => dues.bases(actorOf(request), request.query),
  );
  api.post(
    `${base}/bases`,
    {
      schema: {
        tags,
        summary: '核定党费基数（自某月起生效；未结账月份随之重新计算）',
        body: ZBasisInput,
        response: { 200: ZBasisResult },
      },
    },
    async (request) => dues.setBasis(actorOf(request), request.body),
  );
  api.get(
    `${base}/bases/template`,
    {
      schema: {
        tags,
        summary: '下载党费基数导入模板（.xlsx，已列出组织内在册党员）',
        querystring: ZOrgMonth,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        '党费基数导入模板.xlsx',
        XLSX_TYPE,
        await files.basesTemplate(actorOf(request), request.query.orgId, request.query.month),
      ),
  );
  api.post(
    `${base}/bases/import`,
    {
      schema: {
        tags,
        summary: '导入党费基数（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
        querystring: z.object({
          orgId: z.coerce.number().int(),
          dryRun: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: ZImportResult },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return files.importBases(
        actor,
        request.query.orgId,
        await uploadedXlsx(request),
        request.query.dryRun === 'true',
      );
    },
  );

  api.get(
    `${base}/payments`,
    {
      schema: {
        tags,
        summary: '某月的交纳记录：当月收到的，及交纳该月党费的（补交、预交）',
        querystring: ZOrgMonth,
        response: { 200: ZPaymentList },
      },
    },
    async (request) => dues.payments(actorOf(request), request.query),
  );
  api.post(
    `${base}/payments`,
    {
      schema: {
        tags,
        summary: '登记交纳：按月、部分、补交（超过 6 个月须支部决定）、按季度预交、自愿多交',
        body: ZPaymentInput,
        response: { 200: ZPaymentView },
      },
    },
    async (request) => dues.recordPayment(actorOf(request), request.body),
  );
  api.post(
    `${base}/payments/:id/revoke`,
    {
      schema: {
        tags,
        summary: '撤销误录的交纳记录（所涉月份均未结账时）',
        params: ZIdParam,
        body: ZRevokeInput,
        response: { 200: ZOk },
      },
    },
    async (request) => dues.revokePayment(actorOf(request), request.params.id, request.body.reason),
  );

  api.get(
    `${base}/adjustments`,
    {
      schema: { tags, summary: '某月的调整记录', querystring: ZOrgMonth, response: { 200: ZAdjustmentList } },
    },
    async (request) => dues.adjustments(actorOf(request), request.query),
  );
  api.post(
    `${base}/adjustments`,
    {
      schema: {
        tags,
        summary: '调整某月应交金额（须说明原因；已结账月份也以此更正）',
        body: ZAdjustmentInput,
        response: { 200: ZLedgerRow },
      },
    },
    async (request) => dues.adjust(actorOf(request), request.body),
  );

  api.get(
    `${base}/arrears`,
    {
      schema: {
        tags,
        summary: '欠交党费：连续未交月数（3 个月、6 个月提示）与欠交金额',
        querystring: ZOrgQuery,
        response: { 200: ZArrears },
      },
    },
    async (request) => reports.arrears(actorOf(request), request.query.orgId),
  );
  api.get(
    `${base}/annual`,
    {
      schema: {
        tags,
        summary: '年度党费收缴情况：党员 × 12 个月',
        querystring: ZOrgYear,
        response: { 200: ZAnnual },
      },
    },
    async (request) => reports.annual(actorOf(request), request.query),
  );
  api.get(
    `${base}/sheet`,
    {
      schema: {
        tags,
        summary: '导出收缴表（.xlsx）：指定 month 为月度登记表，否则为年度情况表',
        querystring: ZSheetQuery,
      },
    },
    async (request, reply) => {
      const { fileName, body } = await files.sheet(actorOf(request), request.query);
      return sendFile(reply, fileName, XLSX_TYPE, body);
    },
  );
  api.get(
    `${base}/dashboard`,
    {
      schema: {
        tags,
        summary: '党费统计：组织子树逐月收缴率与金额、各下级当月情况（汇总表读取）',
        querystring: ZDashboardQuery,
        response: { 200: ZDashboard },
      },
    },
    async (request) => reports.dashboard(actorOf(request), request.query),
  );
  api.get(
    `${base}/remittance`,
    {
      schema: {
        tags,
        summary: '年度党费收缴与上缴汇总（各下级；一次性 1000 元以上自愿多交全额上缴）',
        querystring: ZOrgYear,
        response: { 200: ZRemittance },
      },
    },
    async (request) => reports.remittance(actorOf(request), request.query),
  );
  api.get(
    `${base}/me`,
    {
      schema: {
        tags,
        summary: '我的党费：本月应交及计算过程、欠交、历史与交纳记录',
        response: { 200: ZMyDues },
      },
    },
    async (request) => reports.mine(actorOf(request)),
  );
}
