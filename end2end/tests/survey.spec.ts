import { Browser, expect, Page, test } from "@playwright/test";
import { ensureAdmin, hydrated, signIn } from "./support";

/** `YYYY-MM-DDTHH:MM` in Jakarta time (UTC+7), as a datetime-local input takes it. */
function jakartaLocal(offsetHours: number): string {
  const at = new Date(Date.now() + (offsetHours + 7) * 3600 * 1000);
  return at.toISOString().slice(0, 16);
}

/** Creates and opens a wave for a fresh unit, issues two invitations, returns their paths. */
async function openWaveWithTwoInvitations(page: Page, root: string): Promise<{ wavePath: string; tokens: string[] }> {
  await page.goto("/admin/import-units");
  await hydrated(page);
  await page.getByTestId("units-csv").fill(
    // One root per organisation: the same root as the access test, so either may run first.
    [
      "code,name,kind,parent_code,headcount",
      "E2E,Provinsi Uji,provinsi,,10",
      `${root},Dinas Survei ${root},dinas,E2E,40`,
      `${root}.KEL-A,Kelurahan Uji,kelurahan,${root},12`,
    ].join("\n"),
  );
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-summary")).toContainText("Impor selesai");

  await page.goto("/waves");
  await hydrated(page);
  await page.locator("#wave-title").fill(`Gelombang uji ${root}`);
  await page.locator("#wave-units").fill(root);
  await page.locator("#wave-opens").fill(jakartaLocal(-1));
  await page.locator("#wave-closes").fill(jakartaLocal(24 * 14));
  await page.getByTestId("create-wave-submit").click();
  await page.getByTestId("wave-created").getByRole("link").click();
  await expect(page.getByTestId("wave-status")).toHaveText("Draf");
  await hydrated(page);
  await page.getByTestId("wave-state-button").click();
  await expect(page.getByTestId("wave-status")).toHaveText("Dibuka");
  const wavePath = new URL(page.url()).pathname;

  const row = page.locator(`tr[data-unit="${root}.KEL-A"]`);
  await expect(row.getByTestId("unit-responded")).toHaveText(/^0 /);
  await row.locator("input[name=count]").fill("2");
  await row.getByTestId("issue-invitations").click();
  const sheet = row.getByTestId("batch-sheet");
  await expect(sheet).toBeVisible();
  const sheetPage = await page.context().newPage();
  await sheetPage.goto((await sheet.getAttribute("href"))!);
  const urls = await sheetPage.locator(".slip .url").allTextContents();
  await sheetPage.close();
  expect(urls).toHaveLength(2);
  return { wavePath, tokens: urls.map((u) => new URL(u).pathname) };
}

/** Answers every statement of the visible page with the same point. */
async function answerVisibleStatements(page: Page, point: number) {
  const groups = page.locator("section.survey-page:visible fieldset.likert");
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    await groups.nth(i).locator(`input[type=radio][value="${point}"]`).check();
  }
}

async function answerWithJavaScript(page: Page, path: string, testInfo: { project: { name: string } }) {
  await page.goto(path);
  await hydrated(page);
  await expect(page.getByTestId("anonymity-note")).toBeVisible();
  // Paged: one section at a time, with a progress bar.
  await expect(page.locator("section.survey-page:visible")).toHaveCount(1);
  await answerVisibleStatements(page, 4);
  await expect(page.getByTestId("progress")).not.toHaveText(/^0 /);

  // The draft survives a reload.
  await page.reload();
  await hydrated(page);
  await expect(page.locator("section.survey-page:visible fieldset.likert input[value='4']").first()).toBeChecked();

  // "Next" refuses an unanswered page and says what is missing.
  await page.getByTestId("survey-next").click();
  await page.getByTestId("survey-next").click();
  await expect(page.getByTestId("survey-problems")).toBeVisible();
  await answerVisibleStatements(page, 4);
  await page.getByTestId("survey-next").click();
  await expect(page.getByTestId("survey-problems")).toHaveCount(0);
  while (await page.getByTestId("survey-next").isVisible()) {
    await answerVisibleStatements(page, 4);
    await page.getByTestId("survey-next").click();
  }
  await page.locator("#barrier-anggaran").check();
  await page.screenshot({ path: `screenshots/survey-js-${testInfo.project.name}.png`, fullPage: true });
  await page.getByTestId("survey-submit").click();
  await expect(page).toHaveURL(/\/selesai/);
  await expect(page.getByTestId("survey-thanks")).toBeVisible();
}

async function answerWithoutJavaScript(browser: Browser, baseURL: string, path: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport });
  const page = await context.newPage();
  await page.goto(path);
  // Everything is on one page, and it posts as a plain form.
  const groups = page.locator("fieldset.likert");
  const total = await groups.count();
  expect(total).toBeGreaterThanOrEqual(30);
  for (let i = 1; i < total; i++) {
    await groups.nth(i).locator('input[type=radio][value="2"]').check();
  }
  // The first statement is left out: the server refuses and keeps everything typed.
  await page.getByTestId("survey-submit").click();
  await expect(page.getByTestId("survey-problems")).toContainText("Pernyataan nomor 1");
  await expect(groups.nth(1).locator('input[value="2"]')).toBeChecked();
  await expect(groups.nth(total - 1).locator('input[value="2"]')).toBeChecked();
  await groups.nth(0).locator('input[type=radio][value="3"]').check();
  await page.getByTestId("survey-submit").click();
  await expect(page.getByTestId("survey-thanks")).toBeVisible();
  await context.close();
}

test("respondents answer on a phone with and without JavaScript; a token answers once", async ({ page, browser, baseURL }, testInfo) => {
  const root = testInfo.project.name === "desktop" ? "E2E.SRV-D" : "E2E.SRV-P";
  await ensureAdmin(page);
  await signIn(page, "admin");
  const { wavePath, tokens } = await openWaveWithTwoInvitations(page, root);

  const respondent = await browser.newContext({ baseURL, viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  const phone = await respondent.newPage();
  await answerWithJavaScript(phone, tokens[0], testInfo);

  await answerWithoutJavaScript(browser, baseURL!, tokens[1], { width: 412, height: 915 });

  // A used token is refused like an unknown one (issue #15: a slip does not tell whether it
  // was used), with or without the thank-you page in between.
  await phone.goto(tokens[0]);
  await expect(phone.getByTestId("survey-unknown")).toBeVisible();
  await respondent.close();

  // Exactly two more responses for the unit.
  await page.goto(wavePath);
  await hydrated(page);
  await expect(page.locator(`tr[data-unit="${root}.KEL-A"]`).getByTestId("unit-responded")).toHaveText(/^2 /);
  await page.screenshot({ path: `screenshots/wave-${testInfo.project.name}.png`, fullPage: true });
});
