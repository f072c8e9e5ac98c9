// What people do on the portal over and over, through the pages as a person would: register, sign in, sign out,
// take a screenshot for the docs when TONGBAN_SCREENSHOTS is set.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { url } from './node_under_test.mjs';

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'screenshots');

export async function register(page, applicant, lang = 'en') {
  await page.goto(url(`/${lang}/register`));
  await page.locator('#f-display_name').fill(applicant.name);
  await page.locator('#f-login').fill(applicant.login);
  await page.locator('#f-password').fill(applicant.password);
  await page.locator('select[name="id_document.type"]').selectOption(applicant.documentType);
  await page.locator('[name="id_document.number"]').fill(applicant.documentNumber);
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL(/\/sign-in\?registered=1/);
}

export async function signIn(page, person, lang = 'en') {
  await page.goto(url(`/${lang}/sign-in`));
  await page.locator('#login').fill(person.login);
  await page.locator('#password').fill(person.password);
  await page.locator('main form button[type=submit]').click();
  await page.waitForLoadState();
  assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/, `${person.login} could not sign in`);
  await assert.doesNotReject(page.locator('nav.account').getByText(person.name).waitFor());
}

export async function screenshot(page, name, fullPage = false) {
  if (!process.env.TONGBAN_SCREENSHOTS) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}
