// Applies recorded Yjs updates with the official JavaScript `yjs`, to check that what
// the server sends is something every Yjs client can read.
//
// Usage: node tests/js/apply-updates.mjs <frames.jsonl>
//
// Each line of the file is one frame a client received, in the order it arrived:
//   {"doc": "<stream>/<document>", "kind": "step2" | "update", "base64": "<bytes>"}
// Every distinct `doc` gets its own Y.Doc, and its updates are applied in order, as a
// y-websocket client would. Exits 0 when every update applied and no document is left
// waiting for structs or deletions it never received; otherwise exits 1 and lists the
// failures, one per line, on stderr.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// `yjs` lives in tests/node_modules, next to this script's parent directory.
const require = createRequire(new URL('../package.json', import.meta.url));
const Y = require('yjs');

const path = process.argv[2];
if (!path) {
  console.error('usage: node apply-updates.mjs <frames.jsonl>');
  process.exit(2);
}

const docs = new Map();
const failures = [];
let applied = 0;

const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
lines.forEach((line, index) => {
  let frame;
  try {
    frame = JSON.parse(line);
  } catch (e) {
    failures.push(`line ${index + 1}: not JSON: ${e.message}`);
    return;
  }
  let doc = docs.get(frame.doc);
  if (!doc) {
    doc = new Y.Doc();
    docs.set(frame.doc, doc);
  }
  const bytes = Buffer.from(frame.base64, 'base64');
  try {
    Y.applyUpdate(doc, new Uint8Array(bytes));
    applied += 1;
  } catch (e) {
    failures.push(
      `line ${index + 1}: ${frame.doc} (${frame.kind}, ${bytes.length} bytes): ` +
        `yjs could not apply it: ${e && e.message ? e.message : e}; hex ${bytes.toString('hex')}`,
    );
  }
});

// An update whose dependencies never arrived is kept aside by yjs, silently: a client
// would never show it. After a complete stream nothing may be left aside.
for (const [name, doc] of docs) {
  if (doc.store.pendingStructs !== null) {
    const missing = [...doc.store.pendingStructs.missing.entries()]
      .map(([client, clock]) => `${client}:${clock}`)
      .join(', ');
    failures.push(`${name}: structs pending, missing ${missing}`);
  }
  if (doc.store.pendingDs !== null) {
    failures.push(`${name}: deletions pending`);
  }
}

if (failures.length > 0) {
  console.error(`${failures.length} problem(s) in ${path}:`);
  for (const f of failures) console.error(f);
  process.exit(1);
}
console.log(`yjs ${lines.length} frames, ${applied} applied, ${docs.size} documents: all fine`);
