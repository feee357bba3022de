import { expect, test } from "@playwright/test";
import { ensureAdmin, PASSWORD, signIn } from "./support";

const BAD_CSV = [
  "code,name,kind,parent_code,headcount",
  "E2E,Provinsi Uji,provinsi,,10",
  "E2E.DINAS-A,Dinas A,dinas,E2E,banyak",
  "E2E.DINAS-B,Dinas B,dinas,TIDAK-ADA,5",
].join("\n");

const GOOD_CSV = [
  "code,name,kind,parent_code,headcount",
  "E2E,Provinsi Uji,provinsi,,10",
  "E2E.DINAS-A,Dinas A,dinas,E2E,120",
  "E2E.DINAS-B,Dinas B,dinas,E2E,80",
].join("\n");

test("an admin imports units, scopes a change agent, who cannot see another dinas", async ({ page }, testInfo) => {
  await ensureAdmin(page);
  await signIn(page, "admin");

  await page.goto("/admin/import-units");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByTestId("units-csv").fill(BAD_CSV);
  await page.getByTestId("import-commit").click();
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("Baris 3");
  await expect(problems).toContainText("Baris 4");
  await page.goto("/units/E2E.DINAS-B");
  if (testInfo.project.name === "desktop") {
    // Nothing of the bad file was imported.
    await expect(page.getByTestId("unit-error")).toBeVisible();
  }

  await page.goto("/admin/import-units");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByTestId("units-csv").fill(GOOD_CSV);
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-summary")).toContainText("Impor selesai");

  const agent = `agen-${testInfo.project.name}`;
  await page.goto("/admin/users");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  // The new-user form (each listed user also has an edit form with the same labels).
  await page.locator("#new-username").fill(agent);
  await page.locator("#new-display-name").fill("Agen Perubahan Dinas A");
  await page.locator("#new-password").fill(PASSWORD);
  await page.locator("#new-role").selectOption("change_agent");
  await page.locator("#new-units").fill("E2E.DINAS-A");
  await page.getByTestId("create-user").click();
  await expect(page.getByTestId("user-created")).toBeVisible();
  await expect(page.getByTestId("users")).toContainText(agent);

  await page.getByTestId("logout").click();
  await expect(page.getByTestId("nav-login")).toBeVisible();
  await signIn(page, agent);

  await page.goto("/units/E2E.DINAS-A");
  await expect(page.getByTestId("unit-name")).toHaveText("Dinas A");
  await page.goto("/units/E2E.DINAS-B");
  await expect(page.getByTestId("unit-error")).toHaveText("Data tidak ditemukan.");
  await page.screenshot({ path: `screenshots/agent-out-of-scope-${testInfo.project.name}.png`, fullPage: true });

  // Calling the endpoints directly is refused the same way.
  const statuses = await page.evaluate(async () => {
    const post = (url: string, body: string) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }).then((r) => r.status);
    return {
      otherDinas: await post("/api/units/get", "code=E2E.DINAS-B"),
      ownDinas: await post("/api/units/get", "code=E2E.DINAS-A"),
      users: await post("/api/admin/users", ""),
    };
  });
  expect(statuses).toEqual({ otherDinas: 404, ownDinas: 200, users: 403 });
});
