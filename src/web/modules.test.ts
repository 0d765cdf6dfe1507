import { describe, expect, it } from 'vitest';
import { MENU_SECTIONS } from './app/module';
import { WEB_MODULES } from './modules';

const routes = WEB_MODULES.flatMap((m) => m.routes);
const menu = MENU_SECTIONS.flatMap((section) =>
  WEB_MODULES.flatMap((m) => m.menu ?? []).filter((entry) => entry.section === section),
);

describe('the web module list', () => {
  it('gives every page one path', () => {
    const paths = routes.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('points every menu entry at a page of the shell, open to those who see the entry', () => {
    for (const entry of menu) {
      const route = routes.find((r) => `/${r.path}` === entry.path);
      expect(route, entry.path).toBeDefined();
      expect(route?.print, entry.path).toBeUndefined();
      expect(route?.access, entry.path).toBe(entry.needs);
    }
  });

  it('keeps the menu in the order users know: 工作台, desk work, administration, their own items, their record', () => {
    expect(menu.map((entry) => entry.label)).toEqual([
      '工作台',
      '花名册',
      '组织',
      '会议记录',
      '达标情况',
      '组织生活概览',
      '组织生活规则',
      '党费统计',
      '党费',
      '学习教育',
      '账号',
      '审计日志',
      '字典',
      '我的会议',
      '我的党费',
      '我的学习',
      '我的档案',
    ]);
  });
});
