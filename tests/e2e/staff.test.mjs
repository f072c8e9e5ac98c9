// The clerk at a Jiangmen window takes in a walk-in Macao resident's application for a Macao zone item: identity
// check by document, the item's form, the material checklist with scans, the applicant's consent, then the printable
// receipt with its case number, tracking code and QR code; the tracking code works on the public tracking page; the
// clerk checks the intake and forwards the case to Macao. axe-core runs on every page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { clerk, macaoZoneItem, newApplicant, pdf, url } from './lib/node_under_test.mjs';
import { register, signIn } from './lib/people.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('clerk intake of a walk-in applicant for a Macao zone item, receipt with QR code, forward', async () => {
  const applicant = newApplicant('Walkin');
  const home = await newPerson(browser);
  const window = await newPerson(browser);
  const passerby = await newPerson(browser);
  try {
    await register(home.page, applicant, 'zh-Hant');

    const page = window.page;
    await signIn(page, clerk);
    await page.goto(url('/en/workbench'));
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('en', 'Service point queue') }).waitFor());
    await audit(page, 'clerk queue');
    await page.locator('main').getByRole('link', { name: t('en', 'Take in an application') }).click();
    await page.waitForURL(/\/workbench\/intake$/);
    await audit(page, 'intake: identity check');

    // An unknown document is refused, and says so.
    await page.getByLabel(t('en', 'Identity document'), { exact: true }).selectOption('MO_BIR');
    await page.getByLabel(t('en', 'Identity document number'), { exact: true }).fill('7000000(0)');
    await page.getByLabel(t('en', 'Service code')).fill(macaoZoneItem);
    await page.getByRole('button', { name: t('en', 'Check identity and service') }).click();
    await assert.doesNotReject(
      page.locator('.error-summary').getByText(t('en', 'No registered applicant holds this document.')).waitFor(),
    );
    await audit(page, 'intake: unknown applicant');

    await page.getByLabel(t('en', 'Identity document number'), { exact: true }).fill(applicant.documentNumber);
    await page.getByRole('button', { name: t('en', 'Check identity and service') }).click();
    await assert.doesNotReject(page.locator('.notice').getByText(applicant.name).waitFor());
    await audit(page, 'intake: application form and checklist');

    await page.locator('#f-form-applicant_name').fill(applicant.name);
    await page.locator('select[name="form.id_number.type"]').selectOption(applicant.documentType);
    await page.locator('input[name="form.id_number.number"]').fill(applicant.documentNumber);
    await page.locator('#f-form-phone').fill('+85366001234');
    await page.locator('#f-form-postal_address').fill('澳門新馬路 1 號');
    await page.locator('#f-form-birth_date').fill('1985-11-02');
    await page.locator('#f-form-consent_transfer').check();
    for (const material of ['mo_bir', 'application_form', 'mo_declaration']) {
      await page.locator(`#seen-${material}`).check();
      await page.locator(`#f-material-${material}`).setInputFiles(pdf(`${material}.pdf`, material));
    }
    await page.getByLabel(t('en', 'The applicant agrees that the application is sent to the competent jurisdiction.')).check();
    await page.getByRole('button', { name: t('en', 'Submit and print receipt') }).click();

    await page.waitForURL(/\/en\/cases\/[^/]+\/receipt$/);
    const receipt = page.locator('.receipt');
    await assert.doesNotReject(receipt.getByRole('heading', { level: 1, name: t('en', 'Receipt') }).waitFor());
    const caseNumber = (await receipt.locator('.summary-row').nth(0).locator('dd').textContent()).trim();
    const trackingCode = (await receipt.locator('.summary-row').nth(4).locator('dd').textContent()).trim();
    assert.match(caseNumber, /^JM-\d{4}-\d+$/);
    assert.match(trackingCode, /^[0-9A-Z-]{4,}$/);
    const qr = receipt.getByRole('img', { name: t('en', 'QR code to track this case') });
    await assert.doesNotReject(qr.waitFor());
    const box = await qr.boundingBox();
    assert.ok(box.width >= 100 && box.height >= 100, `the QR code is too small to scan: ${JSON.stringify(box)}`);
    assert.ok((await qr.locator('path').getAttribute('d')).length > 200, 'the QR code has no modules');
    await audit(page, 'receipt');

    // Anyone with the receipt can track the case.
    const track = passerby.page;
    await track.goto(url('/en/track'));
    await track.getByLabel(t('en', 'Case number')).fill(caseNumber);
    await track.getByLabel(t('en', 'Tracking code')).fill(trackingCode);
    await track.getByRole('button', { name: t('en', 'Track'), exact: true }).click();
    await assert.doesNotReject(track.locator('dl.summary').getByText(t('en', 'state:submitted'), { exact: true }).waitFor());
    await audit(track, 'public tracking');

    // Back at the window: check the intake, then forward to the competent jurisdiction.
    await page.getByRole('link', { name: t('en', 'Back to the case') }).click();
    await page.getByLabel(t('en', 'action:check_intake'), { exact: true }).check();
    await page.getByRole('button', { name: t('en', 'Confirm') }).click();
    await assert.doesNotReject(page.locator('dl.summary .tag').getByText(t('en', 'state:intake_checked'), { exact: true }).waitFor());
    await audit(page, 'case for the clerk');
    await page.getByLabel(t('en', 'action:forward'), { exact: true }).check();
    await page.getByLabel(t('en', 'Comment')).fill('Originals seen at the window.');
    await page.getByRole('button', { name: t('en', 'Confirm') }).click();
    await assert.doesNotReject(page.locator('dl.summary .tag').getByText(t('en', 'state:forwarded'), { exact: true }).waitFor());

    await page.goto(url('/en/workbench'));
    const row = page.locator('tr').filter({ has: page.getByRole('link', { name: caseNumber }) });
    await assert.doesNotReject(row.getByText(t('en', 'state:forwarded'), { exact: true }).waitFor());
  } catch (error) {
    await showPages(error, home.page, window.page, passerby.page);
  } finally {
    for (const person of [home, window, passerby]) await person.context.close();
  }
});
