// axe-core on every page in each of the four languages: public pages, the applicant's pages, the clerk's and the
// reviewer's, the kiosk screens a browser that is not a kiosk sees (kiosk.test.mjs audits the enrolled kiosk's) and the
// error pages. 0 serious or critical violations; one line per page with the
// counts by impact. With TONGBAN_SCREENSHOTS=1 it also writes the docs' screenshots (docs/screenshots/*.png).
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { openLocalCase, registerApplicant, sessionToken, signInContext } from './lib/api.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { clerk, languages, localItem, macaoZoneItem, newApplicant, reviewer, url } from './lib/node_under_test.mjs';
import { screenshot } from './lib/people.mjs';

let browser;
let scene;
before(async () => {
  browser = await launchBrowser();
  const applicant = newApplicant('Axe');
  await registerApplicant(applicant);
  const applicantToken = await sessionToken(applicant);
  scene = {
    applicant,
    applicantToken,
    caseId: await openLocalCase(applicantToken, applicant),
    clerkToken: await sessionToken(clerk),
    reviewerToken: await sessionToken(reviewer),
  };
});
after(async () => {
  await browser?.close();
});

// [label, path, screenshot name or null]
const publicPages = [
  ['home', '/', null],
  ['search results', '/?q=sfz', 'home'],
  ['browse by zone', '/?zone=ZONE-MO-IN-JM', null],
  ['item guide', `/items/${macaoZoneItem}`, 'item'],
  ['register', '/register', null],
  ['sign in', '/sign-in', null],
  ['track', '/track', null],
  ['track: no such case', '/track?case=JM-2026-999999&code=AAAAAAAA', null],
  ['no such item', '/items/NO-SUCH-ITEM', null],
  ['privacy notice', '/privacy', null],
  ['accessibility statement', '/accessibility', null],
  ['contact', '/contact', null],
  ['notices', '/notices', null],
  ['notice subscriptions (signed out)', '/notices/subscriptions', null],
  ['region figures', '/region', 'region'],
  ['problem type', '/problems/validation-failed', null],
  ['kiosk: not a registered kiosk', '/kiosk', null],
  ['kiosk enrol', '/kiosk/enrol', null],
];

async function sweep(lang, token, pages) {
  const { context, page } = await newPerson(browser);
  try {
    if (token) await signInContext(context, token);
    for (const [label, path, shot] of pages) {
      await page.goto(url(`/${lang}${path === '/' ? '' : path}`));
      await audit(page, label);
      if (shot) {
        // The figures pages are shot whole: their charts are below the first screen.
        const whole = shot === 'statistics' || shot === 'region';
        await screenshot(page, `${shot}-${lang}`, whole);
        // The same page at a phone's width (iPhone SE class: 375 CSS pixels).
        const wide = page.viewportSize();
        await page.setViewportSize({ width: 375, height: 812 });
        await screenshot(page, `${shot}-${lang}-phone`, whole);
        await page.setViewportSize(wide);
      }
    }
  } catch (error) {
    await showPages(error, page);
  } finally {
    await context.close();
  }
}

for (const lang of languages) {
  test(`axe: public pages and kiosk (${lang})`, async () => {
    await sweep(lang, null, publicPages);
  });
  test(`axe: applicant pages (${lang})`, async () => {
    await sweep(lang, scene.applicantToken, [
      ['apply form', `/items/${localItem}/apply`, null],
      ['my cases', '/cases', null],
      ['case (applicant)', `/cases/${scene.caseId}`, 'case'],
      ['receipt (applicant)', `/cases/${scene.caseId}/receipt`, null],
      ['page of a staff role', '/workbench', null],
      ['notice subscriptions', '/notices/subscriptions', null],
    ]);
  });
  test(`axe: clerk and reviewer pages (${lang})`, async () => {
    await sweep(lang, scene.clerkToken, [
      ['clerk queue', '/workbench', null],
      ['intake', '/workbench/intake', null],
    ]);
    await sweep(lang, scene.reviewerToken, [
      ['reviewer queue', '/workbench', 'workbench'],
      ['case (reviewer)', `/cases/${scene.caseId}`, null],
      ['statistics', '/staff/statistics?by=item', 'statistics'],
      ['notice desk', '/staff/notices', null],
    ]);
  });
}
