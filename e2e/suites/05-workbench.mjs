/**
 * The 工作台 (home): every role lands on it after signing in, sees the cards its modules send, and follows one
 * into the module — at a desk and on a phone.
 */
import { app, DESK, expect, login, PHONE, shot, test } from '../lib.mjs';

const MEMBER_CARDS = ['org-life.my-meetings', 'dues.mine', 'study.mine', 'inbox.unread'];
const DESK_CARDS = ['org-life.compliance', 'dues.collection', 'study.coverage', 'inbox.unread'];

/** Signs in and waits for the 工作台 with the given cards loaded; 工作台 leads the menu. */
async function landOnWorkbench(page, loginName, cards) {
  await login(page, loginName);
  await page.waitForURL(/\/workbench$/);
  await page.getByTestId('workbench').waitFor();
  for (const id of cards) await page.getByTestId(`card-${id}`).waitFor();
  const failed = await page.getByText('暂时无法加载').count();
  expect(failed === 0, `${loginName} 的工作台有 ${failed} 张卡片加载失败`);
  const first = (await page.getByRole('menuitem').first().textContent()) ?? '';
  expect(first.includes('工作台'), `菜单第一项是“${first}”，不是工作台`);
}

/** The page never scrolls sideways on a phone. */
async function expectNoSidewaysScroll(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth <= width + 1, `页面横向溢出：${scrollWidth}px > ${width}px`);
}

async function figureText(page, cardId) {
  return (await page.getByTestId(`card-${cardId}`).textContent()) ?? '';
}

export async function scenarios(browser) {
  await test(
    '(w) member dangyuan lands on 工作台 on a phone and opens 我的党费',
    browser,
    PHONE,
    async (page) => {
      await landOnWorkbench(page, 'dangyuan', MEMBER_CARDS);
      const cards = await page.locator('[data-testid^="card-link-"]').count();
      expect(cards === MEMBER_CARDS.length, `党员看到 ${cards} 张卡片，应为 ${MEMBER_CARDS.length} 张`);
      await expectNoSidewaysScroll(page, PHONE.width);
      expect((await figureText(page, 'study.mine')).includes('学时'), '学习卡片没有显示学时');
      await shot(page, 'workbench-member-phone', true);

      await page.getByTestId('card-link-dues.mine').click();
      await page.waitForURL(/\/my-dues$/);
      await page.getByTestId('my-dues').waitFor();
      await shot(page, 'workbench-member-phone-dues');
    },
  );

  await test('(w) member dangyuan at a desk follows a meeting on 我的会议', browser, DESK, async (page) => {
    await landOnWorkbench(page, 'dangyuan', MEMBER_CARDS);
    await shot(page, 'workbench-member-desk', true);
    const meetings = page.getByTestId('card-org-life.my-meetings');
    // The demo gives the member a sitting today: the card lists it, and it opens its record.
    const item = meetings.locator('.ant-list-item a').first();
    expect((await item.count()) > 0, '“我的会议”卡片没有待参加的会议');
    await item.click();
    await page.waitForURL(/\/my\/meetings\/\d+$/);
    await page.locator('.ant-descriptions').first().waitFor();
    await shot(page, 'workbench-member-desk-meeting');
  });

  await test(
    "(w) secretary shuji sees the branch's items and opens 达标情况",
    browser,
    DESK,
    async (page) => {
      await landOnWorkbench(page, 'shuji', DESK_CARDS);
      const me = await (await page.request.get(`${app.base}/api/v1/auth/me`)).json();
      const branch = me.roles.find((r) => r.role === 'secretary');
      for (const id of ['org-life.compliance', 'dues.collection', 'study.coverage'])
        expect((await figureText(page, id)).includes(branch.orgName), `${id} 没有标明本支部`);
      await shot(page, 'workbench-secretary-desk', true);

      await page.getByTestId('card-link-org-life.compliance').click();
      await page.waitForURL(new RegExp(`/org-life/compliance\\?orgId=${branch.orgId}&year=\\d{4}$`));
      await page.getByTestId('compliance-table').waitFor();
      await shot(page, 'workbench-secretary-compliance');
    },
  );

  await test(
    '(w) secretary shuji on a phone opens the dues ledger from 党费收缴',
    browser,
    PHONE,
    async (page) => {
      await landOnWorkbench(page, 'shuji', DESK_CARDS);
      await expectNoSidewaysScroll(page, PHONE.width);
      await shot(page, 'workbench-secretary-phone', true);
      await page.getByTestId('card-link-dues.collection').click();
      await page.waitForURL(/\/dues\?org=\d+$/);
      await page.getByText(/^党费 · /).waitFor();
      await shot(page, 'workbench-secretary-phone-dues');
    },
  );

  await test(
    '(w) supervisor gongwei sees the subtree and drills into 组织生活概览',
    browser,
    DESK,
    async (page) => {
      await landOnWorkbench(page, 'gongwei', DESK_CARDS.slice(0, 3));
      expect((await figureText(page, 'org-life.compliance')).includes('达标率'), '组织生活卡片没有达标率');
      expect((await figureText(page, 'dues.collection')).includes('收缴率'), '党费卡片没有收缴率');
      await shot(page, 'workbench-supervisor-desk', true);

      await page.getByTestId('card-link-org-life.compliance').click();
      await page.waitForURL(/\/org-life\/dashboard\?orgId=\d+&period=\d{4}$/);
      await page.getByTestId('heat-map-table').waitFor();
      await shot(page, 'workbench-supervisor-dashboard');
    },
  );

  await test(
    '(w) supervisor jiguan on a phone opens 党费统计 from 党费收缴',
    browser,
    PHONE,
    async (page) => {
      await landOnWorkbench(page, 'jiguan', DESK_CARDS.slice(0, 3));
      await expectNoSidewaysScroll(page, PHONE.width);
      await shot(page, 'workbench-supervisor-phone', true);
      await page.getByTestId('card-link-dues.collection').click();
      await page.waitForURL(/\/dues\/dashboard\?org=\d+$/);
      await page.getByText(/^党费统计 · /).waitFor();
      await shot(page, 'workbench-supervisor-phone-dues');
    },
  );
}
