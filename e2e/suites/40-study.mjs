/**
 * Study and education (issue 5): a secretary records a study session with attendance and hours, a member on a
 * phone reads today's item, takes the quarter's exam and sees the grade, a supervisor sees hours coverage.
 */
import { apiSession, secretaryOrg } from '../fixtures.mjs';
import { app, DESK, expect, login, PHONE, shanghaiDay, shanghaiNow, shot, test } from '../lib.mjs';

export async function scenarios(browser) {
  await test(
    '(s) secretary records a study session with attendance and hours',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.getByRole('menuitem', { name: '学习教育' }).click();
      await page.waitForURL(/\/study/);
      await page.getByTestId('new-session').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('学习主题').fill('浏览器测试：学习支部工作条例');
      await dialog.getByLabel('学时').fill('2.5');
      const boxes = dialog.getByRole('checkbox');
      await boxes.first().waitFor();
      expect((await boxes.count()) > 2, 'the roster offers members to mark present');
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('浏览器测试：学习支部工作条例').waitFor();
      const row = page.getByRole('row', { name: /浏览器测试：学习支部工作条例/ });
      expect((await row.textContent()).includes('2/'), 'two members recorded present');
      await shot(page, 'study-sessions-desk');
      await page.getByRole('tab', { name: '学时' }).click();
      await page.getByText('年度学时标准').waitFor();
      await shot(page, 'study-hours-desk');
    },
  );

  await test(
    '(s) secretary plans a session, then opens it and records it as held with attendance',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/study?tab=hours`);
      await page.getByText('年度学时标准').waitFor();
      const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await first.waitFor();
      const name = (await first.locator('td').nth(0).textContent()).trim();
      const before = Number((await first.locator('td').nth(2).textContent()).trim());
      expect(name.length > 0 && Number.isFinite(before), 'the hours tab lists a member with hours');

      await page.getByRole('tab', { name: '学习活动' }).click();
      await page.getByTestId('new-session').click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('.ant-radio-button-wrapper', { hasText: /^计划$/ }).click();
      await dialog.getByLabel('学习主题').fill('浏览器测试：计划中的专题研讨');
      await dialog.getByLabel('学时').fill('1.5');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row', { name: /浏览器测试：计划中的专题研讨/ });
      await row.getByText('计划', { exact: true }).waitFor();

      await row.click();
      const drawer = page.locator('.zb-session-drawer');
      await drawer.getByText('浏览器测试：计划中的专题研讨').first().waitFor();
      await drawer.locator('.ant-radio-button-wrapper', { hasText: /^已开展$/ }).click();
      await drawer.getByRole('checkbox', { name, exact: true }).first().check();
      await shot(page, 'study-session-drawer');
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await drawer.waitFor({ state: 'hidden' });
      await row.getByText('已开展', { exact: true }).waitFor();
      expect((await row.textContent()).includes('1/'), 'one member recorded present');

      await page.getByRole('tab', { name: '学时' }).click();
      const expected = String(Math.round((before + 1.5) * 10) / 10);
      await page
        .getByRole('row', { name: new RegExp(name) })
        .first()
        .getByRole('cell', { name: expected, exact: true })
        .waitFor();
    },
  );

  await test(
    '(s) secretary drafts a plan, sets the point rules and schedules a link for a later day',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/study?tab=plans`);
      await page.getByTestId('new-plan').click();
      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('计划名称').fill('浏览器测试：第四季度学习计划');
      await dialog.getByLabel('学习专题').fill('党章');
      await dialog.getByLabel('学习专题').press('Enter');
      await dialog.getByLabel('学习内容与安排').fill('每月集中学习一次，结合主题党日开展。');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const plan = page.getByRole('row', { name: /浏览器测试：第四季度学习计划/ });
      await plan.getByText('党章').waitFor();
      await plan.getByRole('button', { name: /编\s*辑/ }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('计划名称').fill('浏览器测试：第四季度理论学习计划');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByRole('row', { name: /浏览器测试：第四季度理论学习计划/ }).waitFor();
      await shot(page, 'study-plans-desk');

      await page.getByRole('tab', { name: '积分' }).click();
      await page.getByText('默认规则').waitFor();
      await page.getByLabel('参加集中学习（每次）积分').fill('7');
      await page.getByTestId('save-point-rules').click();
      await page.getByText('本组织自定的规则').waitFor();
      expect(
        (await page.getByLabel('参加集中学习（每次）积分').inputValue()) === '7',
        'the saved rule is shown',
      );
      await shot(page, 'study-points-desk');

      await page.getByRole('tab', { name: '资料与今日学习' }).click();
      await page.locator('.ant-select', { hasText: '文字' }).first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '链接' }).click();
      await page.getByPlaceholder('资料标题').fill('浏览器测试：学习链接');
      await page.getByPlaceholder('https://').fill('https://www.12371.cn/');
      await page.getByRole('button', { name: '添加资料' }).click();
      const material = page.getByRole('row', { name: /浏览器测试：学习链接/ });
      await material.getByRole('link', { name: '浏览器测试：学习链接' }).waitFor();
      const later = shanghaiDay(3);
      const picker = page.getByTestId('daily-date').locator('input');
      await picker.click();
      await picker.fill(later);
      await picker.press('Enter');
      await page.getByText(`${later} 的“今日学习”`).waitFor();
      await material.getByRole('button', { name: /学习$/ }).click();
      await page.getByTestId('daily-card').getByText('浏览器测试：学习链接').waitFor();
      await shot(page, 'study-materials-desk');
      await material.getByRole('button', { name: /删\s*除/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /删\s*除/ })
        .click();
      await material.waitFor({ state: 'detached' });

      // A PDF for the library: uploaded, listed with its file name, served to the branch.
      await page.locator('.ant-select', { hasText: '文字' }).first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '文件' }).click();
      await page.getByPlaceholder('资料标题').fill('浏览器测试：条例解读（PDF）');
      await page
        .locator('form')
        .filter({ has: page.getByTestId('material-file') })
        .locator('input[type=file]')
        .setInputFiles({
          name: 'tiaoli-jiedu.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
        });
      await page.getByRole('button', { name: '添加资料' }).click();
      const pdf = page.getByRole('row', { name: /浏览器测试：条例解读/ });
      await pdf.getByText('文件 tiaoli-jiedu.pdf').waitFor();
      const href = await pdf.getByRole('link').getAttribute('href');
      const served = await page.request.get(`${app.base}${href}`);
      expect(served.status() === 200, 'the uploaded file is served to the branch');
      expect((await served.body()).subarray(0, 5).toString() === '%PDF-', 'the same bytes come back');
      await shot(page, 'study-materials-file-desk');
    },
  );

  await test(
    '(s) member reads today’s item, takes the exam and sees the grade',
    browser,
    PHONE,
    async (page) => {
      await login(page, 'dangyuan');
      await page.goto(`${app.base}/my/study`);
      const today = page.getByTestId('today-card');
      await today.getByRole('button', { name: '我已学习' }).click();
      await today.getByText(/已读/).waitFor();
      await shot(page, 'study-my-phone', true);
      await page.getByRole('button', { name: '开始考试' }).first().click();
      await page.waitForURL(/\/my\/study\/attempts\/\d+/);
      await page.getByTestId('timer').waitFor();
      // Answer the first option of every choice question and "对" of every true/false one.
      const radios = page.locator('.ant-radio-group');
      for (let i = 0; i < (await radios.count()); i++)
        await radios.nth(i).locator('.ant-radio-wrapper').first().click();
      await shot(page, 'study-exam-phone');
      await page.getByTestId('submit-exam').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /交\s*卷/ })
        .click();
      const grade = page.getByTestId('attempt-grade');
      await grade.waitFor();
      expect(/得分 \d+ \/ \d+/.test(await grade.textContent()), 'the server graded the attempt');
      await shot(page, 'study-exam-graded-phone', true);
      await page.goto(`${app.base}/my/study`);
      await page.getByTestId('exam-grade').first().waitFor();
    },
  );

  await test('(s) supervisor sees hours coverage per subtree', browser, DESK, async (page) => {
    await login(page, 'gongwei');
    await page.goto(`${app.base}/study?tab=coverage`);
    const coverage = page.getByTestId('study-coverage');
    await coverage.waitFor();
    await coverage.locator('canvas').first().waitFor();
    expect((await coverage.textContent()).includes('学时达标'), 'coverage summary shown');
    await shot(page, 'study-coverage-desk');
  });

  await test('(s) the study ledger prints the year’s sessions', browser, DESK, async (page) => {
    await login(page, 'shuji');
    // A session held today, for the ledger to print.
    const api = await apiSession(page);
    const title = '浏览器测试：记入台账的集中学习';
    await api.post('/study/sessions', {
      orgId: secretaryOrg(api).orgId,
      status: 'held',
      kind: '集中学习',
      title,
      date: shanghaiNow().date,
      hours: 2,
      presentMemberIds: [],
    });
    await page.getByRole('menuitem', { name: '学习教育' }).click();
    await page.waitForURL(/\/study/);
    const [print] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByTestId('print-study-ledger').click(),
    ]);
    await print.waitForURL(/\/study\/ledger\?orgId=\d+&year=\d+/);
    const ledger = print.getByTestId('study-ledger-print');
    await ledger.getByText('学习教育台账').waitFor();
    await ledger.getByText(title).first().waitFor();
    expect((await print.locator('.ant-layout-sider').count()) === 0, 'the print view has no app chrome');
    await shot(print, 'study-ledger-print', true);
    await print.close();
  });
}
