import { expect, test } from "@playwright/test";

test.describe("home page", () => {
  test("renders in Indonesian on the server and hydrates in the browser", async ({ page }, testInfo) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });

    const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm") && r.ok());
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.getByTestId("tagline")).toHaveText(
      "Mengukur dan menindaklanjuti kesiapan ASN menghadapi perubahan.",
    );
    await expect(page.getByTestId("units")).toHaveText(/^\d+$/);
    await wasm;

    // The language toggle is a client-side handler: it only responds after hydration.
    // Clicking until it works would hide a page that never hydrates, so click once, after
    // the module has loaded, and require the change.
    const toggle = page.getByTestId("language-toggle");
    await expect(toggle).toHaveText("English");
    await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
    await toggle.click();
    await expect(page.getByTestId("tagline")).toHaveText(
      "Measuring and acting on civil servants' readiness for change.",
    );
    await expect(toggle).toHaveText("Bahasa Indonesia");
    // The choice is remembered: the server renders the next page in English.
    await page.reload();
    await expect(page.getByTestId("tagline")).toHaveText(
      "Measuring and acting on civil servants' readiness for change.",
    );
    await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
    await toggle.click();
    await expect(page.getByTestId("tagline")).toHaveText(/kesiapan ASN/);

    await page.screenshot({
      path: `screenshots/home-${testInfo.project.name}.png`,
      fullPage: true,
    });
    expect(errors, errors.join("\n")).toEqual([]);
  });

  test("unknown addresses get the Indonesian not-found page", async ({ page }) => {
    const response = await page.goto("/tidak-ada");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  });
});
