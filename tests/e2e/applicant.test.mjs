// The applicant's journey in a real browser: search from the home page (Traditional Chinese, pinyin initials), apply
// for a Macao item with uploads and consent to the cross-border transfer, and — with a reviewer of the deciding
// authority approving from the authority's queue — see the result in "my cases"; an item that is not offered online
// sends the applicant to a service point instead of to a form. axe-core runs on every page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { localItem, macaoZoneItem, newApplicant, notOnlineItem, pdf, reviewer, url } from './lib/node_under_test.mjs';
import { register, signIn } from './lib/people.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function resultNames(page) {
  return page.locator('ul.results > li > a').allTextContents();
}

test('search in Traditional Chinese and by pinyin initials from the home page', async () => {
  const { context, page } = await newPerson(browser);
  try {
    await page.goto(url('/zh-Hant'));
    await audit(page, 'home');
    await page.getByLabel(t('zh-Hant', 'Search for a service')).fill('身份證');
    await page.getByRole('button', { name: t('zh-Hant', 'Search'), exact: true }).click();
    await page.waitForURL(/q=/);
    const traditional = await resultNames(page);
    assert.ok(traditional.length > 0, 'no results for 身份證');
    assert.ok(
      traditional.slice(0, 3).every((name) => name.includes('身份證') || name.includes('身分證')),
      `the first results of 身份證 are not identity card items: ${traditional.slice(0, 5)}`,
    );
    await audit(page, 'search results');

    await page.goto(url('/zh-Hans'));
    await page.getByLabel(t('zh-Hans', 'Search for a service')).fill('sfz');
    await page.getByRole('button', { name: t('zh-Hans', 'Search'), exact: true }).click();
    await page.waitForURL(/q=sfz/);
    const pinyin = await resultNames(page);
    assert.ok(pinyin.length > 0, 'no results for sfz');
    assert.ok(pinyin.some((name) => name.includes('身份证')), `sfz found no 身份证 item: ${pinyin.slice(0, 5)}`);
    assert.equal(await page.getByLabel(t('zh-Hans', 'Search for a service')).inputValue(), 'sfz');

    // A result leads to the item guide.
    await page.locator('ul.results > li > a').first().click();
    await assert.doesNotReject(page.locator('h1').filter({ hasText: '身份证' }).waitFor());
    await audit(page, 'item guide');
  } catch (error) {
    await showPages(error, page);
  } finally {
    await context.close();
  }
});

test('an item not offered online sends the applicant to a service point, never to a form', async () => {
  const { context, page } = await newPerson(browser);
  try {
    await page.goto(url(`/pt/items/${notOnlineItem}`));
    await audit(page, 'item guide (not online)');
    assert.equal(await page.getByRole('link', { name: t('pt', 'Apply online'), exact: true }).count(), 0);
    await page.getByRole('link', { name: t('pt', 'Go to a service point'), exact: true }).click();
    await page.waitForURL(/#where-to-go$/);
    const points = page.locator('li.guide-point');
    assert.ok((await points.count()) > 0, 'no service point listed');
    // This node is Jiangmen's: its own points come first, each with opening hours and a telephone link.
    const first = points.first();
    assert.ok(!(await first.locator('strong.tag').count()), 'the first point listed is not one of this node');
    assert.ok((await first.locator('a[href^="tel:+86750"]').count()) === 1, 'the first point has no Jiangmen phone');
    assert.ok(await first.locator('a[href*="openstreetmap.org"]').isVisible());

    // The form's address typed by hand answers with a page that points to the same list, not with a form.
    const answer = await page.goto(url(`/pt/items/${notOnlineItem}/apply`));
    assert.equal(answer.status(), 200);
    assert.equal(await page.locator('form[method="post"] input[type="file"]').count(), 0);
    await assert.doesNotReject(page.locator('h1').filter({ hasText: t('pt', 'This service is not offered online') }).waitFor());
    await audit(page, 'not offered online');
    await page.getByRole('link', { name: t('pt', 'Go to a service point'), exact: true }).click();
    await page.waitForURL(new RegExp(`/items/${notOnlineItem}#where-to-go$`));
  } catch (error) {
    await showPages(error, page);
  } finally {
    await context.close();
  }
});

async function fillCommonFields(page, applicant) {
  await page.locator('#f-form-applicant_name').fill(applicant.name);
  await page.locator('select[name="form.id_number.type"]').selectOption(applicant.documentType);
  await page.locator('input[name="form.id_number.number"]').fill(applicant.documentNumber);
  await page.locator('#f-form-phone').fill('+85361234567');
}

test('apply for a Macao item with uploads, consent to the cross-border transfer, submit', async () => {
  const applicant = newApplicant('Applicant');
  const { context, page } = await newPerson(browser);
  try {
    await register(page, applicant);
    await signIn(page, applicant);
    await page.goto(url(`/en/items/${macaoZoneItem}`));
    await assert.doesNotReject(page.locator('.notice').filter({ hasText: 'matter in' }).first().waitFor());
    await audit(page, 'item guide');
    await page.getByRole('link', { name: t('en', 'Apply online') }).click();
    await page.waitForURL(new RegExp(`/items/${macaoZoneItem}/apply$`));
    await audit(page, 'apply form');

    // Sent empty first: every missing answer is named in the summary and next to its field.
    await page.getByRole('button', { name: t('en', 'Continue') }).click();
    await assert.doesNotReject(page.locator('.error-summary').waitFor());
    assert.ok((await page.locator('.error-summary li').count()) >= 5, 'the error summary lists too few problems');
    assert.ok((await page.locator('.field-error .error-message').count()) >= 5, 'errors are not next to fields');
    await audit(page, 'apply form with errors');

    await fillCommonFields(page, applicant);
    await page.locator('#f-form-postal_address').fill('江門市蓬江區建設路 1 號');
    await page.locator('#f-form-birth_date').fill('1990-05-17');
    await page.locator('#f-material-mo_bir').setInputFiles(pdf('bir.pdf', 'Macao identity card'));
    await page.locator('#f-material-application_form').setInputFiles(pdf('form.pdf', 'application form'));
    await page.locator('#f-material-mo_declaration').setInputFiles(pdf('declaration.pdf', 'declaration'));
    await page.getByRole('button', { name: t('en', 'Continue') }).click();

    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: t('en', 'Check your answers') }).waitFor());
    assert.equal(await page.locator('dl.summary dd').filter({ hasText: t('en', 'Uploaded') }).count(), 3);
    await assert.doesNotReject(page.locator('dl.summary').getByText(applicant.name).waitFor());
    await audit(page, 'check your answers');

    // Submitting without consent is refused and says why, next to the checkbox.
    await page.getByRole('button', { name: t('en', 'Submit application') }).click();
    await assert.doesNotReject(page.locator('.error-summary').getByText(t('en', 'Agree to the transfer to continue.')).waitFor());
    await audit(page, 'check your answers without consent');

    await page.getByLabel(t('en', 'I agree that my application is sent to the competent jurisdiction.')).check();
    await page.getByRole('button', { name: t('en', 'Submit application') }).click();
    await page.waitForURL(/\/en\/cases\/[^/?]+\?submitted=1$/);
    await assert.doesNotReject(page.getByRole('status').getByText(t('en', 'Application submitted')).waitFor());
    const caseNumber = (await page.locator('[role=status] strong').textContent()).trim();
    assert.match(caseNumber, /^JM-\d{4}-\d+$/);
    await assert.doesNotReject(page.locator('.tag').getByText(t('en', 'state:submitted'), { exact: true }).first().waitFor());
    assert.equal(await page.locator('main h2 + ul > li').count(), 3, 'the case does not list the 3 uploaded documents');
    await audit(page, 'case after submission');

    await page.getByRole('link', { name: t('en', 'Your cases') }).click();
    await assert.doesNotReject(page.getByRole('link', { name: caseNumber }).waitFor());
    await audit(page, 'my cases');
  } catch (error) {
    await showPages(error, page);
  } finally {
    await context.close();
  }
});

test('reviewer approves from the authority queue; the applicant sees the result in my cases', async () => {
  const applicant = newApplicant('Approved');
  const person = await newPerson(browser);
  const officer = await newPerson(browser);
  try {
    const { page } = person;
    await register(page, applicant);
    await signIn(page, applicant);
    await page.goto(url(`/en/items/${localItem}/apply`));
    await fillCommonFields(page, applicant);
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
    await assert.doesNotReject(desk.getByRole('heading', { level: 1, name: t('en', 'Authority queue') }).waitFor());
    await audit(desk, 'reviewer queue');
    await desk.getByRole('link', { name: caseNumber }).click();
    await audit(desk, 'case for the reviewer');
    await desk.getByLabel(t('en', 'action:accept'), { exact: true }).check();
    await desk.getByLabel(t('en', 'Comment')).fill('Materials complete.');
    await desk.getByRole('button', { name: t('en', 'Confirm') }).click();
    await assert.doesNotReject(desk.locator('dl.summary .tag').getByText(t('en', 'state:accepted'), { exact: true }).waitFor());
    await desk.getByLabel(t('en', 'Note on the decision')).fill('Certificate printed.');
    await desk.getByRole('button', { name: t('en', 'Approve the application') }).click();
    await assert.doesNotReject(desk.locator('dl.summary .tag').getByText(t('en', 'state:approved'), { exact: true }).waitFor());
    await audit(desk, 'case approved (reviewer)');

    await page.goto(url('/en/cases'));
    const row = page.locator('tr').filter({ has: page.getByRole('link', { name: caseNumber }) });
    await assert.doesNotReject(row.getByText(t('en', 'state:approved'), { exact: true }).waitFor());
    await audit(page, 'my cases with a decision');
    await row.getByRole('link', { name: caseNumber }).click();
    await assert.doesNotReject(page.locator('ol.timeline').getByText('Certificate printed.').waitFor());
    await audit(page, 'case approved (applicant)');
  } catch (error) {
    await showPages(error, person.page, officer.page);
  } finally {
    await person.context.close();
    await officer.context.close();
  }
});
