// The language switch (zh-Hans, zh-Hant, pt, en) changes the page's text and language and persists across pages
// (cookie); without a choice the browser's Accept-Language decides. And with JavaScript disabled, forms still work:
// register, sign in, search, track.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { languages, newApplicant, url } from './lib/node_under_test.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function heading(page) {
  return (await page.locator('h1').first().textContent()).trim();
}

test('language switch changes the page text and persists', async () => {
  const { context, page } = await newPerson(browser, { locale: 'en-GB' });
  try {
    await page.goto(url('/'));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const seen = new Set();
    for (const lang of ['zh-Hant', 'pt', 'zh-Hans', 'en']) {
      await page.getByRole('navigation', { name: t(await page.evaluate(() => document.documentElement.lang), 'Language') })
        .locator(`a[hreflang="${lang}"]`).click();
      await page.waitForURL(new RegExp(`/${lang}/?$`));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await heading(page), t(lang, 'Find a government service'));
      assert.equal(await page.getByLabel(t(lang, 'Search for a service')).count(), 1);
      seen.add(await heading(page));
      // The choice persists: a page reached without a language in its address is in the chosen language.
      await page.goto(url('/track'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await heading(page), t(lang, 'Track a case'));
      await page.goto(url('/'));
    }
    assert.equal(seen.size, 4, 'the four languages do not all differ');
    // Links inside a page keep its language.
    await page.goto(url('/zh-Hant/track'));
    await page.getByRole('link', { name: t('zh-Hant', 'Sign in'), exact: true }).click();
    await page.waitForURL(/\/zh-Hant\/sign-in/);
    assert.equal(await heading(page), t('zh-Hant', 'Sign in'));
  } catch (error) {
    await showPages(error, page);
  } finally {
    await context.close();
  }
  for (const [locale, lang] of [['pt-PT', 'pt'], ['zh-TW', 'zh-Hant'], ['zh-CN', 'zh-Hans']]) {
    const person = await newPerson(browser, { locale });
    try {
      await person.page.goto(url('/'));
      assert.equal(await person.page.evaluate(() => document.documentElement.lang), lang, `Accept-Language ${locale}`);
      assert.equal(await heading(person.page), t(lang, 'Find a government service'));
    } catch (error) {
      await showPages(error, person.page);
    } finally {
      await person.context.close();
    }
  }
});

test('forms work with JavaScript disabled: register, sign in, search, track', async () => {
  const applicant = newApplicant('NoScript');
  const { context, page } = await newPerson(browser, { javaScriptEnabled: false });
  try {
    await page.goto(url('/pt/register'));
    await page.locator('#f-display_name').fill(applicant.name);
    await page.locator('#f-login').fill(applicant.login);
    await page.locator('#f-password').fill(applicant.password);
    await page.locator('select[name="id_document.type"]').selectOption(applicant.documentType);
    await page.locator('[name="id_document.number"]').fill(applicant.documentNumber);
    await page.getByRole('button', { name: t('pt', 'Create an account') }).click();
    await page.waitForURL(/\/pt\/sign-in\?registered=1$/);
    await assert.doesNotReject(page.getByText(t('pt', 'Your account has been created. Sign in.')).waitFor());

    await page.locator('#login').fill(applicant.login);
    await page.locator('#password').fill('not the password');
    await page.getByRole('button', { name: t('pt', 'Sign in') }).click();
    await assert.doesNotReject(page.locator('.error-summary').getByText(t('pt', 'The login name or password is not right.')).waitFor());
    await page.locator('#password').fill(applicant.password);
    await page.getByRole('button', { name: t('pt', 'Sign in') }).click();
    await page.waitForURL(/\/pt\/cases$/);
    await assert.doesNotReject(page.getByText(t('pt', 'You have no cases yet.')).waitFor());

    await page.goto(url('/pt'));
    await page.getByLabel(t('pt', 'Search for a service')).fill('certidao');
    await page.getByRole('button', { name: t('pt', 'Search'), exact: true }).click();
    await page.waitForURL(/q=certidao/);
    assert.ok((await page.locator('ul.results > li').count()) > 0, 'no results for certidao without JavaScript');

    await page.goto(url('/pt/track'));
    await page.getByLabel(t('pt', 'Case number')).fill('JM-2026-999999');
    await page.getByLabel(t('pt', 'Tracking code')).fill('ABCDEFGH');
    await page.getByRole('button', { name: t('pt', 'Track'), exact: true }).click();
    await assert.doesNotReject(page.locator('.error-summary').getByText(t('pt', 'No case matches this number and tracking code.')).waitFor());
  } catch (error) {
    await showPages(error, page);
  } finally {
    await context.close();
  }
});
