import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { DemoServer } from "./demo_server";
import { PASSWORD } from "./support";

// The demo organisation: 389 units, three waves of simulated answers (two closed, one open).
let demo: DemoServer;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  demo = new DemoServer(testInfo.project.name === "desktop" ? 3102 : 3103, testInfo.project.name);
  await demo.start();
});

test.afterAll(() => demo?.stop());

test("a leader reads the heatmap, drills down, exports XLSX and prints the report", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) =>
    // A whole dashboard at a phone's pixel density exceeds what Chromium can capture at once.
    page.screenshot({
      path: `screenshots/dashboard-${name}-${testInfo.project.name}.png`,
      fullPage: testInfo.project.name === "desktop",
    });
  const hydrated = () => expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });

  // The administrator of the fresh demo server creates a provincial leader.
  await page.goto(`${demo.base}/setup`);
  await hydrated();
  await page.getByLabel("Nama pengguna").fill("admin");
  await page.getByLabel("Nama tampilan").fill("Admin Demo");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("setup-submit").click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Nama pengguna").fill("admin");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(`${demo.base}/admin/users`);
  await hydrated();
  await page.locator("#new-username").fill("pimpinan");
  await page.locator("#new-display-name").fill("Pimpinan Provinsi");
  await page.locator("#new-password").fill(PASSWORD);
  await page.locator("#new-role").selectOption("leader");
  await page.locator("#new-units").fill("DKI");
  await page.getByTestId("create-user").click();
  await expect(page.getByTestId("user-created")).toBeVisible();
  await page.getByTestId("logout").click();
  await expect(page.getByTestId("nav-login")).toBeVisible();

  // The leader signs in and opens the dashboard: the province, newest wave.
  await page.goto(`${demo.base}/login`);
  await hydrated();
  await page.getByLabel("Nama pengguna").fill("pimpinan");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.getByTestId("nav-dashboard").click();
  await expect(page.getByTestId("heatmap")).toBeVisible();
  await hydrated();
  const rows = page.getByTestId("heatmap-row");
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(page.getByTestId("trend-chart").first()).toBeVisible();
  // Three waves: each trend chart has a mark per wave with figures.
  expect(await page.getByTestId("trend-chart").first().locator("circle").count()).toBe(3);
  await shot("province");

  // Sorting by a dimension puts the weakest first (the total row stays on top).
  await page.getByTestId("sort-komitmen").click();
  await expect(page).toHaveURL(/urut=komitmen/);

  // Two levels down: a kota, then one of its kecamatan.
  await page.locator('[data-code="DKI.JAKPUS"] [data-testid="drill-down"]').click();
  await expect(page.getByTestId("breadcrumbs")).toContainText("Jakarta Pusat");
  await expect(page.getByTestId("dashboard-title")).toContainText("Jakarta Pusat");
  // Some kecamatan have kelurahan where only a handful answered: find one by drilling in.
  const links = page.locator('[data-testid="heatmap-row"] [data-testid="drill-down"]');
  const kotaUrl = page.url();
  const count = await links.count();
  expect(count).toBeGreaterThan(3);
  let kecamatanName = "";
  for (let i = 0; i < count; i++) {
    const link = page.locator('[data-testid="heatmap-row"] [data-testid="drill-down"]').nth(i);
    kecamatanName = ((await link.textContent()) ?? "").trim();
    await link.click();
    await expect(page.getByTestId("dashboard-title")).toContainText(kecamatanName);
    if ((await page.getByTestId("suppressed-cell").count()) > 0) break;
    await page.goto(kotaUrl);
    await expect(page.getByTestId("heatmap")).toBeVisible();
  }
  await expect(page.getByTestId("breadcrumbs").locator("a")).toHaveCount(2);
  // Small kelurahan are hidden, and marked as such.
  await expect(page.getByTestId("suppressed-cell").first()).toBeVisible();
  await expect(page.getByTestId("suppressed-cell").first()).toHaveAttribute("title", /Disembunyikan/);
  await shot("kecamatan");

  // The XLSX of this view: the same rows, suppressed cells as text, never as numbers.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const file = testInfo.outputPath("dasbor.xlsx");
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ""))));
  expect(texts.join("\n")).toContain(kecamatanName);
  expect(texts).toContain("disembunyikan");
  const shownRows = await rows.count();
  let dataRows = 0;
  sheet.eachRow((row) => {
    const code = String(row.getCell(1).value ?? "");
    if (code.startsWith("DKI.")) dataRows += 1;
  });
  expect(dataRows).toBe(shownRows);

  // The printable report of the same view, in Indonesian whatever the interface language.
  await page.getByTestId("report-link").click();
  await expect(page.getByTestId("report-title")).toContainText(kecamatanName);
  await expect(page.getByTestId("report-cover")).toContainText("laporan kesiapan");
  await page.emulateMedia({ media: "print" });
  await shot("report-print");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.length).toBeGreaterThan(20_000);
  await page.emulateMedia({ media: "screen" });
});
