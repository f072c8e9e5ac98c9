// Video help at a kiosk (issue 11 §3, docs/video-help.md), in Chromium with fake media devices: a resident signed in
// at a kiosk presses "Call a clerk"; a clerk in a second browser context sees the call in the queue and joins; both
// pages get live video from the other side (a remote video track that is live and frames with a width); the
// applicant opens an application form, the clerk sees it mirrored and fills a field that appears on the kiosk's
// screen; the clerk ends the call, and the session record's SHA-256 is recorded on the resident's case, where the
// resident sees who helped and the hash. A browser without script gets the page and is told the video needs it.
// run.sh registers the kiosk this flow enrols ($TONGBAN_E2E_VIDEO_KIOSK_KEY).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './lib/axe.mjs';
import { launchBrowser, newPerson, showPages } from './lib/browser.mjs';
import { t } from './lib/messages.mjs';
import { clerk, localItem, newApplicant, pdf, url } from './lib/node_under_test.mjs';
import { register, screenshot, signIn } from './lib/people.mjs';

const deviceKey = process.env.TONGBAN_E2E_VIDEO_KIOSK_KEY;
const kPin = '480259';
// Chromium's own fake camera (a moving test pattern) and microphone (a beep), granted without asking.
const kFakeMedia = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

let browser;
before(async () => {
  assert.ok(deviceKey, 'run the suite through tests/e2e/run.sh: it registers the video-help kiosk');
  browser = await launchBrowser(kFakeMedia);
});
after(async () => {
  await browser?.close();
});

async function applyAtHome(page, applicant) {
  await page.goto(url(`/en/items/${localItem}/apply`));
  await page.locator('#f-form-applicant_name').fill(applicant.name);
  await page.locator('select[name="form.id_number.type"]').selectOption(applicant.documentType);
  await page.locator('input[name="form.id_number.number"]').fill(applicant.documentNumber);
  await page.locator('#f-form-phone').fill('+85361230000');
  await page.locator('#f-material-id_card').setInputFiles(pdf('id.pdf'));
  await page.locator('#f-material-bank_card').setInputFiles(pdf('bank.pdf'));
  await page.getByRole('button', { name: t('en', 'Continue') }).click();
  await page.locator('#consent').check();
  await page.getByRole('button', { name: t('en', 'Submit application') }).click();
  await page.waitForURL(/\?submitted=1$/);
  return (await page.locator('[role=status] strong').textContent()).trim();
}

// The page's remote video plays the other side's camera: a live track and decoded frames with a size.
async function expectRemoteVideo(page, label) {
  await page
    .waitForFunction(() => {
      const video = document.getElementById('remote-video');
      const track = video && video.srcObject && video.srcObject.getVideoTracks()[0];
      return track && track.readyState === 'live' && video.videoWidth > 0 && video.videoHeight > 0;
    }, null, { timeout: 30_000 })
    .catch((error) => {
      throw new Error(`${label}: no live remote video (${error.message})`);
    });
}

test('video help: call a clerk at the kiosk, video both ways, the clerk fills the form, the record on the case', { timeout: 240_000 }, async () => {
  const applicant = newApplicant('Video');
  const home = await newPerson(browser);
  const kiosk = await newPerson(browser);
  const desk = await newPerson(browser);
  try {
    // At home: an account, a case and a kiosk PIN.
    await register(home.page, applicant);
    await signIn(home.page, applicant);
    const caseNumber = await applyAtHome(home.page, applicant);
    await home.page.goto(url('/en/account/kiosk-pin'));
    await home.page.getByLabel(t('en', 'Your account password')).fill(applicant.password);
    await home.page.getByLabel(t('en', 'New kiosk PIN'), { exact: true }).fill(kPin);
    await home.page.getByLabel(t('en', 'New kiosk PIN again')).fill(kPin);
    await home.page.getByRole('button', { name: t('en', 'Save the PIN') }).click();
    await assert.doesNotReject(home.page.getByText(t('en', 'Your kiosk PIN has been saved.')).waitFor());

    // The kiosk: enrolled, card and PIN, then "Call a clerk".
    const k = kiosk.page;
    await k.goto(url('/en/kiosk/enrol'));
    await k.getByLabel(t('en', 'Device key')).fill(deviceKey);
    await k.getByRole('button', { name: t('en', 'Enrol') }).click();
    await k.waitForURL(/\/en\/kiosk$/);
    await k.getByRole('link', { name: t('en', 'Read your identity card') }).click();
    await k.getByLabel(t('en', 'Identity document'), { exact: true }).selectOption(applicant.documentType);
    await k.getByLabel(t('en', 'Identity document number'), { exact: true }).fill(applicant.documentNumber);
    await k.getByRole('button', { name: t('en', 'Read card') }).click();
    await k.getByLabel(t('en', 'Kiosk PIN')).fill(kPin);
    await k.getByRole('button', { name: t('en', 'Sign in') }).click();
    await k.waitForURL(/\/en\/kiosk\/me$/);
    await k.getByRole('button', { name: t('en', 'Call a clerk') }).click();
    await k.waitForURL(/\/en\/kiosk\/help\/VH-[0-9a-f]+$/);
    const callId = new URL(k.url()).pathname.split('/').pop();
    await assert.doesNotReject(k.getByRole('heading', { level: 1, name: t('en', 'Video help') }).waitFor());
    await assert.doesNotReject(k.getByRole('status').getByText(t('en', 'Waiting for a clerk. Please stay at the kiosk.')).waitFor());
    // The applicant opens the form of the service they came for.
    await k.getByLabel(t('en', 'Service')).selectOption(localItem);
    await k.getByRole('button', { name: t('en', 'Show the form') }).click();
    await k.waitForURL(new RegExp(`/kiosk/help/${callId}\\?item=${localItem}$`));
    await k.locator('#f-form-applicant_name').fill(applicant.name);
    await audit(k, 'kiosk video help (waiting)');

    // The clerk: the queue lists the call; joining opens the call page.
    const c = desk.page;
    await signIn(c, clerk);
    await c.goto(url('/en/staff/video-help'));
    await assert.doesNotReject(c.getByRole('heading', { level: 1, name: t('en', 'Video help') }).waitFor());
    const row = c.locator('tr', { hasText: callId });
    await audit(c, 'clerk video-help queue');
    await row.getByRole('button', { name: new RegExp(t('en', 'Join')) }).click();
    await c.waitForURL(new RegExp(`/staff/video-help/${callId}$`));

    // Video both ways.
    await expectRemoteVideo(c, 'clerk');
    await expectRemoteVideo(k, 'kiosk');
    await assert.doesNotReject(k.getByRole('status').getByText(t('en', 'You are talking with a clerk.')).waitFor());
    await assert.doesNotReject(c.getByRole('status').getByText(t('en', 'You are talking with the applicant.')).waitFor());

    // The clerk sees the applicant's form as they filled it, and fills the phone number with them.
    const mirroredName = c.locator('#mirror-form [data-name="form.applicant_name"]');
    await assert.doesNotReject(mirroredName.waitFor());
    await c.waitForFunction((name) => document.querySelector('#mirror-form [data-name="form.applicant_name"]').value === name, applicant.name);
    await c.locator('#mirror-form [data-name="form.phone"]').fill('+85362345678');
    await k.waitForFunction(() => document.getElementById('f-form-phone').value === '+85362345678');
    await screenshot(k, 'video-help-kiosk');
    await screenshot(c, 'video-help-clerk');
    await audit(c, 'clerk video call');

    // The clerk ends the call: both pages say so; the clerk's page shows the record's hash and records it.
    await c.getByRole('button', { name: t('en', 'End the call') }).click();
    await c.waitForURL(new RegExp(`/staff/video-help/${callId}$`));
    const hash = (await c.locator('#record-hash').textContent()).trim();
    assert.match(hash, /^[0-9a-f]{64}$/);
    await assert.doesNotReject(k.getByText(t('en', 'The call has ended.')).first().waitFor());
    await c.getByLabel(t('en', 'Case this help led to')).selectOption(caseNumber);
    await c.getByRole('button', { name: t('en', 'Record on the case') }).click();
    await assert.doesNotReject(c.locator('#recorded-case', { hasText: caseNumber }).waitFor());
    await audit(c, 'clerk video call ended');

    // The resident's case shows who helped and the record's hash.
    await home.page.goto(url(`/en/cases/${caseNumber}`));
    const helped = home.page.locator('.video-help-log li');
    await assert.doesNotReject(helped.getByText(clerk.name).waitFor());
    assert.equal((await helped.locator('.record-hash').textContent()).trim(), hash);
  } catch (error) {
    await showPages(error, kiosk.page, desk.page, home.page);
  } finally {
    await home.context.close();
    await kiosk.context.close();
    await desk.context.close();
  }
});
