// The clerk at a Jiangmen window takes in a walk-in Macao resident's application for a Macao zone item: identity
// check by document, the item found by search (the checked identity carried along, read-only), the item's form —
// where Enter in a field only leads to the check page — the material checklist with scans, the consent read to
// the applicant, then the printable receipt with its deciding authority, documents, fee, dates, contact, absolute
// tracking link and QR code; the tracking link works for anyone; the clerk checks the intake and forwards the case
// to Macao. A reviewer decides a Jiangmen case from its documents, which open in the browser. axe-core runs on every
// page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { clerk, localItem, macaoZoneItem, newApplicant, pdf, reviewer, url } from './lib/node_under_test.mjs';
import { register, signIn } from './lib/people.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('clerk intake from item search to the receipt with QR code and tracking link, then forward', async () => {
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
    await page.getByRole('button', { name: t('en', 'Check identity') }).click();
    await assert.doesNotReject(
      page.locator('.error-summary').getByText(t('en', 'No registered applicant holds this document.')).waitFor(),
    );
    await audit(page, 'intake: unknown applicant');

    await page.getByLabel(t('en', 'Identity document number'), { exact: true }).fill(applicant.documentNumber);
    await page.getByRole('button', { name: t('en', 'Check identity') }).click();
    await page.waitForURL(/\/workbench\/intake\/items\?who=/);
    await assert.doesNotReject(page.locator('.notice').getByText(applicant.name).waitFor());

    // The service by search, not by its code.
    await page.getByLabel(t('en', 'Search for a service')).fill('identity card renewal');
    await page.getByRole('button', { name: t('en', 'Search'), exact: true }).click();
    await page.waitForURL(/q=/);
    await audit(page, 'intake: service search');
    await page.locator(`ul.results a[href*="/workbench/intake/items/${macaoZoneItem}?"]`).click();
    await page.waitForURL(new RegExp(`/workbench/intake/items/${macaoZoneItem}\\?who=`));
    const panel = page.locator('.applicant-panel');
    await assert.doesNotReject(panel.getByText(applicant.name).waitFor());
    assert.ok((await panel.textContent()).includes(applicant.documentNumber.replace(/[()]/g, '').slice(-4)));
    assert.equal(await page.locator('input[name="form.id_number.number"]').count(), 0, 'the identity is typed again');
    await audit(page, 'intake: application form and checklist');

    await page.locator('#f-form-applicant_name').fill(applicant.name);
    await page.locator('#f-form-postal_address').fill('澳門新馬路 1 號');
    await page.locator('#f-form-birth_date').fill('1985-11-02');
    await page.locator('#f-form-consent_transfer').check();
    for (const material of ['mo_bir', 'application_form', 'mo_declaration']) {
      await page.locator(`#seen-${material}`).check();
      await page.locator(`#f-material-${material}`).setInputFiles(pdf(`${material}.pdf`, material));
    }
    // Enter in the last text field: the check page, not a case.
    await page.locator('#f-form-phone').fill('+85366001234');
    await page.locator('#f-form-phone').press('Enter');
    await assert.doesNotReject(
      page.getByRole('heading', { level: 1, name: t('en', 'Check the answers with the applicant') }).waitFor(),
    );
    assert.doesNotMatch(page.url(), /receipt/);
    await audit(page, 'intake: check the answers');

    // The consent is recorded by the clerk, in the third person; without it nothing is submitted.
    await page.getByRole('button', { name: t('en', 'Submit and print receipt') }).click();
    await assert.doesNotReject(
      page.locator('.error-summary').getByText(t('en', "Record the applicant's agreement to the transfer to continue.")).waitFor(),
    );
    await page.getByLabel(t('en', 'I have read the consent text to the applicant and they agree that the application is sent to the competent jurisdiction.')).check();
    await page.getByRole('button', { name: t('en', 'Submit and print receipt') }).click();

    await page.waitForURL(/\/en\/cases\/[^/]+\/receipt$/);
    const receipt = page.locator('.receipt');
    await assert.doesNotReject(receipt.getByRole('heading', { level: 1, name: t('en', 'Receipt') }).waitFor());
    const caseNumber = (await receipt.locator('.summary-row').nth(0).locator('dd').textContent()).trim();
    const trackingCode = (await receipt.locator('.summary-row').nth(4).locator('dd').textContent()).trim();
    assert.match(caseNumber, /^JM-\d{4}-\d+$/);
    assert.match(trackingCode, /^[0-9A-Z-]{4,}$/);
    const row = (label) => receipt.locator('.summary-row').filter({ has: page.getByText(t('en', label), { exact: true }) });
    for (const label of ['Deciding authority', 'Taken in at', 'Clerk', 'Fee', 'Promised by', 'Legal deadline', 'Enquiries'])
      assert.ok((await row(label).locator('dd').textContent()).trim().length > 0, `the receipt has no ${label}`);
    assert.match(await row('Fee').locator('dd').textContent(), /MOP 120\.00/);
    assert.equal(await receipt.locator('.receipt-documents tbody tr').count(), 3);
    const trackingUrl = await receipt.locator('a.tracking-url').getAttribute('href');
    assert.match(trackingUrl, new RegExp(`^https?://[^/]+/track\\?case=${caseNumber}&code=${trackingCode}$`));
    const qr = receipt.getByRole('img', { name: t('en', 'QR code to track this case') });
    await assert.doesNotReject(qr.waitFor());
    const box = await qr.boundingBox();
    assert.ok(box.width >= 100 && box.height >= 100, `the QR code is too small to scan: ${JSON.stringify(box)}`);
    assert.ok((await qr.locator('path').getAttribute('d')).length > 200, 'the QR code has no modules');
    await audit(page, 'receipt');
    // Printed: no navigation, the link spelled out.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.header').isVisible(), false);
    assert.equal(await page.locator('a.tracking-url').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });

    // Anyone with the receipt can track the case: the printed link, or the form.
    const track = passerby.page;
    await track.goto(trackingUrl);
    await assert.doesNotReject(track.locator('dl.summary').getByText(t('en', 'state:submitted'), { exact: true }).waitFor());
    await track.goto(url('/en/track'));
    await track.getByLabel(t('en', 'Case number')).fill(caseNumber);
    await track.getByLabel(t('en', 'Tracking code')).fill(trackingCode);
    await track.getByRole('button', { name: t('en', 'Track'), exact: true }).click();
    await assert.doesNotReject(track.locator('dl.summary').getByText(t('en', 'state:submitted'), { exact: true }).waitFor());
    await audit(track, 'public tracking');

    // Back at the window: check the intake, then forward to the competent jurisdiction.
    await page.getByRole('link', { name: t('en', 'Back to the case') }).click();
    await page.waitForURL(/\/en\/workbench\/cases\//);
    await page.getByLabel(t('en', 'action:check_intake'), { exact: true }).check();
    await page.getByRole('button', { name: t('en', 'Confirm') }).click();
    await assert.doesNotReject(page.locator('dl.summary .tag').getByText(t('en', 'state:intake_checked'), { exact: true }).waitFor());
    await audit(page, 'case for the clerk');
    await page.getByLabel(t('en', 'action:forward'), { exact: true }).check();
    await page.getByLabel(t('en', 'Comment')).fill('Originals seen at the window.');
    await page.getByRole('button', { name: t('en', 'Confirm') }).click();
    await assert.doesNotReject(page.locator('dl.summary .tag').getByText(t('en', 'state:forwarded'), { exact: true }).waitFor());

    await page.goto(url('/en/workbench'));
    const queued = page.locator('tr').filter({ has: page.getByRole('link', { name: caseNumber }) });
    await assert.doesNotReject(queued.getByText(t('en', 'state:forwarded'), { exact: true }).waitFor());
  } catch (error) {
    await showPages(error, home.page, window.page, passerby.page);
  } finally {
    for (const person of [home, window, passerby]) await person.context.close();
  }
});

test('reviewer decides from the documents, which open in the browser; the queue fits a phone', async () => {
  const applicant = newApplicant('Decided');
  const person = await newPerson(browser);
  const officer = await newPerson(browser);
  try {
    const { page } = person;
    await register(page, applicant);
    await signIn(page, applicant);
    await page.goto(url(`/en/items/${localItem}/apply`));
    await page.locator('#f-form-applicant_name').fill(applicant.name);
    await page.locator('select[name="form.id_number.type"]').selectOption(applicant.documentType);
    await page.locator('input[name="form.id_number.number"]').fill(applicant.documentNumber);
    await page.locator('#f-form-phone').fill('+85361234567');
    await page.locator('#f-material-id_card').setInputFiles(pdf('id.pdf', 'identity card'));
    await page.locator('#f-material-bank_card').setInputFiles(pdf('bank.pdf', 'bank card'));
    await page.getByRole('button', { name: t('en', 'Continue') }).click();
    await page.locator('#consent').check();  // the consent is asked once, on the check page
    await page.getByRole('button', { name: t('en', 'Submit application') }).click();
    await page.waitForURL(/\/cases\/[^/?]+\?submitted=1$/);
    const caseNumber = (await page.locator('[role=status] strong').textContent()).trim();

    const desk = officer.page;
    await signIn(desk, reviewer);
    await desk.goto(url('/en/workbench'));
    const queued = desk.locator('tr').filter({ has: desk.getByRole('link', { name: caseNumber }) });
    for (const column of ['Applicant', 'Received', 'Due'])
      await assert.doesNotReject(desk.getByRole('columnheader', { name: t('en', column) }).waitFor());
    await assert.doesNotReject(queued.getByText(applicant.name).waitFor());
    await queued.getByRole('link', { name: caseNumber }).click();
    await desk.waitForURL(/\/en\/workbench\/cases\//);
    await assert.doesNotReject(desk.locator('dl.applicant').getByText(applicant.name).waitFor());
    await assert.doesNotReject(desk.locator('dl.answers').getByText(applicant.name).waitFor());
    assert.equal(await desk.getByText(applicant.documentNumber).count(), 0, 'the full document number is shown');
    await audit(desk, 'case for the reviewer');

    // Each document opens inline, as the PDF it is, for the reviewer — and for nobody else.
    const links = desk.locator('a.document-link');
    assert.equal(await links.count(), 2);
    const href = new URL(await links.first().getAttribute('href'), desk.url()).toString();
    const opened = await officer.context.request.get(href);
    assert.equal(opened.status(), 200);
    assert.equal(opened.headers()['content-type'], 'application/pdf');
    assert.match(opened.headers()['content-disposition'], /^inline/);
    assert.equal(opened.headers()['x-content-type-options'], 'nosniff');
    assert.match(opened.headers()['content-security-policy'], /default-src 'none'/);
    assert.match((await opened.body()).toString('latin1'), /^%PDF-1\.4/);
    const refused = await person.context.request.get(href, { maxRedirects: 0 });
    assert.equal(refused.status(), 403, 'the applicant opened a staff document link');

    await desk.getByLabel(t('en', 'action:accept'), { exact: true }).check();
    await desk.getByLabel(t('en', 'Comment')).fill('Materials complete.');
    await desk.getByRole('button', { name: t('en', 'Confirm') }).click();
    await assert.doesNotReject(desk.locator('dl.summary .tag').getByText(t('en', 'state:accepted'), { exact: true }).waitFor());
    // On a phone the queue's rows stack, the accepted case with its due dates and tags too: no cell is squeezed
    // to a letter per line, nothing is wider than the screen.
    await desk.goto(url('/en/workbench'));
    await desk.setViewportSize({ width: 360, height: 740 });
    const { height } = await queued.locator('td').nth(3).boundingBox();  // the state: its label and one short line
    assert.ok(height < 100, `a queue cell is ${height}px high on a phone`);
    assert.ok(
      await queued.evaluate((tr) => tr.closest('table').scrollWidth <= tr.closest('table').parentElement.clientWidth),
      'the queue is wider than the phone',
    );
    await audit(desk, 'reviewer queue on a phone');
    await desk.setViewportSize({ width: 1280, height: 800 });

    await queued.getByRole('link', { name: caseNumber }).click();
    await desk.waitForURL(/\/en\/workbench\/cases\//);
    // A rejection needs its reason.
    await desk.getByRole('button', { name: t('en', 'Reject the application') }).click();
    await assert.doesNotReject(desk.locator('.error-summary').getByText(t('en', 'Give the reason for the rejection.')).waitFor());
    await desk.getByLabel(t('en', 'Note on the decision')).fill('Certificate printed.');
    await desk.getByRole('button', { name: t('en', 'Approve the application') }).click();
    await assert.doesNotReject(desk.locator('dl.summary .tag').getByText(t('en', 'state:approved'), { exact: true }).waitFor());
    await audit(desk, 'case approved (reviewer)');

    await page.goto(url('/en/cases'));
    const row = page.locator('tr').filter({ has: page.getByRole('link', { name: caseNumber }) });
    await assert.doesNotReject(row.getByText(t('en', 'state:approved'), { exact: true }).waitFor());
  } catch (error) {
    await showPages(error, person.page, officer.page);
  } finally {
    await person.context.close();
    await officer.context.close();
  }
});
