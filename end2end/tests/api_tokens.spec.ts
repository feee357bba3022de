import { expect, Page, test } from "@playwright/test";
import { DemoServer } from "./demo_server";
import { PASSWORD } from "./support";

// A personal API token: created on /akun/token, its secret shown once, used as
// `Authorization: Bearer` on /api/v1, listed (never with its secret) and revoked.
let demo: DemoServer;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  demo = new DemoServer(
    testInfo.project.name === "desktop" ? 3108 : 3109,
    `api-tokens-${testInfo.project.name}`,
  );
  await demo.start();
});

test.afterAll(() => demo?.stop());

const hydrated = (page: Page) =>
  expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });

async function setUpAndSignIn(page: Page) {
  await page.goto(`${demo.base}/setup`);
  await hydrated(page);
  await page.getByLabel("Nama pengguna").fill("admin");
  await page.getByLabel("Nama tampilan").fill("Admin Demo");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("setup-submit").click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Nama pengguna").fill("admin");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test("a user creates a token, calls the API with it, and revokes it", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  await setUpAndSignIn(page);

  // The menu leads to the page.
  await page.getByTestId("nav-api-tokens").click();
  await expect(page).toHaveURL(/\/akun\/token$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Token API pribadi");
  await expect(page.getByTestId("api-tokens-none")).toBeVisible();

  // An empty name is refused in Indonesian (the browser's own check is bypassed).
  await page.locator("#token-name").evaluate((input) => input.removeAttribute("required"));
  await page.getByTestId("token-create").click();
  await expect(page.getByTestId("form-error")).toContainText("Nama token wajib diisi");

  await page.getByLabel("Nama token").fill("integrasi-hr");
  await page.getByTestId("token-create").click();
  const shown = page.getByTestId("new-token-secret");
  await expect(shown).toBeVisible();
  const secret = (await shown.textContent())?.trim() ?? "";
  expect(secret).toMatch(/^siap_[0-9a-f]{64}$/);
  expect(secret).toHaveLength(69);
  await expect(page.getByTestId("new-token")).toContainText("tidak akan ditampilkan lagi");
  // The list was fetched again and shows the token by its prefix only.
  const table = page.getByTestId("api-tokens");
  await expect(table).toContainText("integrasi-hr");
  await expect(table).toContainText(`${secret.slice(0, 9)}…`);
  await expect(table).not.toContainText(secret);

  // The token acts as its user; no session cookie goes with these requests.
  const bearer = { Authorization: `Bearer ${secret}` };
  const me = await request.get(`${demo.base}/api/v1/me`, { headers: bearer });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.username).toBe("admin");

  // Shown once: after a reload the secret is nowhere on the page, the token is listed.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("new-token-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  const row = page.getByTestId("api-token-row").filter({ hasText: "integrasi-hr" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("token-status")).toHaveText("Aktif");
  // The call above marked the day it was used.
  await expect(row.locator("td").nth(2)).toHaveText(/^\d{2}-\d{2}-\d{4}$/);
  await page.screenshot({ path: `screenshots/api-tokens-${testInfo.project.name}.png`, fullPage: true });

  const id = await row.getAttribute("data-token-id");
  expect(id).toMatch(/^\d+$/);
  await page.getByTestId(`revoke-token-${id}`).click();
  await expect(page.getByTestId("token-revoked")).toBeVisible();
  await expect(row.getByTestId("token-status")).toHaveText("Dicabut");
  await expect(page.getByTestId(`revoke-token-${id}`)).toHaveCount(0);

  // A revoked token opens nothing any more.
  const after = await request.get(`${demo.base}/api/v1/me`, { headers: bearer });
  expect(after.status()).toBe(401);
});
