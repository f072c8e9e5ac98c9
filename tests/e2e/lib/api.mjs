// Setting the scene through the node's JSON API (real HTTP on loopback) when a flow only needs a case to exist:
// register, sign in (the token is the same one the pages keep in the tb_session cookie), upload, open a case.
import assert from 'node:assert/strict';
import { pdf, url } from './node_under_test.mjs';

async function call(method, path, { token, body, raw } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url(path), {
    method,
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

export async function registerApplicant(applicant) {
  await call('POST', '/api/v1/accounts', {
    body: {
      kind: 'natural_person',
      login: applicant.login,
      password: applicant.password,
      display_name: applicant.name,
      id_document: { type: applicant.documentType, number: applicant.documentNumber },
    },
  });
}

export async function sessionToken(person) {
  return (await call('POST', '/api/v1/sessions', { body: { login: person.login, password: person.password } })).token;
}

// Opens and submits a case of item JM-CA-005 (two materials, four fields) for the signed-in applicant.
export async function openLocalCase(token, applicant) {
  const blob = async (text) =>
    (await call('POST', '/api/v1/blobs', { token, raw: pdf('x.pdf', text).buffer })).sha256;
  const body = {
    item_code: 'JM-CA-005',
    form: {
      applicant_name: applicant.name,
      id_number: { type: applicant.documentType, number: applicant.documentNumber },
      phone: '+85361234567',
      consent_transfer: true,
    },
    materials: [
      { material_id: 'id_card', blob: await blob(`id ${applicant.login}`) },
      { material_id: 'bank_card', blob: await blob(`bank ${applicant.login}`) },
    ],
  };
  return (await call('POST', '/api/v1/cases', { token, body })).id;
}

// The browser context signed in as the holder of token.
export async function signInContext(context, token) {
  await context.addCookies([{ name: 'tb_session', value: token, url: url('/'), httpOnly: true, sameSite: 'Lax' }]);
}
