#!/usr/bin/env node
// readability_time.js -- times Mozilla Readability on jsdom over a page list,
// the peer of the speed bar (bench/extract_speed.sh).
//
// Usage: node readability_time.js PEER_DIR FILE|DIR|@LIST...
//   PEER_DIR  a directory where `npm install` put @mozilla/readability and
//             jsdom (bench/extract_speed.sh makes build/peers/readability-js)
//
// Every page is read and decoded to a JS string BEFORE the clock starts
// (BOM, else valid UTF-8, else a <meta charset> in the first 64 KiB, else
// windows-1252 -- the same rule as ../shared/eval/peers/readability-js/
// run_set.js), so the clock sees what thresh's clock sees: building the
// tree and extracting the article.  Per page it times
//   new JSDOM(html) ; new Readability(document).parse() ; window.close()
// One pass (the peer is slow enough that one pass lasts seconds).  The clock
// is process CPU time (process.cpuUsage: user+system, all threads), like the
// C drivers'.  The byte count is the pages' file sizes, as for thresh.
//
// One result line on stdout, the same keys as extract_bench's:
//   readability pages=.. bytes=.. passes=1 cpu_s=.. wall_s=.. MB_s=.. pages_s=.. errors=..
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const args = process.argv.slice(2);
if (args.length < 2) {
  process.stderr.write('usage: node readability_time.js PEER_DIR FILE|DIR|@LIST...\n');
  process.exit(2);
}
const peerRequire = createRequire(path.join(path.resolve(args[0]), 'package.json'));
const { JSDOM, VirtualConsole } = peerRequire('jsdom');
const { Readability } = peerRequire('@mozilla/readability');

const files = [];
for (const a of args.slice(1)) {
  if (a.startsWith('@')) {
    for (const line of fs.readFileSync(a.slice(1), 'utf8').split('\n'))
      if (line && !line.startsWith('#')) files.push(line.trim());
  } else if (fs.statSync(a).isDirectory()) {
    for (const f of fs.readdirSync(a).filter(f => f.endsWith('.html')).sort())
      files.push(path.join(a, f));
  } else files.push(a);
}

const META_RE = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i;
function decode(buf) {
  if (buf[0] === 0xEF && buf[1] === 0xBB && buf[2] === 0xBF) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xFF && buf[1] === 0xFE) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xFE && buf[1] === 0xFF) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try { return new TextDecoder('utf-8', { fatal: true }).decode(buf); } catch (e) { /* not UTF-8 */ }
  const m = META_RE.exec(buf.subarray(0, 65536).toString('latin1'));
  if (m) { try { return new TextDecoder(m[1].toLowerCase()).decode(buf); } catch (e) { /* unknown */ } }
  return new TextDecoder('windows-1252').decode(buf);
}

let bytes = 0;
const pages = files.map(f => {
  const buf = fs.readFileSync(f);
  bytes += buf.length;
  return decode(buf);
});

const vc = new VirtualConsole(); // swallow the pages' console and CSS errors
let errors = 0, nulls = 0;
const cpuStart = process.cpuUsage();
const wallStart = process.hrtime.bigint();
for (let i = 0; i < pages.length; i++) {
  try {
    const dom = new JSDOM(pages[i], { url: 'http://localhost/page.html',
                                      contentType: 'text/html', virtualConsole: vc });
    const article = new Readability(dom.window.document).parse();
    if (!article) nulls++;
    dom.window.close();
  } catch (e) {
    errors++;
  }
}
const cpu = process.cpuUsage(cpuStart);
const cpuS = (cpu.user + cpu.system) / 1e6;
const wallS = Number(process.hrtime.bigint() - wallStart) / 1e9;
process.stdout.write(`readability pages=${pages.length} bytes=${bytes} passes=1 ` +
  `cpu_s=${cpuS.toFixed(3)} wall_s=${wallS.toFixed(3)} ` +
  `MB_s=${(bytes / 1e6 / cpuS).toFixed(3)} pages_s=${(pages.length / cpuS).toFixed(2)} ` +
  `errors=${errors} nulls=${nulls}\n`);
