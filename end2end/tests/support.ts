import { expect, Page } from "@playwright/test";

export const PASSWORD = "rahasia-sekali-123";

/** Waits until the WebAssembly has taken over the page. */
export async function hydrated(page: Page) {
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
}

/** The first run creates the administrator; later runs find the setup page closed. */
export async function ensureAdmin(page: Page) {
  await page.goto("/setup");
  await hydrated(page);
  if (await page.getByTestId("setup-submit").isVisible()) {
    await page.getByLabel("Nama pengguna").fill("admin");
    await page.getByLabel("Nama tampilan").fill("Admin Siap");
    await page.getByLabel("Kata sandi").fill(PASSWORD);
    await page.getByTestId("setup-submit").click();
    await expect(page).toHaveURL(/\/login$/);
  }
}

export async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}
