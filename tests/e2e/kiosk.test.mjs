// A self-service kiosk from enrolment to the end of a visit (issue 8): a browser that is not a registered kiosk is
// refused; staff enrol it with the device key `tongban kiosk add` printed (run.sh); the resident sets a kiosk PIN on
// their account page at home; at the kiosk the simulated reader reads their card and they enter the PIN (a wrong PIN
// is refused like an unknown card); their cases and a receipt; nothing on any kiosk screen leads out of /kiosk; the
// inactivity timeout warns first and "more time" extends the visit, then, untouched, the kiosk ends the visit and
// the next person sees nobody's cases. The node runs with a short kiosk timeout (run.sh: 30 s, warning 15 s before).
// axe-core runs on every screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { languages, localItem, newApplicant, pdf, url } from './lib/node_under_test.mjs';
import { register, screenshot, signIn } from './lib/people.mjs';

const deviceKey = process.env.TONGBAN_E2E_KIOSK_KEY;
const idleSeconds = Number(process.env.TONGBAN_E2E_KIOSK_IDLE_SECONDS);
const warningSeconds = Math.min(30, idleSeconds / 2);
const kPin = '480259';

let browser;
before(async () => {
  assert.ok(deviceKey && idleSeconds, 'run the suite through tests/e2e/run.sh: it registers the kiosk');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function switchLanguage(page, lang) {
  await page.getByRole('navigation', { name: /.+/ }).first().locator(`a[hreflang="${lang}"]`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
}

// Every link and form of the screen stays in kiosk mode (under /<lang>/kiosk), and so does its refresh.
async function expectKioskOnly(page, label) {
  const targets = await page.evaluate(() => [
    ...[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    ...[...document.querySelectorAll('form')].map((f) => f.getAttribute('action')),
  ]);
  for (const target of targets)
    assert.match(target, /^(#|(\/(en|pt|zh-Hans|zh-Hant))?\/kiosk([/?]|$))/, `${label}: ${target} leaves kiosk mode`);
}

async function applyAtHome(page, applicant) {
  await page.goto(url(`/en/items/${localItem}/apply`));
  await page.locator('#f-form-applicant_name').fill(applicant.name);
  await page.locator('select[name="form.id_number.type"]').selectOption(applicant.documentType);
  await page.locator('input[name="form.id_number.number"]').fill(applicant.documentNumber);
  await page.locator('#f-form-phone').fill('+85361230000');
  await page.locator('#f-material-id_card').setInputFiles(pdf('id.pdf'));
  await page.locator('#f-material-bank_card').setInputFiles(pdf('bank.pdf'));
  await page.getByRole('button', { name: t('en', 'Continue') }).click();
  await page.locator('#consent').check();  // the consent is asked once, on the check page
  await page.getByRole('button', { name: t('en', 'Submit application') }).click();
  await page.waitForURL(/\?submitted=1$/);
  return (await page.locator('[role=status] strong').textContent()).trim();
}

async function readCard(page, lang, applicant, number = applicant.documentNumber) {
  await page.getByLabel(t(lang, 'Identity document'), { exact: true }).selectOption(applicant.documentType);
  await page.getByLabel(t(lang, 'Identity document number'), { exact: true }).fill(number);
  await page.getByRole('button', { name: t(lang, 'Read card') }).click();
}

test('kiosk: enrolment, card and PIN, cases and receipt, timeout warning with more time, then the end', { timeout: 240_000 }, async () => {
  const applicant = newApplicant('Kiosk');
  const home = await newPerson(browser);
  const kiosk = await newPerson(browser);
  try {
    // At home: an account, a case and a kiosk PIN.
    await register(home.page, applicant);
    await signIn(home.page, applicant);
    const caseNumber = await applyAtHome(home.page, applicant);
    await home.page.getByRole('link', { name: t('en', 'Kiosk PIN') }).click();
    await assert.doesNotReject(home.page.getByRole('heading', { level: 1, name: t('en', 'Kiosk PIN') }).waitFor());
    await audit(home.page, 'kiosk PIN (account page)');
    await home.page.getByLabel(t('en', 'Your account password')).fill(applicant.password);
    await home.page.getByLabel(t('en', 'New kiosk PIN'), { exact: true }).fill('123456');
    await home.page.getByLabel(t('en', 'New kiosk PIN again')).fill('123456');
    await home.page.getByRole('button', { name: t('en', 'Save the PIN') }).click();
    await assert.doesNotReject(home.page.locator('.error-summary').getByText(t('en', 'Choose a PIN that is not one digit repeated or a run such as 123456.')).waitFor());
    await audit(home.page, 'kiosk PIN refused');
    await home.page.getByLabel(t('en', 'Your account password')).fill(applicant.password);
    await home.page.getByLabel(t('en', 'New kiosk PIN'), { exact: true }).fill(kPin);
    await home.page.getByLabel(t('en', 'New kiosk PIN again')).fill(kPin);
    await home.page.getByRole('button', { name: t('en', 'Save the PIN') }).click();
    await assert.doesNotReject(home.page.getByText(t('en', 'Your kiosk PIN has been saved.')).waitFor());

    // The kiosk's browser before enrolment: refused.
    const page = kiosk.page;
    const refused = await page.goto(url('/zh-Hant/kiosk'));
    assert.equal(refused.status(), 403);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('zh-Hant', 'This device is not a registered kiosk') }).waitFor());
    await expectKioskOnly(page, 'not a registered kiosk');
    await page.getByRole('link', { name: t('zh-Hant', 'Staff: enrol this device as a kiosk') }).click();
    await page.getByLabel(t('zh-Hant', 'Device key')).fill(deviceKey);
    await page.getByRole('button', { name: t('zh-Hant', 'Enrol') }).click();
    await page.waitForURL(/\/zh-Hant\/kiosk$/);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('zh-Hant', 'Self-service kiosk') }).waitFor());
    await expectKioskOnly(page, 'kiosk start');
    for (const lang of languages) {
      await page.goto(url(`/${lang}/kiosk`));
      await audit(page, `kiosk start (${lang})`);
      await screenshot(page, `kiosk-${lang}`);
    }
    await switchLanguage(page, 'pt');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('pt', 'Self-service kiosk') }).waitFor());
    const start = await page.getByRole('link', { name: t('pt', 'Read your identity card') }).boundingBox();
    assert.ok(start.height >= 44 && start.width >= 44, `the kiosk's touch targets are small: ${JSON.stringify(start)}`);

    // Tracking inside the kiosk.
    await page.getByRole('link', { name: t('pt', 'Track a case') }).click();
    await page.waitForURL(/\/pt\/kiosk\/track$/);
    await expectKioskOnly(page, 'kiosk track');
    await audit(page, 'kiosk track');
    await page.getByRole('button', { name: t('pt', 'Finish and clear') }).click();
    await page.getByRole('link', { name: t('pt', 'Start again') }).click();

    // The card, then the PIN.
    await page.getByRole('link', { name: t('pt', 'Read your identity card') }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('pt', 'Read your identity card') }).waitFor());
    await audit(page, 'kiosk read card');
    await readCard(page, 'pt', applicant, '123');
    await assert.doesNotReject(page.locator('.error-summary').getByText(t('pt', 'The card could not be read. Place it on the reader again.')).waitFor());
    await audit(page, 'kiosk card not read');
    await readCard(page, 'pt', applicant);
    await page.waitForURL(/\/pt\/kiosk\/pin\?reading=/);
    await expectKioskOnly(page, 'kiosk PIN');
    await audit(page, 'kiosk PIN');
    await page.getByLabel(t('pt', 'Kiosk PIN')).fill('730164');
    await page.getByRole('button', { name: t('pt', 'Sign in') }).click();
    const notAccepted = t('pt', 'The card and PIN were not accepted. Read your card again and enter your PIN. After several wrong PINs, kiosk sign-in with this card is paused for a while.');
    await assert.doesNotReject(page.locator('.error-summary').getByText(notAccepted).waitFor());
    await audit(page, 'kiosk card and PIN refused');
    await readCard(page, 'pt', applicant);
    await page.getByLabel(t('pt', 'Kiosk PIN')).fill(kPin);
    await page.getByRole('button', { name: t('pt', 'Sign in') }).click();
    await page.waitForURL(/\/pt\/kiosk\/me$/);
    await assert.doesNotReject(page.getByText(applicant.name).waitFor());
    const row = page.locator('.kiosk-cases li').filter({ hasText: caseNumber });
    await assert.doesNotReject(row.getByText(t('pt', 'state:submitted')).waitFor());
    await expectKioskOnly(page, 'kiosk my cases');
    await audit(page, 'kiosk my cases');

    // The language switch keeps the visit.
    await switchLanguage(page, 'zh-Hans');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('zh-Hans', 'Your cases') }).waitFor());

    // The receipt of the case, to print.
    await page.locator('.kiosk-cases li').filter({ hasText: caseNumber })
      .getByRole('link', { name: new RegExp(t('zh-Hans', 'Print receipt')) }).click();
    await page.waitForURL(/\/zh-Hans\/kiosk\/cases\/[^/]+\/receipt$/);
    const receiptUrl = page.url();
    const receipt = page.locator('.receipt');
    await assert.doesNotReject(receipt.getByText(caseNumber).waitFor());
    await assert.doesNotReject(receipt.getByRole('img', { name: t('zh-Hans', 'QR code to track this case') }).waitFor());
    await expectKioskOnly(page, 'kiosk receipt');
    await audit(page, 'kiosk receipt');

    // Nobody touches the kiosk: it asks first; "more time" brings the person back where they were.
    let since = Date.now();
    await page.waitForURL(/\/zh-Hans\/kiosk\/timeout\?back=/, { timeout: (idleSeconds + 30) * 1000 });
    let waited = (Date.now() - since) / 1000;
    assert.ok(waited >= idleSeconds - warningSeconds - 2, `the warning came after only ${waited} s`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('zh-Hans', 'Do you need more time?') }).waitFor());
    await expectKioskOnly(page, 'kiosk timeout warning');
    await audit(page, 'kiosk timeout warning');
    await page.getByRole('button', { name: t('zh-Hans', 'More time') }).click();
    await page.waitForURL(receiptUrl);
    await assert.doesNotReject(receipt.getByText(caseNumber).waitFor());

    // Again nobody touches it: the warning, then the end.
    await page.waitForURL(/\/kiosk\/timeout\?back=/, { timeout: (idleSeconds + 30) * 1000 });
    since = Date.now();
    await page.waitForURL(/\/kiosk\/end$/, { timeout: (warningSeconds + 30) * 1000 });
    waited = (Date.now() - since) / 1000;
    assert.ok(waited >= warningSeconds - 3, `the kiosk ended the visit ${waited} s after its warning`);
    await assert.doesNotReject(page.getByText(t('zh-Hans', 'Your session has ended and your details have been cleared.')).waitFor());
    await expectKioskOnly(page, 'kiosk session ended');
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
