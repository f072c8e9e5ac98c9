// Validates a CPSV-AP JSON-LD export (`tongban catalog export --format cpsv-ap`) against cpsv-ap-3.2.0-shapes.ttl
// with rdf-validate-shacl. Usage: node cpsv-shacl.mjs EXPORT.jsonld. Prints the number of services and triples, and
// each violation (focus node, path, message); exits 1 on any violation or when the export holds no service.
import rdf from '@zazuko/env-node';
import SHACLValidator from 'rdf-validate-shacl';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file) {
  console.error('usage: node cpsv-shacl.mjs EXPORT.jsonld');
  process.exit(2);
}
const shapes = await rdf.dataset().import(rdf.fromFile(path.join(here, 'cpsv-ap-3.2.0-shapes.ttl')));
const data = await rdf.dataset().import(rdf.fromFile(file, { implicitBaseIRI: 'urn:tongban:' }));
const services = data.match(null, rdf.ns.rdf.type, rdf.namedNode('http://purl.org/vocab/cpsv#PublicService')).size;
console.log(`cpsv-shacl: ${services} public services, ${data.size} triples`);
if (services === 0) {
  console.error('cpsv-shacl: the export holds no cpsv:PublicService');
  process.exit(1);
}
const validator = new SHACLValidator(shapes, { factory: rdf });
const report = await validator.validate(data);
if (report.conforms) {
  console.log('cpsv-shacl: conforms to CPSV-AP 3.2.0 (shapes: cpsv-ap-3.2.0-shapes.ttl)');
  process.exit(0);
}
let shown = 0;
for (const result of report.results) {
  if (shown++ < 40)
    console.error(`violation: ${result.focusNode?.value} ${result.path?.value ?? ''}: ${result.message.map((m) => m.value).join('; ')}`);
}
console.error(`cpsv-shacl: ${report.results.length} violations`);
process.exit(1);
