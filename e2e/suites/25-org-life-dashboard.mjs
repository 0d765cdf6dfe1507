/**
 * The supervisor's organizational-life dashboard (issue 3): the heat map and its table, drilling down to a
 * branch's compliance page and back up; the rulebook refusing to loosen a national rule; a member's inbox
 * on a phone.
 */
import { app, DESK, expect, login, PHONE, shanghaiNow, shot, test } from '../lib.mjs';

const BRANCH_TYPES = ['党支部', '联合党支部', '党小组'];

async function api(page, path) {
  const res = await page.request.get(`${app.base}/api/v1${path}`);
  expect(res.ok(), `${path} 返回 ${res.status()}`);
  return res.json();
}

/**
 * Picks an option of an antd Select: opens it, waits until its dropdown has finished sliding in (a click
 * during the animation lands on the wrong option), clicks the option and waits for the dropdown to close.
 */
async function pick(page, trigger, option) {
  await trigger.click();
  const dropdown = page.locator(
    '.ant-select-dropdown:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])',
  );
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** The page never scrolls sideways: wide tables scroll inside themselves. */
async function expectNoSidewaysScroll(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth <= width + 1, `页面横向溢出：${scrollWidth}px > ${width}px`);
}

export async function scenarios(browser) {
  await test(
    '(a) supervisor gongwei sees the heat map with 逾期 cells and drills down to a branch',
    browser,
    DESK,
    async (page) => {
      await login(page, 'gongwei');
      await page.goto(`${app.base}/org-life/dashboard`);
      await page.waitForURL(/orgId=\d+/);
      const rootId = Number(new URL(page.url()).searchParams.get('orgId'));
      await page.getByTestId('heat-map-table').waitFor();
      await page.getByTestId('heat-map-chart').locator('canvas').first().waitFor();
      const overdueCells = page.locator('[data-testid^="heat-cell-"]', { hasText: '逾期' });
      expect((await overdueCells.count()) > 0, '热力图表格中没有“逾期”的格子');
      await page.getByTestId('overdue-branches').locator('.ant-table-row').first().waitFor();
      await shot(page, 'dashboard-a1-root', true);

      // The period selector: a quarter of the same year.
      const year = new URL(page.url()).searchParams.get('period') ?? '';
      await pick(page, page.getByTestId('period-picker').getByText('全年'), '季度');
      await page.waitForURL(/period=\d{4}-Q[1-4]/);
      await page.getByTestId('heat-map-table').waitFor();
      expect(
        year === '' || new URL(page.url()).searchParams.get('period').startsWith(year),
        '切换季度改变了年度',
      );
      const period = new URL(page.url()).searchParams.get('period');
      const periodYear = period.slice(0, 4);

      // Into a committee with branches below it.
      const root = await api(page, `/org-life/dashboard?orgId=${rootId}&period=${period}`);
      const committee = root.rows.find((r) => r.org.hasChildren && !BRANCH_TYPES.includes(r.org.type));
      expect(committee, '根组织下没有可下钻的机关党委');
      await page.getByTestId(`heat-row-${committee.org.id}`).click();
      await page.waitForURL(new RegExp(`orgId=${committee.org.id}(&|$)`));
      await page.getByTestId(`crumb-${rootId}`).waitFor();

      // Back up by the breadcrumb, and down again.
      await page.getByTestId(`crumb-${rootId}`).click();
      await page.waitForURL(new RegExp(`orgId=${rootId}(&|$)`));
      await page.getByTestId(`heat-row-${committee.org.id}`).click();
      await page.waitForURL(new RegExp(`orgId=${committee.org.id}(&|$)`));
      await shot(page, 'dashboard-a2-committee', true);

      // A branch opens its own compliance page for the period's year.
      const middle = await api(page, `/org-life/dashboard?orgId=${committee.org.id}&period=${period}`);
      const branch = middle.rows.find((r) => BRANCH_TYPES.includes(r.org.type));
      expect(branch, '机关党委下没有党支部');
      await page.getByTestId(`heat-row-${branch.org.id}`).click();
      await page.waitForURL(
        (url) =>
          url.pathname === '/org-life/compliance' &&
          url.searchParams.get('orgId') === String(branch.org.id) &&
          url.searchParams.get('year') === periodYear,
      );
    },
  );

  await test(
    '(b) the overdue list names every overdue branch of the subtree and opens one',
    browser,
    DESK,
    async (page) => {
      await login(page, 'gongwei');
      await page.goto(`${app.base}/org-life/dashboard`);
      await page.waitForURL(/orgId=\d+/);
      const url = new URL(page.url());
      const rootId = url.searchParams.get('orgId');
      const year = shanghaiNow().date.slice(0, 4);
      const list = await api(
        page,
        `/org-life/dashboard/branches?orgId=${rootId}&period=${year}&status=逾期&page=1&pageSize=10`,
      );
      expect(list.total > 0, '演示数据中本年度没有逾期的支部');
      await page.getByTestId('overdue-total').getByText(`共 ${list.total} 个`).waitFor();
      const first = list.rows[0];
      await page.getByTestId(`overdue-${first.org.id}`).click();
      await page.waitForURL(new RegExp(`/org-life/compliance\\?orgId=${first.org.id}&year=${year}`));
    },
  );

  await test('(c) secretary shuji sees only the own branch and its groups', browser, DESK, async (page) => {
    await login(page, 'shuji');
    await page.goto(`${app.base}/org-life/dashboard`);
    await page.waitForURL(/orgId=\d+/);
    const orgId = Number(new URL(page.url()).searchParams.get('orgId'));
    await page.getByTestId('heat-map-table').waitFor();
    const year = shanghaiNow().date.slice(0, 4);
    const d = await api(page, `/org-life/dashboard?orgId=${orgId}&period=${year}`);
    expect(BRANCH_TYPES.includes(d.org.type), `书记的默认组织不是党支部：${d.org.type}`);
    expect(
      d.rows.every((r) => r.org.id === orgId || r.org.type === '党小组'),
      '书记的看板出现了本支部以外的组织',
    );
    await page.getByTestId(`heat-row-${orgId}`).waitFor();
    // Nothing above the branch is offered.
    expect((await page.getByTestId('org-breadcrumb').locator('a').count()) === 0, '面包屑出现了上级组织链接');
    const [top] = (await api(page, `/orgs/${orgId}`)).ancestors;
    const above = await page.request.get(
      `${app.base}/api/v1/org-life/dashboard?orgId=${top.id}&period=${year}`,
    );
    expect(above.status() === 403 || above.status() === 404, `书记读取上级看板返回 ${above.status()}`);
  });

  await test(
    '(d) the rulebook refuses to loosen a national rule, then tightens and retires one',
    browser,
    DESK,
    async (page) => {
      await login(page, 'gongwei');
      const roots = await api(page, '/orgs');
      const children = await api(page, `/orgs?parentId=${roots[0].id}`);
      const committee = children[0];
      await page.goto(`${app.base}/org-life/rulebook?orgId=${committee.id}`);
      await page.getByTestId('effective-rules').getByText('全国规定').first().waitFor();

      const fillForm = async (unit) => {
        await page.getByTestId('open-tighten').click();
        const form = page.getByTestId('tighten-form');
        await pick(page, form.getByLabel('会议类型'), '党课');
        await pick(page, form.getByLabel('周期'), unit);
        await form.getByLabel('规定依据').fill(`浏览器测试：党课${unit}1次`);
      };

      await fillForm('每年');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('tighten-error').getByText('不能放宽全国规定').waitFor();
      await shot(page, 'dashboard-d1-loosen-refused');
      await page.getByRole('button', { name: /取\s*消/ }).click();

      await fillForm('每月');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('tighten-form').waitFor({ state: 'detached' });
      const overrides = page.getByTestId('overrides');
      await overrides.getByText('浏览器测试：党课每月1次').waitFor();
      await shot(page, 'dashboard-d2-tightened', true);

      const book = await api(page, `/org-life/rulebook?orgId=${committee.id}`);
      const own = book.overrides.find((o) => o.own && o.regulation === '浏览器测试：党课每月1次');
      expect(own, '从严规定没有保存');
      await page.getByTestId(`retire-${own.id}`).click();
      // Retired from the month it would start: it never binds anyone, so no other scenario sees it.
      await page
        .getByRole('button', { name: /停止执行/ })
        .last()
        .click();
      await overrides.getByText('浏览器测试：党课每月1次').waitFor({ state: 'detached' });
    },
  );

  await test(
    '(e) a member opens the inbox on a phone and marks a message read',
    browser,
    PHONE,
    async (page) => {
      await login(page, 'dangyuan');
      const before = await api(page, '/inbox/unread-count');
      expect(before.unread > 0, '演示账号 dangyuan 的收件箱没有未读消息');
      const bell = page.getByTestId('inbox-bell');
      await bell.waitFor();
      await page.getByRole('button', { name: `消息（${before.unread} 条未读）` }).waitFor();
      await bell.click();
      await page.waitForURL(/\/inbox$/);
      const unreadItem = page.locator('[data-testid^="inbox-item-"][data-unread="true"]').first();
      await unreadItem.waitFor();
      await expectNoSidewaysScroll(page, PHONE.width);
      await shot(page, 'dashboard-e1-inbox-phone');
      const id = Number((await unreadItem.getAttribute('data-testid')).replace('inbox-item-', ''));
      const item = (await api(page, '/inbox?page=1&pageSize=50')).rows.find((r) => r.id === id);
      await unreadItem.click();
      if (item.link) await page.waitForURL((url) => `${url.pathname}${url.search}` === item.link);
      const after = await api(page, '/inbox/unread-count');
      expect(after.unread === before.unread - 1, `未读数应为 ${before.unread - 1}，实际 ${after.unread}`);
      await page.goto(`${app.base}/inbox`);
      await page.locator(`[data-testid="inbox-item-${id}"][data-unread="false"]`).waitFor();
      await page.getByText('已读', { exact: true }).first().waitFor();
    },
  );

  await test('(f) the dashboard fits a 390 px phone', browser, PHONE, async (page) => {
    await login(page, 'jiguan');
    await page.goto(`${app.base}/org-life/dashboard`);
    await page.getByTestId('heat-map-table').waitFor();
    await page.getByTestId('heat-map-chart').locator('canvas').first().waitFor();
    await expectNoSidewaysScroll(page, PHONE.width);
    await shot(page, 'dashboard-f1-phone', true);
  });
}
