/**
 * Organizational life (issue 3): a secretary plans a sitting, a member signs in on a phone, the secretary
 * records attendance and minutes and exports them, backfills last quarter's missing 党课, and both the
 * branch's compliance page and the supervisor's heat map turn from 逾期 to 已完成.
 */
import { readFileSync } from 'node:fs';
import { apiSession, asUser, hhmm, planMeeting, recordHeldMeeting, secretaryOrg } from '../fixtures.mjs';
import { app, DESK, expect, login, PHONE, shanghaiNow, shot, test } from '../lib.mjs';

/** The middle month of the quarter before the current one: where the demo branch let its 党课 slip. */
function previousQuarter(today) {
  const [y, m] = today.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const year = q === 1 ? y - 1 : y;
  const quarter = q === 1 ? 4 : q - 1;
  const middle = (quarter - 1) * 3 + 2;
  return { key: `${year}-Q${quarter}`, date: `${year}-${String(middle).padStart(2, '0')}-26`, year };
}

/** Fills an antd DatePicker (its input carries the form item's id) with an ISO date. */
async function fillDate(page, label, iso) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
}

/** Types a time into an antd TimePicker (24-hour, no confirm button). */
async function fillTime(page, label, value) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function checkType(page, type) {
  await page.getByTestId('meeting-form').getByRole('checkbox', { name: type, exact: true }).check();
}

export async function scenarios(browser) {
  // The server's today (registration runs before the server starts, on the same clock).
  const now = shanghaiNow();
  // Each scenario has a sitting of its own; no title is part of another, so a text match finds only its own.
  const title = (which) => `${now.date.slice(0, 4)}年浏览器测试党员大会（${which}）`;

  await test(
    '(h) secretary plans a 支部党员大会 and the expected members are notified',
    browser,
    DESK,
    async (page) => {
      // The sitting runs around now, so its sign-in window (30 minutes before the start to the end) is open.
      const { minutes } = shanghaiNow();
      const start = Math.max(0, minutes - 10);
      const end = Math.min(23 * 60 + 59, minutes + 90);
      await login(page, 'shuji');
      const me = await (await page.request.get(`${app.base}/api/v1/auth/me`)).json();
      const branchId = me.roles.find((r) => r.role === 'secretary').orgId;
      const planned = title('计划');

      await page.getByRole('menuitem', { name: '会议记录' }).click();
      await page.waitForURL(new RegExp(`/meetings\\?.*org=${branchId}`));
      await page.getByTestId('new-meeting').click();
      await page.waitForURL(/\/meetings\/new/);
      await checkType(page, '支部党员大会');
      await fillDate(page, '日期', now.date);
      await fillTime(page, '开始时间', hhmm(start));
      await fillTime(page, '结束时间', hhmm(end));
      await page.getByLabel('地点').fill('机关三楼党员活动室');
      await page.getByLabel('会议名称').fill(planned);
      await page.getByLabel('主持人').fill(me.displayName);
      await page.getByLabel('议程').fill('一、传达学习上级文件精神；二、讨论本季度工作；三、表决有关事项');
      await page.getByTestId('meeting-submit').click();
      await page.waitForURL(/\/meetings\/\d+$/);
      const detail = page.getByTestId('meeting-detail');
      await detail.getByText(planned).first().waitFor();
      await detail.getByText('计划', { exact: true }).waitFor();
      const counts = await page.getByTestId('attendance-counts').textContent();
      const expected = Number(/应到\s*(\d+)\s*人/.exec(counts)[1]);
      expect(expected > 5, `应到人数不对：${counts}`);
      await shot(page, 'h1-planned-meeting');
    },
  );

  await test('(i) member dangyuan sees the sitting on a phone and signs in', browser, PHONE, async (page) => {
    const sitting = title('签到');
    const meeting = await asUser(page, 'shuji', (api) => planMeeting(api, { title: sitting }));
    await login(page, 'dangyuan');
    await page.goto(`${app.base}/my/meetings`);
    const upcoming = page.getByTestId('my-meetings-upcoming');
    const item = upcoming.locator('.ant-list-item', { hasText: sitting });
    await item.waitFor();
    await item.getByTestId('sign-in').click();
    await item.getByTestId('signed-in').waitFor();
    await shot(page, 'i1-member-signed-in');
    // Signing in again changes nothing: the server keeps the first time.
    const csrf = (await (await page.request.get(`${app.base}/api/v1/auth/me`)).json()).csrfToken;
    const signIn = () =>
      page.request.post(`${app.base}/api/v1/my/meetings/${meeting.id}/sign-in`, {
        headers: { 'x-csrf-token': csrf },
      });
    const [first, second] = [await (await signIn()).json(), await (await signIn()).json()];
    expect(
      first.signedInAt && first.signedInAt === second.signedInAt,
      `再次签到改变了签到时间：${JSON.stringify([first, second])}`,
    );
  });

  await test(
    '(j) secretary records attendance and minutes, then exports the minutes',
    browser,
    DESK,
    async (page) => {
      // A sitting planned for now that member dangyuan has signed in to.
      const meeting = await asUser(page, 'shuji', (api) => planMeeting(api, { title: title('记录') }));
      const memberName = await asUser(page, 'dangyuan', async (api) => {
        await api.post(`/my/meetings/${meeting.id}/sign-in`);
        return api.me.displayName;
      });
      await login(page, 'shuji');
      await page.goto(`${app.base}/meetings/${meeting.id}`);
      await page.getByTestId('record-meeting').click();
      const table = page.getByTestId('attendance-table');
      // The member who signed in is already present.
      const signedRow = table.locator('tbody tr', { hasText: memberName });
      await signedRow.locator('.ant-radio-button-wrapper-checked', { hasText: '出席' }).waitFor();
      await page.getByRole('button', { name: '未登记的全部记为出席' }).click();
      const rows = table.locator('tbody tr.ant-table-row');
      const absentRow = rows.last();
      const absentName = (await absentRow.locator('td').first().textContent()).trim();
      expect(absentName !== memberName, '缺席者不应是已签到的党员');
      await absentRow.getByText('缺席', { exact: true }).click();
      // Without a reason the form refuses, in Chinese, and nothing is saved.
      await page.getByTestId('meeting-submit').click();
      await page.getByTestId('form-error').getByText(`请填写${absentName}的缺席原因`).waitFor();
      await absentRow.locator('.ant-select').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '病假' }).click();
      await page
        .getByLabel('会议记录（发言要点、讨论情况）')
        .fill('书记传达了上级文件精神，与会党员逐一发言，结合岗位谈体会。');
      await page.getByLabel('决议').fill('同意本季度工作安排。');
      await page.getByTestId('meeting-submit').click();
      const detail = page.getByTestId('meeting-detail');
      await detail.getByText('已召开', { exact: true }).waitFor();
      const counts = await page.getByTestId('attendance-counts').textContent();
      expect(/缺席\s*1\s*人/.test(counts), `出席统计不对：${counts}`);
      await detail.getByText(`缺席（病假）`).waitFor();
      await shot(page, 'j1-recorded-meeting', true);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-minutes').click(),
      ]);
      expect(
        download.suggestedFilename().endsWith('会议记录.docx'),
        `文件名：${download.suggestedFilename()}`,
      );
      const bytes = readFileSync(await download.path());
      expect(bytes.length > 2000 && bytes.subarray(0, 2).toString() === 'PK', '导出的不是 .docx 文件');
      expect(bytes.includes(Buffer.from('word/document.xml')), '.docx 缺少正文');
    },
  );

  const missed = previousQuarter(now.date);

  await test(
    '(k) a backfilled 党课 turns 逾期 into 已完成 for the branch and on the supervisor heat map',
    browser,
    DESK,
    async (page) => {
      const { branchId, branchParentId } = await asUser(page, 'shuji', async (api) => {
        const id = secretaryOrg(api).orgId;
        return { branchId: id, branchParentId: (await api.get(`/orgs/${id}`)).parentId };
      });
      // The supervisor sees the gap first.
      await login(page, 'gongwei');
      const heatUrl = `${app.base}/org-life/dashboard?orgId=${branchParentId}&period=${missed.key}`;
      await page.goto(heatUrl);
      const cell = page.getByTestId(`heat-cell-${branchId}-党课`);
      await cell.getByText('逾期').waitFor();
      await shot(page, 'k1-heat-map-overdue');
      await page.context().clearCookies();

      // The secretary sees it on the branch's compliance page and records the sitting that was held.
      await login(page, 'shuji');
      await page.goto(`${app.base}/org-life/compliance?orgId=${branchId}&year=${missed.year}`);
      const chip = page.getByTestId(`period-党课-${missed.key}`);
      await chip.getByText('逾期', { exact: false }).waitFor();
      await page.goto(`${app.base}/meetings/new?org=${branchId}`);
      await page.getByTestId('new-meeting-mode').getByText('补录已召开的会议').click();
      await checkType(page, '党课');
      await fillDate(page, '日期', missed.date);
      await fillTime(page, '开始时间', '15:00');
      await fillTime(page, '结束时间', '16:30');
      await page.getByLabel('授课人').fill('支部书记');
      await page.getByLabel('党课题目').fill('学习《中国共产党支部工作条例（试行）》');
      await page.getByTestId('attendance-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: '未登记的全部记为出席' }).click();
      await page.getByTestId('meeting-submit').click();
      await page.waitForURL(/\/meetings\/\d+$/);
      await page.getByTestId('meeting-detail').getByText('已召开', { exact: true }).waitFor();
      await page.goto(`${app.base}/org-life/compliance?orgId=${branchId}&year=${missed.year}`);
      await chip.getByText('已完成', { exact: false }).waitFor();
      await page.context().clearCookies();

      await login(page, 'gongwei');
      await page.goto(heatUrl);
      await page.getByTestId(`heat-cell-${branchId}-党课`).getByText('已完成').waitFor();
      await shot(page, 'k2-heat-map-done');
    },
  );

  await test('(l) the year ledger prints every sitting by type', browser, DESK, async (page) => {
    await login(page, 'shuji');
    const api = await apiSession(page);
    const branchId = secretaryOrg(api).orgId;
    const sitting = title('台账');
    await recordHeldMeeting(api, { title: sitting });
    await page.goto(`${app.base}/org-life/ledger?orgId=${branchId}&year=${now.date.slice(0, 4)}`);
    const ledger = page.getByTestId('ledger-print');
    await ledger.getByText('组织生活台账').waitFor();
    await ledger.getByText(sitting).first().waitFor();
    await shot(page, 'l1-ledger-print', true);
  });

  await test(
    '(m) recording a 支委会, the form warns while too few of the committee are present, citing the rule',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      const branchId = secretaryOrg(await apiSession(page)).orgId;
      await page.goto(`${app.base}/meetings/new?org=${branchId}`);
      await page.getByTestId('new-meeting-mode').getByText('补录已召开的会议').click();
      await checkType(page, '支委会');
      await fillDate(page, '日期', now.date);
      await fillTime(page, '开始时间', '08:00');
      await fillTime(page, '结束时间', '08:30');
      const rows = page.getByTestId('attendance-table').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      const live = page.getByTestId('live-validity-warnings');
      await live.getByText('未超过半数').waitFor();
      await live.getByText('依据：').first().waitFor();
      await live.scrollIntoViewIfNeeded();
      await shot(page, 'm1-live-quorum-warning');
      await page.getByRole('button', { name: '未登记的全部记为出席' }).click();
      await live.waitFor({ state: 'detached' });
    },
  );
}
