/**
 * Dues (issue 4): a secretary generates the month, records a payment, sees arrears, exports the sheet and
 * prints it; a supervisor reads the dashboard; a member on a phone sees what is due and how it was worked out.
 */
import ExcelJS from 'exceljs';
import { apiSession, asUser, openAccount, secretaryOrg } from '../fixtures.mjs';
import { app, DESK, expect, login, PHONE, shanghaiNow, shot, test } from '../lib.mjs';

/** The month the server is in, as the ledger names it (YYYY-MM). */
const thisMonth = () => shanghaiNow().date.slice(0, 7);

/**
 * A secretary's dues page for their branch. The demo leaves this month of shuji's branch ungenerated for
 * (a) to generate; the scenarios that need a generated month work in shuji2's branch, whose month the demo
 * generated, so that none of them depends on (a) having run.
 */
async function openDues(page, tab = 'ledger', secretary = 'shuji') {
  await login(page, secretary);
  const branchId = secretaryOrg(await apiSession(page)).orgId;
  await page.goto(`${app.base}/dues?org=${branchId}&tab=${tab}`);
  return branchId;
}

export async function scenarios(browser) {
  await test(
    '(a) secretary generates the month and sees the working of every row',
    browser,
    DESK,
    async (page) => {
      await openDues(page);
      const generate = page.getByRole('button', { name: /生成.*台账/ });
      await generate.waitFor();
      await page.getByText('台账尚未生成').first().waitFor();
      await generate.click();
      await page.getByText(/已生成.*台账：新增 \d+ 人/).waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      const rows = await page.locator('.ant-table-row').count();
      expect(rows > 5, `台账只有 ${rows} 行`);
      const working = await page.locator('.ant-table-row').first().textContent();
      expect(
        /元 × [\d.]+% = [\d.]+ 元/.test(working) || /固定标准/.test(working),
        `没有计算过程：${working}`,
      );
      await page.getByText(/计算依据：中组发〔2008〕3号/).waitFor();
      await shot(page, 'dues-a-ledger-generated', true);
      // Idempotent: generating again adds nobody.
      await generate.click();
      await page.getByText(/台账已是最新/).waitFor();
    },
  );

  await test(
    '(b) secretary records a payment; the row turns 已交清 and the totals move',
    browser,
    DESK,
    async (page) => {
      await openDues(page, 'ledger', 'shuji2');
      await page.locator('.ant-table-row').first().waitFor();
      const unpaid = page.locator('.ant-table-row', { hasText: '未交' }).first();
      const memberName = (await unpaid.locator('td').first().textContent()).trim();
      await unpaid.getByRole('button', { name: '登记交纳' }).click();
      const modal = page.locator('.ant-modal', { hasText: '登记交纳' });
      await modal.waitFor();
      await shot(page, 'dues-b-payment-modal');
      await modal.getByRole('button', { name: /登\s*记/ }).click();
      await page.getByText(new RegExp(`已登记${memberName}交纳`)).waitFor();
      const row = page.locator('.ant-table-row', { hasText: memberName }).first();
      await row.getByText('已交清').waitFor();
      // Over-paying is refused in Chinese and nothing changes.
      const other = page.locator('.ant-table-row', { hasText: '未交' }).first();
      await other.getByRole('button', { name: '登记交纳' }).click();
      const modal2 = page.locator('.ant-modal', { hasText: '登记交纳' });
      const amount = modal2.locator('.ant-input-number-input').first();
      await amount.fill('99999');
      await modal2.getByRole('button', { name: /登\s*记/ }).click();
      await modal2.locator('.ant-alert-error', { hasText: '本次最多' }).waitFor();
      await shot(page, 'dues-b-overpay-refused');
      await modal2.getByRole('button', { name: /取\s*消/ }).click();
    },
  );

  await test(
    '(b2) secretary adds a voluntary extra for a settled member, then withdraws the mistaken payment and the amount owed returns',
    browser,
    DESK,
    async (page) => {
      // A member of shuji2's branch who has paid this month in full, in a branch that allows prepaying.
      const memberName = await asUser(page, 'shuji2', async (api) => {
        const orgId = secretaryOrg(api).orgId;
        const {
          orgId: _,
          fromOrgId,
          fromOrgName,
          ...settings
        } = await api.get(`/dues/settings?orgId=${orgId}`);
        await api.put('/dues/settings', { ...settings, orgId, allowPrepay: true });
        const ledger = await api.get(`/dues/ledger?orgId=${orgId}&month=${thisMonth()}`);
        const member = ledger.rows.find((r) => r.state === '未交' && r.paidFen === 0 && r.payableFen > 0);
        expect(member, '台账中没有未交的党员');
        await api.post('/dues/payments', {
          memberId: member.memberId,
          paidOn: shanghaiNow().date,
          lines: [{ month: thisMonth(), amountFen: member.payableFen }],
        });
        return member.name;
      });
      await openDues(page, 'ledger', 'shuji2');
      const row = page.locator('.ant-table-row', { hasText: memberName }).first();
      await row.getByText('已交清').waitFor();
      const owedCell = row.locator('td').nth(7);
      expect((await owedCell.textContent()).trim() === '0.00', '交清后欠交不是 0.00');
      // Settled, yet a payment can still be started: a voluntary extra.
      await row.getByRole('button', { name: '登记交纳' }).click();
      const modal = page.locator('.ant-modal', { hasText: '登记交纳' });
      await modal.getByText(/所选月份已交清/).waitFor();
      // Where the branch allows it, the quarter's prepayment is one click away.
      await modal.getByRole('button', { name: /按季度预交至/ }).click();
      await modal.getByText('预交', { exact: true }).first().waitFor();
      await shot(page, 'dues-b2-prepay-lines');
      const added = await modal.getByText('预交', { exact: true }).count();
      expect(added >= 1, '没有添加预交月份');
      for (let i = 0; i < added; i++) await modal.getByLabel('移除该月').first().click();
      await modal.locator('#voluntary').fill('10');
      await shot(page, 'dues-b2-settled-payment');
      await modal.getByRole('button', { name: /登\s*记/ }).click();
      await page.getByText(new RegExp(`已登记${memberName}交纳 10\\.00 元`)).waitFor();

      // The member's records: the dues payment and the extra; withdraw the dues payment.
      await row.getByRole('button', { name: '记录' }).click();
      const drawer = page.locator('.ant-drawer', { hasText: '交纳与调整记录' });
      await drawer.locator('.ant-table-row').nth(1).waitFor();
      expect((await drawer.locator('.ant-table-row').count()) >= 2, '交纳记录少于 2 条');
      const duesPayment = drawer.locator('.ant-table-row', { hasText: '按月交纳' }).first();
      const payable = (await row.locator('td').nth(4).textContent()).trim();
      await shot(page, 'dues-b2-records');
      await duesPayment.getByRole('button', { name: '撤销' }).click();
      const confirm = page.locator('.ant-modal', { hasText: '撤销交纳记录' });
      await confirm.getByRole('button', { name: /确认撤销/ }).click();
      await confirm.getByText(/请填写撤销原因/).waitFor();
      await confirm.locator('textarea').fill('金额录入有误，待核实后重新登记');
      await shot(page, 'dues-b2-revoke-confirm');
      await confirm.getByRole('button', { name: /确认撤销/ }).click();
      await page.getByText(`已撤销${memberName}的交纳记录`).waitFor();
      await duesPayment.getByText('已撤销').waitFor();
      await drawer.getByText('撤销原因：金额录入有误').waitFor();
      await shot(page, 'dues-b2-revoked');
      await drawer.locator('.ant-drawer-close').click();
      await row.getByText('未交').waitFor();
      const owed = (await owedCell.textContent()).trim();
      expect(owed === payable, `撤销后欠交 ${owed}，应为应交 ${payable}`);
    },
  );

  await test('(c) secretary sees arrears with the 3-month alert', browser, DESK, async (page) => {
    await openDues(page, 'arrears');
    await page.locator('.ant-table-row').first().waitFor();
    await page
      .getByText(/连续未交|个月（自/)
      .first()
      .waitFor();
    const text = await page.locator('.ant-table').textContent();
    expect(/4 个月（自/.test(text), `欠交列表没有连续 4 个月的党员：${text.slice(0, 200)}`);
    await shot(page, 'dues-c-arrears', true);
  });

  await test(
    '(d) secretary exports the monthly sheet and opens the print view',
    browser,
    DESK,
    async (page, context) => {
      await openDues(page, 'ledger', 'shuji2');
      await page.locator('.ant-table-row').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出 Excel/ }).click(),
      ]);
      expect(
        download.suggestedFilename().endsWith('党费收缴登记表.xlsx'),
        `文件名：${download.suggestedFilename()}`,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const title = String(wb.worksheets[0].getCell(1, 1).value);
      expect(title.includes('党费收缴登记表'), `表头：${title}`);
      const [print] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('button', { name: /打\s*印/ }).click(),
      ]);
      await print.getByText('党费收缴登记表').waitFor();
      await print.getByText(/合计 \d+ 人/).waitFor();
      await print.screenshot({ path: 'e2e/screenshots/dues-d-print.png', fullPage: true });
    },
  );

  await test('(e) secretary sees bases and the annual sheet', browser, DESK, async (page, context) => {
    await openDues(page, 'bases');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'dues-e-bases', true);
    await page
      .getByRole('button', { name: /核\s*定/ })
      .first()
      .click();
    await page.locator('.ant-modal', { hasText: '核定党费基数' }).getByText('起始月份').waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'dues-e-basis-modal');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '年度汇总' }).click();
    await page.getByText('收缴率').first().waitFor();
    // The rounding rule each month was computed with, and the regulation, as on the monthly sheets.
    await page.getByText(/中组发〔2008〕3号.*舍入：\d+月(至\d+月)?四舍五入到/).waitFor();
    await shot(page, 'dues-e-annual', true);
    const [print] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: /打\s*印/ }).click(),
    ]);
    await print.getByText('年度党费收缴情况表', { exact: false }).waitFor();
    await print.getByText(/中组发〔2008〕3号.*舍入：\d+月(至\d+月)?四舍五入到/).waitFor();
    await print.screenshot({ path: 'e2e/screenshots/dues-e-annual-print.png', fullPage: true });
  });

  await test('(f) another branch secretary cannot read this ledger', browser, DESK, async (page) => {
    const branchId = await asUser(page, 'shuji', async (api) => secretaryOrg(api).orgId);
    await login(page, 'shuji2');
    const r = await page.request.get(`${app.base}/api/v1/dues/ledger?orgId=${branchId}&month=${thisMonth()}`);
    expect(r.status() === 404, `越权读取返回 ${r.status()}`);
  });

  await test(
    '(g) supervisor reads the collection dashboard and the remittance summary',
    browser,
    DESK,
    async (page) => {
      await login(page, 'gongwei');
      await page.goto(`${app.base}/dues/dashboard`);
      await page.locator('canvas').first().waitFor();
      await page.getByText(/各下级组织/).waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByText(/年度党费收缴与上缴汇总/).waitFor();
      await shot(page, 'dues-g-dashboard', true);
    },
  );

  await test(
    '(h) member on a phone sees this month, how it was computed, and what is owed',
    browser,
    PHONE,
    async (page) => {
      // A plain member of a branch whose month is generated (shuji2's: see openDues), with an account of
      // their own whose first password is replaced; the page stays logged in as them.
      const account = await asUser(page, 'shuji2', async (api) => {
        const orgId = secretaryOrg(api).orgId;
        const ledger = await api.get(`/dues/ledger?orgId=${orgId}&month=${thisMonth()}`);
        const roster = await api.get(`/members?orgId=${orgId}&pageSize=100`);
        const member = roster.rows.find(
          (m) => !m.hasAccount && ledger.rows.some((r) => r.memberId === m.id && r.calcKind !== 'missing'),
        );
        expect(member, '没有可开通账号、已有本月台账的党员');
        return openAccount(api, member.id, 'e2e-dues-member');
      });
      const member = await apiSession(page, account.loginName, account.initialPassword);
      await member.post('/auth/password', {
        oldPassword: account.initialPassword,
        newPassword: 'Dangjian2026',
      });
      await page.goto(`${app.base}/my-dues`);
      await page.getByTestId('my-due').waitFor();
      const due = await page.getByTestId('my-due').textContent();
      expect(/^\d+\.\d{2}$/.test(due.trim()), `本月应交显示为“${due}”`);
      await page.getByText('计算过程').first().waitFor();
      await page
        .getByText(/尚未交清|党费均已交清/)
        .first()
        .waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 392, `页面宽 ${width}px，超出手机屏幕`);
      await shot(page, 'dues-h-member-phone', true);
    },
  );
}
