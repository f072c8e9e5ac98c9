// The browser every flow drives: Debian's chromium (/usr/bin/chromium) through playwright-core, headless, with no
// network of its own beyond loopback. Playwright gives each launch a fresh temporary --user-data-dir and removes it
// on close; each person in a flow (applicant, clerk, reviewer) gets a separate browser context, i.e. a separate
// cookie jar. Never downloads a browser: executablePath is fixed.
import { chromium } from 'playwright-core';

export const kChromium = process.env.TONGBAN_CHROMIUM || '/usr/bin/chromium';

const kArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// extraArgs: more switches for one flow (video help: fake camera and microphone, videohelp.test.mjs).
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: kChromium, headless: true, args: [...kArgs, ...extraArgs], timeout: 60_000 });
}

// A new person at the browser: own cookies, a laptop-sized window, optionally without JavaScript.
export async function newPerson(browser, { javaScriptEnabled = true, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    javaScriptEnabled,
    locale,
    acceptDownloads: false,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

// On a failure, what each person's browser showed (address, status line of the main text), then the error again.
export async function showPages(error, ...pages) {
  for (const page of pages) {
    if (!page || page.isClosed()) continue;
    const text = await page.locator('main').innerText({ timeout: 2_000 }).catch(() => '(no main)');
    console.log(`--- ${page.url()}\n${text.slice(0, 1_500)}`);
  }
  throw error;
}
