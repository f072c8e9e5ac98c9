// The tongban node the suite runs against, as run.sh started it: its base URL and the staff accounts it created
// with `tongban account add`. Applicants are registered by the flows themselves, each with a document number of
// its own, so flows never share an applicant.
import assert from 'node:assert/strict';

export const baseUrl = process.env.TONGBAN_E2E_URL;
assert.ok(baseUrl, 'TONGBAN_E2E_URL is not set: run the suite through tests/e2e/run.sh (or `make test`)');

const staffPassword = process.env.TONGBAN_E2E_STAFF_PASSWORD;
export const clerk = { login: 'clerk@e2e.tongban', password: staffPassword, name: 'E2E window clerk' };
export const reviewer = { login: 'reviewer@e2e.tongban', password: staffPassword, name: 'E2E reviewer' };
export const languages = ['zh-Hans', 'zh-Hant', 'pt', 'en'];

// The items the flows use (shipped catalog): a Jiangmen item decided by JM-CA (the reviewer's authority), and a
// Macao item offered in the Macao zone at the clerk's Jiangmen window (JM-WIN-CITY).
export const localItem = 'JM-CA-005';
export const macaoZoneItem = 'MO-DSI-001';
// A Jiangmen item taken in at windows and by post only, never online.
export const notOnlineItem = 'JM-CA-001';

export function url(path) {
  return new URL(path, baseUrl).toString();
}

let sequence = 0;
// A fresh Macao resident: a valid, unique Macao ID number (8 digits, first 1, 5 or 7), a login and a password.
export function newApplicant(label) {
  sequence += 1;
  const digits = String((process.pid * 1000 + sequence * 7919 + Date.now()) % 10_000_000).padStart(7, '0');
  const number = `5${digits.slice(0, 6)}(${digits[6]})`;
  return {
    name: `${label} 陳${sequence}`,
    login: `${label.toLowerCase().replace(/[^a-z0-9]/g, '')}-${process.pid}-${sequence}@e2e.tongban`,
    password: `E2e-Passw0rd-${sequence}-long`,
    documentType: 'MO_BIR',
    documentNumber: number,
  };
}

// A small but real PDF file for setInputFiles.
export function pdf(name, text = 'scanned document') {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}
