import { expect, Page, test } from "@playwright/test";
import { DemoServer } from "./demo_server";
import { PASSWORD } from "./support";

// Script payloads typed into a unit name, a survey item, a plan and its comment come back as
// text on every page that shows them, server-rendered and hydrated: no dialog ever opens.
const PAYLOAD = `<img src=x onerror="alert('siap')"><script>alert('siap')</script>`;

let demo: DemoServer;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  demo = new DemoServer(testInfo.project.name === "desktop" ? 3106 : 3107, `hostile-${testInfo.project.name}`);
  await demo.start();
});

test.afterAll(() => demo?.stop());

const hydrated = (page: Page) =>
  expect(page.locator("main")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });

test("script payloads in names, items, plans and comments render as text", async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

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

  // A unit renamed to the payload.
  await page.goto(`${demo.base}/units/DKI.JAKPUS`);
  await hydrated(page);
  await page.locator("details.card > summary").first().click();
  await page.locator("#edit-name").fill(PAYLOAD);
  await page.getByTestId("unit-save").click();
  await expect(page.getByTestId("unit-name")).toHaveText(PAYLOAD);

  // A survey item with the payload as its text.
  await page.goto(`${demo.base}/instruments/baru`);
  await hydrated(page);
  await page.locator("#survey-id").fill(`uji-muatan-${Date.now().toString(36)}`);
  await page.locator("#title-id").fill("Survei muatan");
  await page.locator("#title-en").fill("Payload survey");
  await page.locator("#description-id").fill("Uji.");
  await page.locator("#description-en").fill("Test.");
  const row = page.getByTestId("custom-item").first();
  await row.locator('input[name="custom[0][text_id]"]').fill(PAYLOAD);
  await row.locator('input[name="custom[0][text_en]"]').fill(PAYLOAD);
  await row.locator("select").selectOption("dukungan-pimpinan");
  await page.getByTestId("compose-submit").click();
  await expect(page.getByTestId("compose-saved")).toBeVisible();
  await page.getByTestId("compose-saved-link").click();
  await expect(page.getByText(PAYLOAD, { exact: true }).first()).toBeVisible();

  // A plan and a comment with the payload, for the renamed unit.
  await page.goto(`${demo.base}/admin/users`);
  await hydrated(page);
  await page.locator("#new-username").fill("agen");
  await page.locator("#new-display-name").fill(PAYLOAD);
  await page.locator("#new-password").fill(PASSWORD);
  await page.locator("#new-role").selectOption("change_agent");
  await page.locator("#new-units").fill("DKI.JAKPUS");
  await page.getByTestId("create-user").click();
  await expect(page.getByTestId("user-created")).toBeVisible();
  await page.goto(`${demo.base}/intervensi/baru?unit=DKI.JAKPUS`);
  await hydrated(page);
  await page.locator("#plan-title").fill(PAYLOAD);
  await page.locator("#plan-description").fill(PAYLOAD);
  await page.locator("#plan-owner").selectOption({ index: 1 });
  await page.getByTestId("plan-submit").click();
  await expect(page).toHaveURL(/\/intervensi\/\d+$/);
  await hydrated(page);
  await expect(page.getByTestId("plan-title")).toHaveText(PAYLOAD);
  await page.locator("#comment-body").fill(PAYLOAD);
  // By keyboard: on the phone the button sits at the very bottom of the page.
  await page.getByTestId("comment-add").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("plan-comments").getByText(PAYLOAD, { exact: true })).toBeVisible();
  const planUrl = page.url();

  // Every page that shows them, loaded afresh (server-rendered, then hydrated).
  for (const path of ["/units", "/units/DKI.JAKPUS", planUrl.replace(demo.base, ""), "/intervensi", "/intervensi?tampilan=papan", "/admin/users", "/dashboard"]) {
    await page.goto(`${demo.base}${path}`);
    await hydrated(page);
    // (A list of people in a <select> holds it too, hidden until opened.)
    await expect(page.getByText(PAYLOAD).filter({ visible: true }).first()).toBeVisible();
    expect(await page.locator("main img[src='x']").count()).toBe(0);
  }
  expect(dialogs).toEqual([]);
});

// Issue #16: text inside a <textarea> was written raw by the server render, so a value holding
// `</textarea>` broke out into live markup (a refresh to a phishing page, a form posting as
// the reader). Reflected from the address into every textarea page, it stays the textarea's
// text, server-rendered and after hydration.
const TEXTAREA_PAYLOAD =
  `</textarea><meta http-equiv="refresh" content="0;url=/login?phished=1">` +
  `<form id="injected" action="/api/admin/users/create" method="post"><button>ok</button></form>`;

test("a closing textarea tag typed into a form stays text in its textarea", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${demo.base}/login`);
  await hydrated(page);
  await page.getByLabel("Nama pengguna").fill("admin");
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  const payload = encodeURIComponent(TEXTAREA_PAYLOAD);
  for (const [path, field] of [
    [`/kesenjangan?unit=DKI.JAKPUS&description=${payload}`, "#gap-description"],
    [`/intervensi/baru?unit=DKI.JAKPUS&kembali=1&description=${payload}`, "#plan-description"],
    [`/instruments/baru?survey_id=uji&description_id=${payload}`, "#description-id"],
  ]) {
    await page.goto(`${demo.base}${path}`);
    await hydrated(page);
    await expect(page.locator(field)).toHaveValue(TEXTAREA_PAYLOAD);
    expect(await page.locator('meta[http-equiv="refresh"]').count(), path).toBe(0);
    expect(await page.locator("form#injected").count(), path).toBe(0);
    // A live refresh would have taken the page to /login by now.
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname, path).toBe(path.split("?")[0]);
  }
});
