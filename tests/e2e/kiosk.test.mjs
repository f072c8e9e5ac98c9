// A self-service kiosk session from start to end: the language switch on every screen, the "read ID card" step
// (the simulated reader posts the card's document), the applicant's cases with their tracking codes, the receipt,
// and the inactivity timeout — after 90 s without a touch the kiosk goes to its end screen by itself and the
// session is gone (the next person sees no one's cases). axe-core runs on every screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { localItem, newApplicant, pdf, url } from './lib/node_under_test.mjs';
import { register, signIn } from './lib/people.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function switchLanguage(page, lang) {
  await page.getByRole('navigation', { name: /.+/ }).first().locator(`a[hreflang="${lang}"]`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
}

test('kiosk session: language switch, read ID card, receipt, inactivity timeout clears it', { timeout: 240_000 }, async () => {
  const applicant = newApplicant('Kiosk');
  const home = await newPerson(browser);
  const kiosk = await newPerson(browser);
  try {
    // The resident has an account and a case from home.
    await register(home.page, applicant);
    await signIn(home.page, applicant);
    await home.page.goto(url(`/en/items/${localItem}/apply`));
    await home.page.locator('#f-form-applicant_name').fill(applicant.name);
    await home.page.locator('select[name="form.id_number.type"]').selectOption(applicant.documentType);
    await home.page.locator('input[name="form.id_number.number"]').fill(applicant.documentNumber);
    await home.page.locator('#f-form-phone').fill('+85361230000');
    await home.page.locator('#f-form-consent_transfer').check();
    await home.page.locator('#f-material-id_card').setInputFiles(pdf('id.pdf'));
    await home.page.locator('#f-material-bank_card').setInputFiles(pdf('bank.pdf'));
    await home.page.getByRole('button', { name: t('en', 'Continue') }).click();
    await home.page.getByRole('button', { name: t('en', 'Submit application') }).click();
    await home.page.waitForURL(/\?submitted=1$/);
    const caseNumber = (await home.page.locator('[role=status] strong').textContent()).trim();

    const page = kiosk.page;
    await page.goto(url('/zh-Hant/kiosk'));
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('zh-Hant', 'Self-service kiosk') }).waitFor());
    await audit(page, 'kiosk start');
    await switchLanguage(page, 'pt');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('pt', 'Self-service kiosk') }).waitFor());
    const start = await page.getByRole('link', { name: t('pt', 'Read your identity card') }).boundingBox();
    assert.ok(start.height >= 44 && start.width >= 44, `the kiosk's touch targets are small: ${JSON.stringify(start)}`);

    await page.getByRole('link', { name: t('pt', 'Read your identity card') }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('pt', 'Read your identity card') }).waitFor());
    await audit(page, 'kiosk read card');
    await page.getByLabel(t('pt', 'Identity document'), { exact: true }).selectOption(applicant.documentType);
    await page.getByLabel(t('pt', 'Identity document number'), { exact: true }).fill('5999999(9)');
    await page.getByRole('button', { name: t('pt', 'Read card') }).click();
    await assert.doesNotReject(page.locator('.error-summary').getByText(t('pt', 'The card could not be read, or no account holds it.')).waitFor());
    await audit(page, 'kiosk card not read');
    await page.getByLabel(t('pt', 'Identity document number'), { exact: true }).fill(applicant.documentNumber);
    await page.getByRole('button', { name: t('pt', 'Read card') }).click();
    await page.waitForURL(/\/pt\/kiosk\/me$/);
    await assert.doesNotReject(page.getByText(applicant.name).waitFor());
    const row = page.locator('.kiosk-cases li').filter({ hasText: caseNumber });
    await assert.doesNotReject(row.getByText(t('pt', 'state:submitted')).waitFor());
    await audit(page, 'kiosk my cases');

    // The language switch is on this screen too, and keeps the session.
    await switchLanguage(page, 'zh-Hans');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('zh-Hans', 'Your cases') }).waitFor());

    // The receipt of the case, to print.
    await page.locator('.kiosk-cases li').filter({ hasText: caseNumber })
      .getByRole('link', { name: new RegExp(t('zh-Hans', 'Print receipt')) }).click();
    await page.waitForURL(/\/zh-Hans\/kiosk\/cases\/[^/]+\/receipt$/);
    const receipt = page.locator('.receipt');
    await assert.doesNotReject(receipt.getByText(caseNumber).waitFor());
    await assert.doesNotReject(receipt.getByRole('img', { name: t('zh-Hans', 'QR code to track this case') }).waitFor());
    await audit(page, 'kiosk receipt');

    // Nobody touches the kiosk: it ends the session by itself.
    const before = Date.now();
    await page.waitForURL(/\/kiosk\/end$/, { timeout: 150_000 });
    const idle = (Date.now() - before) / 1000;
    assert.ok(idle >= 60, `the kiosk ended the session after only ${idle} s`);
    await assert.doesNotReject(page.getByText(t('zh-Hans', 'Your session has ended and your details have been cleared.')).waitFor());
    await audit(page, 'kiosk session ended');

    // The next person at the kiosk sees nobody's cases.
    await page.goto(url('/zh-Hans/kiosk/me'));
    await page.waitForURL(/\/zh-Hans\/kiosk$/);
    assert.equal(await page.getByText(applicant.name).count(), 0);
    assert.equal(await page.getByText(caseNumber).count(), 0);
  } catch (error) {
    await showPages(error, home.page, kiosk.page);
  } finally {
    await home.context.close();
    await kiosk.context.close();
  }
});
