import { z } from 'zod';
import { type Api, sendFile, uploadedXlsx, XLSX_TYPE, ZIdParam, ZOk } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
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
  const route = signedInRoutes(api, ['dues']);
  const base = '/api/v1/dues';

  route.get(
    `${base}/settings`,
    {
      summary: '党费设置（舍入规则、是否允许按季度预交、月末提醒天数；由上级继承）',
      querystring: ZOrgQuery,
      response: ZSettingsView,
    },
    (actor, { query }) => dues.settings(actor, query.orgId),
  );
  route.put(
    `${base}/settings`,
    { summary: '修改本组织及下级的党费设置', body: ZSettingsInput, response: ZSettingsView },
    (actor, { body }) => dues.updateSettings(actor, body),
  );

  route.post(
    `${base}/months`,
    {
      summary: '生成某月党费台账（组织子树；可重复执行，只补充尚无记录的党员）',
      body: ZOrgMonth,
      response: ZGenerateResult,
    },
    (actor, { body }) => dues.generate(actor, body),
  );
  route.get(
    `${base}/ledger`,
    {
      summary: '月度党费台账：每名党员的计算过程、应交、实交、欠交与合计',
      querystring: ZOrgMonth,
      response: ZLedger,
    },
    (actor, { query }) => dues.ledger(actor, query),
  );
  route.post(
    `${base}/close`,
    {
      summary: '结账：该月台账定稿（月末起；须全部核定基数），此后更正以调整记录',
      body: ZOrgMonth,
      response: ZCloseResult,
    },
    (actor, { body }) => dues.close(actor, body),
  );

  route.get(
    `${base}/bases`,
    {
      summary: '党费基数：在册党员在某月适用的类别、基数与计算结果，及历次核定',
      querystring: ZOrgMonth,
      response: ZBasesPage,
    },
    (actor, { query }) => dues.bases(actor, query),
  );
  route.post(
    `${base}/bases`,
    {
      summary: '核定党费基数（自某月起生效；未结账月份随之重新计算）',
      body: ZBasisInput,
      response: ZBasisResult,
    },
    (actor, { body }) => dues.setBasis(actor, body),
  );
  route.get(
    `${base}/bases/template`,
    { summary: '下载党费基数导入模板（.xlsx，已列出组织内在册党员）', querystring: ZOrgMonth },
    async (actor, { query }, reply) =>
      sendFile(
        reply,
        '党费基数导入模板.xlsx',
        XLSX_TYPE,
        await files.basesTemplate(actor, query.orgId, query.month),
      ),
  );
  route.post(
    `${base}/bases/import`,
    {
      summary: '导入党费基数（multipart 字段 file；全部校验通过才写入，否则逐行列出错误）',
      querystring: z.object({
        orgId: z.coerce.number().int(),
        dryRun: z.enum(['true', 'false']).default('false'),
      }),
      response: ZImportResult,
    },
    async (actor, request) =>
      files.importBases(
        actor,
        request.query.orgId,
        await uploadedXlsx(request),
        request.query.dryRun === 'true',
      ),
  );

  route.get(
    `${base}/payments`,
    {
      summary: '某月的交纳记录：当月收到的，及交纳该月党费的（补交、预交）',
      querystring: ZOrgMonth,
      response: ZPaymentList,
    },
    (actor, { query }) => dues.payments(actor, query),
  );
  route.post(
    `${base}/payments`,
    {
      summary: '登记交纳：按月、部分、补交（超过 6 个月须支部决定）、按季度预交、自愿多交',
      body: ZPaymentInput,
      response: ZPaymentView,
    },
    (actor, { body }) => dues.recordPayment(actor, body),
  );
  route.post(
    `${base}/payments/:id/revoke`,
    {
      summary: '撤销误录的交纳记录（所涉月份均未结账时）',
      params: ZIdParam,
      body: ZRevokeInput,
      response: ZOk,
    },
    (actor, { params, body }) => dues.revokePayment(actor, params.id, body.reason),
  );

  route.get(
    `${base}/adjustments`,
    { summary: '某月的调整记录', querystring: ZOrgMonth, response: ZAdjustmentList },
    (actor, { query }) => dues.adjustments(actor, query),
  );
  route.post(
    `${base}/adjustments`,
    {
      summary: '调整某月应交金额（须说明原因；已结账月份也以此更正）',
      body: ZAdjustmentInput,
      response: ZLedgerRow,
    },
    (actor, { body }) => dues.adjust(actor, body),
  );

  route.get(
    `${base}/arrears`,
    {
      summary: '欠交党费：连续未交月数（3 个月、6 个月提示）与欠交金额',
      querystring: ZOrgQuery,
      response: ZArrears,
    },
    (actor, { query }) => reports.arrears(actor, query.orgId),
  );
  route.get(
    `${base}/annual`,
    { summary: '年度党费收缴情况：党员 × 12 个月', querystring: ZOrgYear, response: ZAnnual },
    (actor, { query }) => reports.annual(actor, query),
  );
  route.get(
    `${base}/sheet`,
    { summary: '导出收缴表（.xlsx）：指定 month 为月度登记表，否则为年度情况表', querystring: ZSheetQuery },
    async (actor, { query }, reply) => {
      const { fileName, body } = await files.sheet(actor, query);
      return sendFile(reply, fileName, XLSX_TYPE, body);
    },
  );
  route.get(
    `${base}/dashboard`,
    {
      summary: '党费统计：组织子树逐月收缴率与金额、各下级当月情况（汇总表读取）',
      querystring: ZDashboardQuery,
      response: ZDashboard,
    },
    (actor, { query }) => reports.dashboard(actor, query),
  );
  route.get(
    `${base}/remittance`,
    {
      summary: '年度党费收缴与上缴汇总（各下级；一次性 1000 元以上自愿多交全额上缴）',
      querystring: ZOrgYear,
      response: ZRemittance,
    },
    (actor, { query }) => reports.remittance(actor, query),
  );
  route.get(
    `${base}/me`,
    { summary: '我的党费：本月应交及计算过程、欠交、历史与交纳记录', response: ZMyDues },
    (actor) => reports.mine(actor),
  );
}
