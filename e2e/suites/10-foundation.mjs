/**
 * Foundation (issue 2): the org tree, the roster, import with per-row errors, the member drawer, the audit
 * log, scope between branches, and accounts opened from the roster.
 */
import ExcelJS from 'exceljs';
import { apiSession, asUser, createMember, idCard, openAccount, secretaryOrg } from '../fixtures.mjs';
import { app, DESK, expect, login, PHONE, shanghaiDay, shot, test } from '../lib.mjs';

// ---------------------------------------------------------------------------------------------------------
// Test data helpers

/** The same number with a wrong check character. */
function withWrongCheck(valid) {
  const right = valid[17];
  const wrong = right === '0' ? '1' : '0';
  return valid.slice(0, 17) + wrong;
}

const IMPORTED = [
  {
    name: '欧阳试导',
    sex: '男',
    birthDate: '1985-03-12',
    idCard: idCard('1985-03-12', 17, '男'),
    phone: '13800138001',
  },
  {
    name: '司马试导',
    sex: '女',
    birthDate: '1990-11-05',
    idCard: idCard('1990-11-05', 23, '女'),
    phone: '13800138002',
  },
];

/** Builds an import workbook under the template's own headers (required ones are marked "*"). */
async function rosterWorkbook(templateHeaders, people) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  sheet.addRow(templateHeaders);
  for (const p of people) {
    const byHeader = {
      姓名: p.name,
      性别: p.sex,
      民族: '汉族',
      出生日期: p.birthDate,
      学历: '大学本科',
      身份证号: p.idCard,
      手机号: p.phone,
      入党日期: '2012-07-01',
      转正日期: '2013-07-01',
      参加工作日期: '2009-07-01',
      职务: '科员',
      人员类别: '在职',
      备注: '浏览器测试导入',
    };
    sheet.addRow(templateHeaders.map((h) => byHeader[String(h).replace(/[*＊\s]/g, '')] ?? null));
  }
  // Text cells, so Excel (and exceljs) keep all 18 digits.
  sheet.getColumn(templateHeaders.findIndex((h) => String(h).startsWith('身份证号')) + 1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------
// Roster helpers

async function rosterTotal(page) {
  const text = await page.getByTestId('roster-total').textContent();
  const m = /共\s*([\d,]+)\s*人/.exec(text);
  if (!m) throw new Error(`读不到花名册人数：“${text}”`);
  return Number(m[1].replaceAll(',', ''));
}

/** Waits until the roster shows `n` people (after a refresh the number changes asynchronously). */
async function waitForTotal(page, n) {
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('[data-testid="roster-total"]');
      return el && new RegExp(`共\\s*${want.toLocaleString('zh-CN')}\\s*人`).test(el.textContent ?? '');
    },
    n,
    { timeout: 15_000 },
  );
}

/** Secretary shuji's roster with their branch selected in the tree and its rows loaded. */
async function openOwnBranch(page) {
  await login(page, 'shuji');
  await page.goto(`${app.base}/roster`);
  await page.getByTestId('org-tree').locator('.ant-tree-title').first().click();
  await page.waitForURL(/org=\d+/);
  await page.locator('.ant-table-row').first().waitFor();
}

async function searchRoster(page, text) {
  const box = page.getByTestId('roster-search').locator('input');
  await box.fill(text);
  await box.press('Enter');
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios

/** The new phone number (c) and (d) give their members. */
const NEW_PHONE = '13912345678';
/** Group names: neither is part of the other, so a text match finds only its own. */
const NEW_GROUP = '浏览器测试新建党小组';
const DISSOLVED_GROUP = '浏览器测试待撤党小组';
const NEW_EDUCATION = '党校在职研究生';

/** Clicks a visible Popconfirm's OK button (antd renders it in a portal). */
async function confirmPopover(page) {
  const pop = page.locator('.ant-popconfirm:visible');
  await pop.waitFor();
  await pop.getByRole('button', { name: /确\s*定|OK/ }).click();
}

export async function scenarios(browser) {
  await test(
    '(a) secretary shuji sees the branch in the tree and the roster',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/roster`);
      const me = await (await page.request.get(`${app.base}/api/v1/auth/me`)).json();
      const secretary = me.roles.find((r) => r.role === 'secretary');
      expect(secretary, '“shuji”没有支部书记角色');
      const tree = page.getByTestId('org-tree');
      await tree.getByText(secretary.orgName, { exact: false }).first().waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      const total = await rosterTotal(page);
      expect(total > 0, '花名册为空');
      const rows = await page.locator('.ant-table-row').count();
      expect(rows > 0, '花名册表格没有行');
      await shot(page, 'a-secretary-roster');
    },
  );

  await test(
    '(b) import: a bad row is refused with its row number, the fixed file is imported',
    browser,
    DESK,
    async (page) => {
      // The branch selected in the tree is where the import goes.
      await openOwnBranch(page);
      const before = await rosterTotal(page);

      const template = await page.request.get(`${app.base}/api/v1/roster/template`);
      expect(template.ok(), `下载模板失败：${template.status()}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await template.body());
      const headers = wb.worksheets[0].getRow(1).values.slice(1);
      expect(
        headers.some((h) => String(h).startsWith('身份证号')),
        `模板表头不含身份证号：${headers.join(',')}`,
      );

      const bad = [IMPORTED[0], { ...IMPORTED[1], idCard: withWrongCheck(IMPORTED[1].idCard) }];
      await page.getByTestId('open-import').click();
      const dialog = page.getByRole('dialog', { name: '导入花名册' });
      await dialog.waitFor();
      await dialog.locator('input[type=file]').setInputFiles({
        name: '花名册-有错误.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await rosterWorkbook(headers, bad),
      });
      await dialog.getByTestId('import-submit').click();
      const errors = dialog.getByTestId('import-errors');
      await errors.waitFor();
      const errorText = await errors.textContent();
      const rowNumbers = await errors.locator('.ant-table-row td:first-child').allTextContents();
      expect(
        rowNumbers.length === 1 && rowNumbers[0].trim() === '3',
        `应只有第 3 行（第二个党员）出错，实际：${rowNumbers.join(',')}`,
      );
      expect(errorText.includes('身份证号'), `错误表没有指出身份证号列：${errorText}`);
      expect(errorText.includes('校验位'), `错误表没有说明校验位错误：${errorText}`);
      await shot(page, 'b1-import-refused');
      // Nothing was written.
      await dialog.getByRole('button', { name: /关\s*闭/ }).click();
      await page.reload();
      await page.locator('.ant-table-row').first().waitFor();
      expect((await rosterTotal(page)) === before, '有错误的文件不应导入任何一行');

      await page.getByTestId('open-import').click();
      await dialog.waitFor();
      await dialog.locator('input[type=file]').setInputFiles({
        name: '花名册.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await rosterWorkbook(headers, IMPORTED),
      });
      await dialog.getByTestId('import-submit').click();
      const success = dialog.getByTestId('import-success');
      await success.waitFor();
      const successText = await success.textContent();
      expect(successText.includes(`已导入 ${IMPORTED.length}`), `导入结果不对：${successText}`);
      await shot(page, 'b2-import-done');
      await dialog.getByRole('button', { name: /关\s*闭/ }).click();
      await waitForTotal(page, before + IMPORTED.length);
    },
  );

  await test(
    '(c) secretary finds a member by name and changes the phone number',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/roster`);
      const name = '诸葛试改';
      await createMember(await apiSession(page), { name, seq: 41, phone: '13800138041' });
      await searchRoster(page, name);
      await waitForTotal(page, 1);
      await page.locator('.ant-table-row', { hasText: name }).click();
      const drawer = page.locator('.zb-member-drawer');
      await drawer.getByTestId('edit-member').click();
      const phone = drawer.getByLabel('手机号');
      await phone.fill(NEW_PHONE);
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && /\/api\/v1\/members\/\d+$/.test(r.url()),
      );
      await drawer.getByTestId('save-member').click();
      const response = await saved;
      expect(response.ok(), `保存失败：${response.status()} ${await response.text()}`);
      await drawer.getByTestId('member-phone').filter({ hasText: NEW_PHONE }).waitFor();
      await page.locator('.ant-table-row', { hasText: NEW_PHONE }).waitFor();
      await shot(page, 'c-member-edited');
    },
  );

  await test('(d) admin sees the phone change in the audit log', browser, DESK, async (page) => {
    // The change the log records: the secretary gives a member of the branch a new phone number.
    const name = '公孙试审';
    const oldPhone = '13800138043';
    await asUser(page, 'shuji', async (api) => {
      const member = await createMember(api, { name, seq: 43, phone: oldPhone });
      await api.patch(`/members/${member.id}`, { phone: NEW_PHONE });
    });
    await login(page, 'admin');
    await page.goto(`${app.base}/audit`);
    const search = page.getByTestId('audit-search').locator('input');
    await search.fill(name);
    await search.press('Enter');
    const row = page.locator('.ant-table-row', { hasText: `修改党员 ${name} 的档案` });
    await row.first().waitFor();
    await row.first().locator('.ant-table-row-expand-icon').click();
    const change = page.getByTestId('audit-change').first();
    await change.waitFor();
    const text = await change.textContent();
    expect(text.includes('手机号'), `变更明细没有手机号：${text}`);
    expect(text.includes(oldPhone) && text.includes(NEW_PHONE), `变更明细没有前后值：${text}`);
    await shot(page, 'd-audit');
  });

  await test(
    '(e) the secretary of another branch can neither find nor open the member',
    browser,
    DESK,
    async (page) => {
      const name = '慕容试隔';
      const member = await asUser(page, 'shuji', (api) => createMember(api, { name, seq: 47 }));
      await login(page, 'shuji2');
      await page.goto(`${app.base}/roster`);
      await page.locator('.ant-table-row').first().waitFor();
      await searchRoster(page, name);
      await waitForTotal(page, 0);
      expect((await page.locator('.ant-table-row').count()) === 0, '不应显示其他支部的党员');
      const direct = await page.request.get(`${app.base}/api/v1/members/${member.id}`);
      expect(direct.status() === 404, `直接访问应返回 404，实际 ${direct.status()}`);
      const body = await direct.json();
      expect(body.code === 'NOT_FOUND', `错误码应为 NOT_FOUND：${JSON.stringify(body)}`);
      await shot(page, 'e-other-branch');
    },
  );

  await test('(f) member dangyuan sees 我的档案 on a 390 px phone', browser, PHONE, async (page) => {
    await login(page, 'dangyuan');
    await page.goto(`${app.base}/me`);
    const record = page.getByTestId('my-record');
    await record.getByText('我的档案').waitFor();
    const me = await (await page.request.get(`${app.base}/api/v1/auth/me`)).json();
    await record.getByText(me.displayName).first().waitFor();
    // No desk menu for a plain member, and nothing wider than the phone.
    expect((await page.getByRole('menuitem', { name: '花名册' }).count()) === 0, '党员不应看到花名册菜单');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 0, `页面比屏幕宽 ${overflow}px`);
    await shot(page, 'f-member-phone', true);
  });

  await test(
    '(g) a new account must replace its one-time password at first login',
    browser,
    DESK,
    async (page, context) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/roster`);
      const name = '皇甫试开';
      await createMember(await apiSession(page), { name, seq: 53, sex: '女', phone: '13800138053' });
      await searchRoster(page, name);
      await waitForTotal(page, 1);
      await page.locator('.ant-table-row', { hasText: name }).click();
      const drawer = page.locator('.zb-member-drawer');
      await drawer.getByRole('tab', { name: '账号' }).click();
      await drawer.getByRole('button', { name: '开通账号' }).click();
      const password = (await page.getByTestId('initial-password').textContent()).trim();
      const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('initial-password') });
      const loginName = (await dialog.locator('.ant-descriptions-item-content').first().textContent()).trim();
      expect(password.length >= 8, `初始密码不对：“${password}”`);
      await page.waitForTimeout(400); // let the dialog finish opening before the picture
      await shot(page, 'g1-initial-password');
      await context.clearCookies();

      await page.goto(`${app.base}/login`);
      await page.getByLabel('用户名').fill(loginName);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(/\/change-password/);
      await page.goto(`${app.base}/me`);
      await page.waitForURL(/\/change-password/);
      await page.getByLabel('原密码').fill(password);
      await page.getByLabel('新密码', { exact: true }).fill('Dangjian2026');
      await page.getByLabel('确认新密码').fill('Dangjian2026');
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.waitForURL(/\/workbench$/);
      await page.goto(`${app.base}/me`);
      await page.getByTestId('my-record').getByText(name).first().waitFor();
      await shot(page, 'g2-after-password-change');
    },
  );

  await test(
    '(h) a plain member cannot see another branch: API refuses, no roster in the UI',
    browser,
    DESK,
    async (page) => {
      const otherBranchId = await asUser(page, 'shuji2', async (api) => secretaryOrg(api).orgId);
      await login(page, 'dangyuan');
      await page.goto(`${app.base}/me`);
      for (const url of [
        `/api/v1/members?orgId=${otherBranchId}`,
        `/api/v1/orgs/${otherBranchId}`,
        `/api/v1/orgs?parentId=${otherBranchId}`,
        `/api/v1/roster/export?orgId=${otherBranchId}`,
      ]) {
        const res = await page.request.get(`${app.base}${url}`);
        expect([403, 404].includes(res.status()), `${url} 应返回 403/404，实际 ${res.status()}`);
      }
      await page.goto(`${app.base}/roster?org=${otherBranchId}`);
      await page.getByText('无权访问').waitFor();
      expect((await page.locator('.ant-table-row').count()) === 0, '党员不应看到任何花名册行');
      await page.goto(`${app.base}/orgs?org=${otherBranchId}`);
      await page.getByText('无权访问').waitFor();
      await shot(page, 'h-member-other-branch');
    },
  );

  await test(
    '(i) org editor: the secretary adds a 党小组 and appoints a committee member',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/roster`);
      const branchName = secretaryOrg(await apiSession(page)).orgName;
      await page.goto(`${app.base}/orgs`);
      const detail = page.getByTestId('org-detail');
      await detail.getByText(branchName).first().waitFor();
      await detail.getByRole('button', { name: '新建下级组织' }).click();
      const create = page.getByRole('dialog', { name: /新建组织/ });
      await create.getByLabel('组织名称').fill(NEW_GROUP);
      await create.getByRole('button', { name: /保\s*存/ }).click();
      await create.waitFor({ state: 'hidden' });
      await page.waitForURL(/org=\d+/);
      await detail.getByText(NEW_GROUP).first().waitFor();
      await page.getByTestId('org-tree').getByText(NEW_GROUP).waitFor();
      await shot(page, 'i1-group-created');

      // Back to the branch: appoint a 宣传委员 from the branch's members.
      await detail.locator('.ant-breadcrumb a').last().click();
      await detail.getByText(branchName).first().waitFor();
      const committee = detail.locator('.ant-card', { hasText: '班子成员' });
      await committee.locator('.ant-table-row', { hasText: '书记' }).first().waitFor();
      const before = await committee.locator('.ant-table-row').count();
      await detail.getByRole('button', { name: '任命' }).click();
      const appoint = page.getByRole('dialog', { name: /任命/ });
      await appoint.getByLabel('职务').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('宣传委员').click();
      // Let the post list close first, so the member options below are the only ones on screen.
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      await appoint.getByLabel('党员').click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      const holder = ((await option.textContent()) ?? '').split(' ')[0].trim();
      await option.click();
      await appoint.getByRole('button', { name: /任\s*命/ }).click();
      await appoint.waitFor({ state: 'hidden' });
      const posts = detail.locator('.ant-card', { hasText: '班子成员' });
      await posts
        .locator('.ant-table-row', { hasText: '宣传委员' })
        .filter({ hasText: holder })
        .first()
        .waitFor();
      const after = await posts.locator('.ant-table-row').count();
      expect(after === before + 1, `班子成员应多一行：${before} → ${after}`);
      await shot(page, 'i2-post-appointed');
    },
  );

  await test(
    '(j) org editor: the supervisor dissolves the 党小组 and finds it with 显示已撤销组织',
    browser,
    DESK,
    async (page) => {
      // A 党小组 of the secretary's branch, there to be dissolved.
      const { branchName, groupId } = await asUser(page, 'shuji', async (api) => {
        const branch = secretaryOrg(api);
        const group = await api.post('/orgs', {
          parentId: branch.orgId,
          type: '党小组',
          name: DISSOLVED_GROUP,
        });
        return { branchName: branch.orgName, groupId: group.id };
      });
      await login(page, 'jiguan');
      await page.goto(`${app.base}/orgs?org=${groupId}`);
      const detail = page.getByTestId('org-detail');
      await detail.getByText(DISSOLVED_GROUP).first().waitFor();
      await detail.getByRole('button', { name: '撤销' }).click();
      const dialog = page.getByRole('dialog', { name: /撤销组织/ });
      await dialog.getByLabel('撤销原因').fill('党小组合并');
      await dialog.getByRole('button', { name: '确认撤销' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await detail.getByText(branchName).first().waitFor();
      const tree = page.getByTestId('org-tree');
      // Open the branch in the tree: its live groups are listed, the dissolved one is not.
      const branchNode = tree.locator('.ant-tree-treenode', { hasText: branchName });
      await branchNode.locator('.ant-tree-switcher_close').click();
      await tree.locator('.ant-tree-title', { hasText: '党小组' }).first().waitFor();
      expect(
        (await tree.locator('.ant-tree-title', { hasText: DISSOLVED_GROUP }).count()) === 0,
        '已撤销的党小组默认不应出现在组织树中',
      );
      await tree.getByTestId('show-dissolved').click();
      const dissolved = tree.locator('.ant-tree-title', { hasText: DISSOLVED_GROUP });
      await dissolved.waitFor();
      expect((await dissolved.textContent()).includes('已撤销'), '已撤销的组织应有“已撤销”标记');
      await dissolved.click();
      await detail.getByText(/本组织已于 \d{4}-\d{2}-\d{2} 撤销/).waitFor();
      await detail.getByText('原因：党小组合并').waitFor();
      expect(
        (await detail.getByRole('button', { name: '撤销' }).count()) === 0,
        '已撤销的组织不应再有撤销按钮',
      );
      await shot(page, 'j-dissolved-shown');
    },
  );

  await test(
    '(k) accounts: the secretary resets a member password, and it must be replaced at login',
    browser,
    DESK,
    async (page, context) => {
      // A member with an account in use: its first password already replaced, so only the reset can make
      // the next login ask for a new one.
      const name = '西门试重';
      const account = await asUser(page, 'shuji', async (api) => {
        const member = await createMember(api, { name, seq: 59, phone: '13800138059' });
        return openAccount(api, member.id);
      });
      await asUser(
        page,
        account.loginName,
        (api) =>
          api.post('/auth/password', { oldPassword: account.initialPassword, newPassword: 'Dangjian2026' }),
        account.initialPassword,
      );
      await login(page, 'shuji');
      await page.goto(`${app.base}/roster`);
      await page.goto(`${app.base}/accounts`);
      const search = page.getByPlaceholder('登录名 / 姓名');
      await search.fill(name);
      await search.press('Enter');
      await page.getByText('共 1 个账号').waitFor();
      const row = page.locator('.ant-table-row', { hasText: name });
      expect((await row.count()) === 1, '搜索结果应是该党员的账号');
      await row.getByRole('button', { name: '重置密码' }).click();
      await confirmPopover(page);
      const password = (await page.getByTestId('initial-password').textContent()).trim();
      const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('initial-password') });
      const loginName = (await dialog.locator('.ant-descriptions-item-content').first().textContent()).trim();
      expect(password.length >= 8, `初始密码不对：“${password}”`);
      await page.waitForTimeout(400); // let the dialog finish opening before the picture
      await shot(page, 'k1-password-reset');
      await dialog.getByRole('button', { name: '我已记下' }).click();
      await context.clearCookies();
      await login(page, loginName, password);
      await page.waitForURL(/\/change-password/);
      await shot(page, 'k2-must-change');
    },
  );

  await test(
    '(l) dictionaries: the admin adds a 学历, and cannot rename one the roster uses',
    browser,
    DESK,
    async (page) => {
      await login(page, 'admin');
      await page.goto(`${app.base}/dictionaries`);
      await page.getByRole('tab', { name: '学历' }).click();
      await page.getByRole('button', { name: '新增学历' }).click();
      const dialog = page.getByRole('dialog', { name: '新增学历' });
      await dialog.getByLabel('名称').fill(NEW_EDUCATION);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('.ant-table-row', { hasText: NEW_EDUCATION }).waitFor();
      const list = await (await page.request.get(`${app.base}/api/v1/dictionaries`)).json();
      expect(
        list.some((e) => e.kind === 'education' && e.label === NEW_EDUCATION && e.active),
        '新增的学历未保存',
      );
      await shot(page, 'l1-dictionary-added');

      // 大学本科 is on many records: renaming it is refused with the reason, and nothing changes.
      await page
        .locator('.ant-table-row', { hasText: '大学本科' })
        .getByRole('button', { name: '修改' })
        .click();
      const edit = page.getByRole('dialog', { name: /修改学历/ });
      await edit.getByLabel('名称').fill('本科');
      await edit.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText(/“大学本科”已被 \d+ 名党员的档案使用，不能改名/).waitFor();
      await shot(page, 'l2-rename-refused');
      await edit.getByRole('button', { name: /取\s*消/ }).click();
      await page.locator('.ant-table-row', { hasText: '大学本科' }).waitFor();
      expect((await page.locator('.ant-table-row', { hasText: /^—本科/ }).count()) === 0, '改名不应生效');
    },
  );

  await test(
    '(m) a member arriving from another org is entered with a 转入 that starts their history',
    browser,
    DESK,
    async (page) => {
      await openOwnBranch(page);
      const branchName = secretaryOrg(await apiSession(page)).orgName;
      // The branch's detail fills the form's 所在支部; open the form once it is there.
      await page
        .getByText(/^花名册 · /)
        .first()
        .waitFor();
      await page.getByRole('button', { name: '新增党员' }).click();
      const dialog = page.getByRole('dialog', { name: '新增党员' });
      await dialog.waitFor();
      await dialog.getByText(branchName).first().waitFor();
      const date = async (id, value) => {
        const input = dialog.locator(`#${id}`);
        await input.click();
        await input.fill(value);
        await input.press('Enter');
      };
      await dialog.locator('#name').fill('东方试转');
      await dialog.locator('#idCard').fill(idCard('1986-04-09', 31, '女'));
      await date('joinedOn', '2011-06-20');
      await date('confirmedOn', '2012-06-20');
      await dialog.locator('#phone').fill('13800138031');
      await dialog.locator('#arrives').click();
      // Some weeks before the server's today: a 转入 cannot lie in the future.
      const arrived = shanghaiDay(-43);
      await date('arrival_effectiveDate', arrived);
      await dialog.locator('#arrival_counterpartOrg').fill('某省某厅机关第三党支部');
      await dialog.locator('#arrival_letterNo').fill('转字第 31 号');
      await shot(page, 'm1-arrival-form');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await searchRoster(page, '东方试转');
      await page.locator('.ant-table-row', { hasText: '东方试转' }).first().click();
      const drawer = page.locator('.zb-member-drawer');
      await drawer.getByRole('tab', { name: /状态变动/ }).click();
      await drawer.getByText('某省某厅机关第三党支部').first().waitFor();
      const text = await drawer.textContent();
      expect(text.includes('转入') && text.includes(arrived), `档案没有显示转入：${text.slice(0, 300)}`);
      expect(!text.includes('接收预备党员'), '转入的党员不应有本支部接收预备党员的记录');
      await shot(page, 'm2-arrival-history');
    },
  );
}
