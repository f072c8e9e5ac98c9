// The pages' texts in each language, read from the node's own gettext catalogs (src/web/po/<language>/*.po), so a flow can
// assert what a person reading zh-Hant or pt sees without copying translations into the tests.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const poDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'web', 'po');
const kFolders = { 'zh-Hans': 'zh_Hans', 'zh-Hant': 'zh_Hant', pt: 'pt', en: 'en' };

function unquote(line) {
  return JSON.parse(line.trim());
}

function parse(text) {
  const messages = new Map();
  let id = null;
  let str = null;
  let target = null;
  const flush = () => {
    if (id !== null && str !== null && id !== '') messages.set(id, str);
    id = str = target = null;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('msgid ')) {
      flush();
      id = unquote(line.slice(6));
      target = 'id';
    } else if (line.startsWith('msgstr ')) {
      str = unquote(line.slice(7));
      target = 'str';
    } else if (line.startsWith('"')) {
      if (target === 'id') id += unquote(line);
      else if (target === 'str') str += unquote(line);
    } else if (line.trim() === '') {
      flush();
    }
  }
  flush();
  return messages;
}

// One folder per language, one catalog per part of the site; a msgid lives in one file only.
function readLanguage(folder) {
  const files = readdirSync(join(poDir, folder)).filter((name) => name.endsWith('.po')).sort();
  return new Map(files.flatMap((name) => [...parse(readFileSync(join(poDir, folder, name), 'utf8'))]));
}

const catalogs = Object.fromEntries(Object.entries(kFolders).map(([lang, folder]) => [lang, readLanguage(folder)]));

// The text the pages show for msgid in lang; fails the test when the catalog lacks it.
export function t(lang, msgid) {
  const text = catalogs[lang]?.get(msgid);
  assert.ok(text, `the ${lang} catalog has no message "${msgid}"`);
  return text;
}
