#!/usr/bin/env node
// Checks a source map with node's own decoder (require('module').SourceMap, node >= 18):
// every identifier of the generated file that has a segment of its own must map to a
// position of the original where that identifier (or, when renamed, its original name
// from `names`) is written.
//
//   node check-sourcemap.js original.js generated.js generated.js.map
const fs = require('fs');
const { SourceMap } = require('module');
//   node check-sourcemap.js - bundle.js bundle.js.map     (originals from sourcesContent)
const args = process.argv.slice(2);
const [original, generated, mapFile] = args.map(p => p === '-' ? null : fs.readFileSync(p, 'utf8'));
const payload = JSON.parse(mapFile);
const map = new SourceMap(payload);
const split = text => text.split(/\r\n|[\n\r\u2028\u2029]/);
const contents = new Map();
(payload.sources || []).forEach((source, i) => {
  const lines = split(original !== null ? original : (payload.sourcesContent || [])[i] || '');
  contents.set(source, lines);
  if (payload.sourceRoot) contents.set(payload.sourceRoot + source, lines);
});
const sources = new Set();
const generatedLines = generated.split(/\r\n|[\n\r\u2028\u2029]/);
// Statement and `new` anchors sit on keywords and map to the first identifier inside.
const keywords = new Set(['return', 'throw', 'new', 'if', 'for', 'while', 'do', 'var', 'let', 'const',
  'function', 'class', 'switch', 'try', 'break', 'continue', 'debugger', 'with', 'async', 'void', 'typeof',
  'delete', 'in', 'of', 'instanceof', 'else', 'case', 'default', 'catch', 'finally', 'this', 'null', 'true',
  'false', 'super', 'extends', 'yield', 'await', 'import', 'export']);
let identifiers = 0, mapped = 0, wrong = 0, renamed = 0;
const samples = [];
generatedLines.forEach((line, lineIndex) => {
  const re = /[A-Za-z_$][\w$]*/g;
  let m;
  while ((m = re.exec(line))) {
    if (m.index > 0 && /[\w$.]/.test(line[m.index - 1]) && line[m.index - 1] !== '.') continue;
    if (keywords.has(m[0])) continue;
    identifiers++;
    const entry = map.findEntry(lineIndex, m.index);
    if (!entry || entry.generatedLine !== lineIndex || entry.generatedColumn !== m.index) continue;
    mapped++;
    const expected = entry.name || m[0];
    if (entry.name) renamed++;
    if (entry.originalSource === undefined) continue;
    sources.add(entry.originalSource);
    const originalLines = contents.get(entry.originalSource) || [];
    const text = (originalLines[entry.originalLine] || '').slice(entry.originalColumn);
    const ok = text.startsWith(expected) && !/[\w$]/.test(text[expected.length] || '');
    if (!ok) {
      wrong++;
      if (samples.length < 5) samples.push(`${lineIndex}:${m.index} ${m[0]} -> ${entry.originalLine + 1}:${entry.originalColumn} ` +
        `expected ${expected}, found ${JSON.stringify(text.slice(0, 20))}`);
    }
  }
});
console.log(`identifiers ${identifiers}, with own segment ${mapped}, renamed ${renamed}, wrong ${wrong}, ` +
  `sources ${sources.size}`);
for (const s of samples) console.log('  ' + s);
process.exit(wrong === 0 && mapped > 0 ? 0 : 1);
