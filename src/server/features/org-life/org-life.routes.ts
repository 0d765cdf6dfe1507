import { z } from 'zod';
import { type Api, ZIdParam } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
import { ledgerRoutes } from '../../ledgers';
import type { DashboardService } from './dashboard.service';
import {
  ZBranchHeat,
  ZBranchHeatQuery,
  ZCompliance,
  ZComplianceQuery,
  ZDashboard,
  ZDashboardQuery,
  ZLedger,
  ZLedgerQuery,
  ZOverrideCreate,
  ZOverrideRetire,
  ZRulebook,
  ZSettings,
  ZSettingsQuery,
  ZSettingsUpdate,
} from './meetings.schema';
import { orgLifeLedgerSections } from './org-life.exports';
import type { RulebookService } from './rulebook.service';

export function orgLifeRoutes(api: Api, rulebook: RulebookService, dashboard: DashboardService) {
  const tags = ['org-life'];
  const route = signedInRoutes(api, tags);
  route.get(
    '/api/v1/org-life/rulebook',
    {
      summary: '组织生活规则：全国规定、上级从严规定（有版本）及本组织现行规则',
      querystring: z.object({ orgId: z.coerce.number().int() }),
      response: ZRulebook,
    },
    (actor, { query }) => rulebook.get(actor, query.orgId),
  );

  route.post(
    '/api/v1/org-life/rulebook/overrides',
    {
      summary: '为本组织及下级设定从严规定（只能从严，不能低于全国规定）',
      body: ZOverrideCreate,
      response: ZRulebook,
    },
    (actor, { body }) => rulebook.tighten(actor, body),
  );

  route.post(
    '/api/v1/org-life/rulebook/overrides/:id/retire',
    {
      summary: '停止执行一条从严规定（自某月 1 日起）',
      params: ZIdParam,
      body: ZOverrideRetire,
      response: ZRulebook,
    },
    (actor, { params, body }) => rulebook.retire(actor, params.id, body.validTo),
  );

  route.get(
    '/api/v1/org-life/settings',
    {
      summary: '组织生活设置：统计起始日期、提醒提前天数、记录锁定天数（整棵组织树）',
      querystring: ZSettingsQuery,
      response: ZSettings,
    },
    (actor, { query }) => rulebook.settings(actor, query.orgId),
  );

  route.put(
    '/api/v1/org-life/settings',
    { summary: '修改组织生活设置（顶层组织的上级或管理员）', body: ZSettingsUpdate, response: ZSettings },
    (actor, { body }) => rulebook.updateSettings(actor, body),
  );

  route.post(
    '/api/v1/org-life/rollups/rebuild',
    {
      summary: '从会议记录重新计算统计汇总（恢复备份后或核对时使用）',
      body: z.object({ orgId: z.number().int() }),
      response: z.object({ rows: z.number().int() }),
    },
    (actor, { body }) => rulebook.rebuild(actor, body.orgId),
  );

  route.get(
    '/api/v1/org-life/dashboard',
    {
      summary:
        '组织生活看板：下级组织 × 会议类型热力图、逾期统计、逐月趋势（period：2026 / 2026-Q4 / 2026-11）',
      querystring: ZDashboardQuery,
      response: ZDashboard,
    },
    (actor, { query }) => dashboard.dashboard(actor, query),
  );

  route.get(
    '/api/v1/org-life/dashboard/branches',
    {
      summary: '子树内全部党支部、党小组的达标情况（按逾期排序，可按状态筛选，分页）',
      querystring: ZBranchHeatQuery,
      response: ZBranchHeat,
    },
    (actor, { query }) => dashboard.branches(actor, query),
  );

  route.get(
    '/api/v1/org-life/compliance',
    {
      summary: '一个组织全年的达标情况：每种会议每个周期的应开、已开、状态和依据',
      querystring: ZComplianceQuery,
      response: ZCompliance,
    },
    (actor, { query }) => dashboard.compliance(actor, query),
  );

  route.get(
    '/api/v1/org-life/ledger',
    {
      summary: '组织生活台账（打印视图数据）：全年已召开会议按类型分组',
      querystring: ZLedgerQuery,
      response: ZLedger,
    },
    (actor, { query }) => dashboard.ledger(actor, query),
  );

  ledgerRoutes(api, {
    path: '/api/v1/org-life/ledger',
    tags,
    name: '组织生活台账（每种会议一张工作表）',
    querystring: ZLedgerQuery,
    load: async (actor, query) => orgLifeLedgerSections(await dashboard.ledger(actor, query)),
  });
}
