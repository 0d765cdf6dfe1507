/**
 * Forms under a slow machine: a dialog's fields show the record's values from the moment they can take
 * input, and 保存 cannot be pressed before the form exists. Each scenario holds the page in the racy state
 * on purpose (a held response, a watcher on the first frame), so the race is reproduced every time, not
 * by chance.
 */
import { app, DESK, expect, login, test } from '../lib.mjs';

export async function scenarios(browser) {
  await test(
    '(forms) 党费设置 cannot be saved before its values arrive, then saves what was chosen',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/dues`);
      let release;
      const held = new Promise((resolve) => {
        release = resolve;
      });
      let seen = false;
      await page.route(/\/api\/v1\/dues\/settings\?/, async (route) => {
        seen = true;
        await held;
        await route.continue();
      });
      await page.getByRole('button', { name: '设置' }).click();
      const dialog = page.getByRole('dialog');
      const ok = dialog.getByRole('button', { name: /保\s*存/ });
      await ok.waitFor();
      expect(seen, 'the dialog asked for the settings');
      expect(await ok.isDisabled(), '保存 is disabled while the settings are still loading');
      expect((await dialog.getByLabel('月末前几天提醒未交党员').count()) === 0, 'no field takes input yet');

      release();
      const lead = dialog.getByLabel('月末前几天提醒未交党员');
      await lead.waitFor();
      await dialog.locator('.ant-modal-footer .ant-btn-primary:not([disabled])').waitFor();
      const next = (Number(await lead.inputValue()) % 15) + 1;
      await lead.fill(String(next));
      await ok.click();
      await dialog.waitFor({ state: 'hidden' });
      await page.unroute(/\/api\/v1\/dues\/settings\?/);

      await page.getByRole('button', { name: '设置' }).click();
      await page.getByRole('dialog').getByLabel('月末前几天提醒未交党员').waitFor();
      expect(
        (await page.getByRole('dialog').getByLabel('月末前几天提醒未交党员').inputValue()) === String(next),
        'the saved lead time is shown when the dialog opens again',
      );
    },
  );

  await test(
    '(forms) the plan dialog shows the plan’s own title in the first frame its field exists',
    browser,
    DESK,
    async (page) => {
      const title = `表单测试：首帧即有值的计划 ${app.now().getTime() % 100000}`;
      await login(page, 'shuji');
      await page.goto(`${app.base}/study?tab=plans`);
      await page.getByTestId('new-plan').click();
      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('计划名称').fill(title);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row', { name: new RegExp(title) });
      await row.waitFor();

      // Watch the DOM from before the click: record the title field's value the moment it is inserted.
      await page.evaluate(() => {
        window.__firstTitle = undefined;
        const observer = new MutationObserver(() => {
          const input = document.querySelector('.ant-modal input#title');
          if (input && window.__firstTitle === undefined) {
            window.__firstTitle = input.value;
            observer.disconnect();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      await row.getByRole('button', { name: /编\s*辑/ }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('计划名称').waitFor();
      const first = await page.evaluate(() => window.__firstTitle);
      expect(first === title, `the title field first appeared holding “${first}”, not the plan’s title`);

      const renamed = `${title}（修订）`;
      await dialog.getByLabel('计划名称').fill(renamed);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row', { name: new RegExp(renamed.replace(/[()（）]/g, '.')) }).waitFor();
    },
  );

  await test(
    '(forms) 导入花名册 opens on the selected branch even when the page is reloaded and 导入 pressed at once',
    browser,
    DESK,
    async (page) => {
      await login(page, 'shuji');
      await page.goto(`${app.base}/roster`);
      await page.getByTestId('org-tree').locator('.ant-tree-title').first().click();
      await page.waitForURL(/org=\d+/);
      const orgId = Number(new URL(page.url()).searchParams.get('org'));
      let release;
      const held = new Promise((resolve) => {
        release = resolve;
      });
      let seen = false;
      const detail = new RegExp(`/api/v1/orgs/${orgId}(\\?|$)`);
      await page.route(detail, async (route) => {
        seen = true;
        await held;
        await route.continue();
      });
      const asked = page.waitForRequest(detail);
      await page.reload();
      await asked;
      const open = page.getByTestId('open-import');
      await open.waitFor();
      expect(seen, 'the page asked for the selected org');
      expect(
        await open.isDisabled(),
        '导入 waits for the selected org: a dialog opened now would target none',
      );
      release();
      await page.locator('[data-testid=open-import]:not([disabled])').waitFor();
      await open.click();
      const dialog = page.getByRole('dialog', { name: '导入花名册' });
      await dialog.waitFor();
      const { name } = await (await page.request.get(`${app.base}/api/v1/orgs/${orgId}`)).json();
      await dialog.getByText(name).first().waitFor();
      await page.unroute(detail);
    },
  );
}
