import { Browser, expect, Page, test } from "@playwright/test";
import { ensureAdmin, hydrated, signIn } from "./support";

/** A survey id and title no earlier run has used (the database outlives runs). */
function fresh(project: string, what: string) {
  const stamp = `${Date.now().toString(36)}-${project}`;
  return { slug: `e2e-${what}-${stamp}`, title: `Survei uji ${what} ${stamp}` };
}

async function fillSurveyFields(page: Page, slug: string, title: string) {
  await page.locator("#survey-id").fill(slug);
  await page.locator("#title-id").fill(title);
  await page.locator("#title-en").fill(`Test survey ${slug}`);
  await page.locator("#description-id").fill("Survei untuk uji otomatis.");
  await page.locator("#description-en").fill("A survey for automated testing.");
}

/** Without JavaScript the composer posts a plain form; a refused post keeps everything typed. */
async function composeWithoutJavaScript(browser: Browser, baseURL: string, page: Page, project: string) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL,
    storageState: await page.context().storageState(),
  });
  const plain = await context.newPage();
  const { slug, title } = fresh(project, "tanpa-js");
  await plain.goto("/instruments/baru");
  await fillSurveyFields(plain, slug, title);
  await plain.locator('label[data-item="kesesuaian-1"] input').uncheck();
  const row = plain.getByTestId("custom-item").first();
  await row.locator('input[name="custom[0][text_id]"]').fill("Saya tahu kepada siapa bertanya tentang aplikasi baru.");
  // The English text and the dimension are left out: the server names both problems.
  await plain.getByTestId("compose-submit").click();
  const problems = plain.getByTestId("compose-problems");
  await expect(problems).toContainText("Pernyataan tambahan 1: teks bahasa Inggris belum diisi");
  await expect(problems).toContainText("Pernyataan tambahan 1: pilih dimensi");
  await expect(plain.locator("#survey-id")).toHaveValue(slug);
  await expect(plain.locator("#title-id")).toHaveValue(title);
  await expect(row.locator('input[name="custom[0][text_id]"]')).toHaveValue(
    "Saya tahu kepada siapa bertanya tentang aplikasi baru.",
  );
  await expect(plain.locator('label[data-item="kesesuaian-1"] input')).not.toBeChecked();
  await expect(plain.locator('label[data-item="kesesuaian-2"] input')).toBeChecked();

  await row.locator('input[name="custom[0][text_en]"]').fill("I know whom to ask about the new application.");
  await row.locator("select").selectOption("dukungan-pimpinan");
  await plain.getByTestId("compose-submit").click();
  await expect(plain).toHaveURL(/\/instruments\/\d+\?disimpan=1$/);
  await expect(plain.getByTestId("instrument-saved")).toBeVisible();
  await expect(plain.getByTestId("instrument-slug")).toHaveText(slug);
  await expect(plain.getByTestId("instrument-items")).toHaveText("34");
  await context.close();
}

test("an admin composes a survey from library and custom items, then runs it in a wave", async ({ page, browser, baseURL }, testInfo) => {
  const project = testInfo.project.name;
  await ensureAdmin(page);
  await signIn(page, "admin");
  await expect(page.getByTestId("nav-instruments")).toBeAttached();

  await page.goto("/instruments");
  await hydrated(page);
  await expect(page.getByTestId("instruments")).toContainText("kesiapan-perubahan");
  await page.getByTestId("compose-link").click();
  await expect(page).toHaveURL(/\/instruments\/baru$/);
  await hydrated(page);

  const { slug, title } = fresh(project, "js");
  await fillSurveyFields(page, slug, title);

  // The default survey's 34 statements are ticked; the count follows every change.
  const count = page.getByTestId("item-count-number");
  await expect(count).toHaveText("34");
  await expect(page.locator("label[data-item] input:checked")).toHaveCount(34);
  await page.locator('label[data-item="kesesuaian-1"] input').uncheck();
  await page.locator('label[data-item="manfaat-pribadi-1"] input').uncheck();
  await expect(count).toHaveText("32");

  const row = page.getByTestId("custom-item").first();
  await row.locator('input[name="custom[0][text_id]"]').fill("Aplikasi baru mudah saya gunakan.");
  await row.locator('input[name="custom[0][text_en]"]').fill("The new application is easy for me to use.");
  await row.locator("select").selectOption("komitmen");
  await expect(count).toHaveText("33");
  await expect(page.getByTestId("item-count-warning")).toHaveCount(0);

  await page.getByTestId("compose-submit").click();
  const saved = page.getByTestId("compose-saved");
  await expect(saved).toContainText(`${slug} v1`);
  await page.screenshot({ path: `screenshots/compose-${project}.png`, fullPage: true });
  await saved.getByTestId("compose-saved-link").click();
  await expect(page.getByTestId("instrument-slug")).toHaveText(slug);
  await expect(page.getByTestId("instrument-items")).toHaveText("33");
  await expect(page.locator('li[data-item="khusus-1"]')).toContainText("Aplikasi baru mudah saya gunakan.");
  await expect(page.getByTestId("download-toml")).toHaveAttribute("download", `${slug}-v1.toml`);

  // The new survey can be chosen for a wave.
  await page.goto("/waves");
  await hydrated(page);
  await expect(page.locator("#wave-instrument option", { hasText: `${title} (v1)` })).toHaveCount(1);

  await composeWithoutJavaScript(browser, baseURL!, page, project);
});
