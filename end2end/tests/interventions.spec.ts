import { expect, Page, test } from "@playwright/test";
import { DemoServer } from "./demo_server";
import { PASSWORD } from "./support";

// The demo organisation with three waves: baseline and follow-up I closed, follow-up II open.
let demo: DemoServer;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  demo = new DemoServer(
    testInfo.project.name === "desktop" ? 3104 : 3105,
    `interventions-${testInfo.project.name}`,
  );
  await demo.start();
});

test.afterAll(() => demo?.stop());

const hydrated = (page: Page) =>
  expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });

async function signIn(page: Page, username: string) {
  await page.goto(`${demo.base}/login`);
  await hydrated(page);
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByTestId("logout").click();
  await expect(page.getByTestId("nav-login")).toBeVisible();
}

async function createUser(page: Page, username: string, name: string, role: string, units: string) {
  await page.goto(`${demo.base}/admin/users`);
  await hydrated(page);
  await page.locator("#new-username").fill(username);
  await page.locator("#new-display-name").fill(name);
  await page.locator("#new-password").fill(PASSWORD);
  await page.locator("#new-role").selectOption(role);
  await page.locator("#new-units").fill(units);
  await page.getByTestId("create-user").click();
  await expect(page.getByTestId("user-created")).toBeVisible();
}

test("a change agent plans from a suggestion, a leader approves, the evaluation follows the next wave", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const shot = (name: string) =>
    page.screenshot({
      path: `screenshots/interventions-${name}-${testInfo.project.name}.png`,
      fullPage: testInfo.project.name === "desktop",
    });

  // The administrator of the fresh demo server creates a leader and a change agent for
  // Jakarta Pusat.
  await page.goto(`${demo.base}/setup`);
  await hydrated(page);
  await page.getByLabel("Nama pengguna").fill("admin");
  await page.getByLabel("Nama tampilan").fill("Admin Demo");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("setup-submit").click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, "admin");
  await createUser(page, "pimpinan", "Pimpinan Jakarta Pusat", "leader", "DKI.JAKPUS");
  await createUser(page, "agen", "Agen Perubahan Pusat", "change_agent", "DKI.JAKPUS");
  await signOut(page);

  // The agent opens the dashboard: units at risk without a plan offer to start one.
  await signIn(page, "agen");
  await page.getByTestId("nav-dashboard").click();
  await expect(page.getByTestId("at-risk")).toBeVisible();
  const start = page.getByTestId("start-plan").first();
  await expect(start).toBeVisible();
  await start.click();
  await expect(page).toHaveURL(/\/intervensi\/baru\?unit=/);
  const unitCode = new URL(page.url()).searchParams.get("unit")!;

  // Suggestions from the playbook, each with its evidence; the first one fills the form.
  await expect(page.getByTestId("suggestion").first()).toBeVisible();
  const suggestionKey = await page.getByTestId("suggestion").first().getAttribute("data-key");
  await page.getByTestId("use-suggestion").first().click();
  await expect.poll(() => new URL(page.url()).searchParams.get("saran")).toBe(suggestionKey);
  await hydrated(page);
  const title = page.locator("#plan-title");
  await expect(title).not.toHaveValue("");
  const planTitle = await title.inputValue();
  await expect(page.locator("#plan-units")).toHaveValue(unitCode);
  // The suggestion's target is ticked.
  expect(await page.locator('[data-testid="plan-targets"] input:checked').count()).toBeGreaterThan(0);
  await page.locator("#plan-budget").fill("25.000.000");
  await page.locator("#plan-funding").fill("APBD 2027");
  await shot("new-plan");
  await page.getByTestId("plan-submit").click();
  await expect(page).toHaveURL(/\/intervensi\/\d+$/);
  const planUrl = page.url();
  await expect(page.getByTestId("plan-title")).toHaveText(planTitle);
  await expect(page.getByTestId("plan-status")).toHaveAttribute("data-status", "planned");
  await expect(page.getByTestId("plan-budget")).toContainText("25.000.000");
  await hydrated(page);

  // Two milestones.
  for (const [name, due] of [
    ["Lokakarya pertama", "2027-01-15"],
    ["Pendampingan lanjutan", "2027-02-15"],
  ]) {
    await page.locator("#milestone-title").fill(name);
    await page.locator("#milestone-due").fill(due);
    await page.getByTestId("milestone-add").click();
    await expect(page.getByTestId("milestone").filter({ hasText: name })).toBeVisible();
  }
  await expect(page.getByTestId("milestone-count")).toHaveText("0/2");
  // A change agent cannot approve.
  await expect(page.getByTestId("move-approved")).toHaveCount(0);
  await signOut(page);

  // The leader approves it on the board.
  await signIn(page, "pimpinan");
  await page.getByTestId("nav-interventions").click();
  await expect(page.getByTestId("plan-row").filter({ hasText: planTitle })).toBeVisible();
  await page.getByTestId("view-papan").click();
  await expect(page.getByTestId("board")).toBeVisible();
  await hydrated(page);
  const card = page.getByTestId("board-card").filter({ hasText: planTitle });
  await expect(page.getByTestId("column-planned").getByTestId("board-card").filter({ hasText: planTitle })).toBeVisible();
  await card.getByTestId("move-approved").click();
  await expect(page.getByTestId("column-approved").getByTestId("board-card").filter({ hasText: planTitle })).toBeVisible();
  await shot("board");
  await page.getByTestId("view-linimasa").click();
  await expect(page.getByTestId("timeline-bar").first()).toBeVisible();
  await signOut(page);

  // The agent carries it out: milestones done, the plan in progress, then done.
  await signIn(page, "agen");
  await page.goto(planUrl);
  await hydrated(page);
  await expect(page.getByTestId("plan-status")).toHaveAttribute("data-status", "approved");
  for (let i = 0; i < 2; i++) {
    await page.locator('[data-testid="milestone"]:not(.done)').first().getByTestId("milestone-toggle").click();
    await expect(page.getByTestId("milestone-count")).toHaveText(`${i + 1}/2`);
  }
  await page.getByTestId("move-in_progress").click();
  await expect(page.getByTestId("plan-status")).toHaveAttribute("data-status", "in_progress");
  await page.getByTestId("move-done").click();
  await expect(page.getByTestId("plan-status")).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("plan-history").locator("li")).toHaveCount(4);
  // The follow-up wave is still open: the evaluation waits for it.
  await expect(page.getByTestId("evaluation-waiting")).toBeVisible();
  await signOut(page);

  // The administrator closes the follow-up wave.
  await signIn(page, "admin");
  await page.goto(`${demo.base}/waves`);
  await hydrated(page);
  await page.getByTestId("waves").getByRole("link", { name: /tindak lanjut II/ }).click();
  await expect(page.getByTestId("wave-title")).toContainText("tindak lanjut II");
  await hydrated(page);
  await page.getByTestId("wave-state-button").click();
  await expect(page.getByTestId("wave-status")).toContainText(/Ditutup|Selesai/);
  await signOut(page);

  // Now the evaluation is there: the change of each target dimension with its interval.
  await signIn(page, "agen");
  await page.goto(planUrl);
  await expect(page.getByTestId("evaluation")).toBeVisible();
  expect(await page.getByTestId("evaluation-row").count()).toBeGreaterThan(0);
  // Each row has its change with a 95% interval, or says why not (hidden, too small).
  const first = page.getByTestId("evaluation-row").first();
  const changed = (await first.getByTestId("evaluation-change").textContent()) ?? "";
  if (!changed.includes("IK 95%")) await expect(first.locator("p.caveat").first()).toBeVisible();
  await shot("evaluation");
});
