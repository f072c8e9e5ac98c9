// axe-core on a page as a person sees it. The pages' Content-Security-Policy has no script-src (default-src 'none'),
// so a <script> tag added to the page would be refused; nothing in the CSP is relaxed for the test (no bypassCSP).
// Instead the library's source (node_modules/axe-core/axe.min.js) is evaluated in the page through Playwright's
// page.evaluate, which the CSP does not govern, and axe.run() is called the same way.
//
// audit() prints one line per page with the count of violations by impact and fails on any serious or critical one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const kImpacts = ['critical', 'serious', 'moderate', 'minor'];

export const audited = [];

export async function audit(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  const counts = Object.fromEntries(kImpacts.map((impact) => [impact, 0]));
  for (const v of violations) counts[v.impact] = (counts[v.impact] ?? 0) + 1;
  const lang = await page.evaluate(() => document.documentElement.lang);
  const path = new URL(page.url()).pathname;
  const ids = violations.map((v) => `${v.id}(${v.impact})`).join(' ');
  console.log(
    `axe ${label} [${lang}] ${path}: critical=${counts.critical} serious=${counts.serious} ` +
      `moderate=${counts.moderate} minor=${counts.minor}${ids ? ' — ' + ids : ''}`,
  );
  audited.push({ label, lang, path, counts });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(blocking, [], `axe found serious or critical violations on ${label} (${lang} ${path})`);
  return counts;
}
