#!/usr/bin/env node
// Throughput of Mozilla Readability.js (on jsdom) over a folder of HTML pages.
// Usage: node bench.js DIR [ROUNDS]
// Files are read before timing; the timed loop covers building the JSDOM
// (HTML parsing) and running Readability.parse(), one page after another on
// a single thread. Prints: pages seconds pages_per_second cpu_seconds
// (cpu_seconds: user + system time of the whole process, all its threads).
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const dir = process.argv[2];
const rounds = parseInt(process.argv[3] || '1', 10);
if (!dir || !(rounds > 0)) {
  console.error('usage: node bench.js DIR [ROUNDS]');
  process.exit(2);
}
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = files.map((f) => ({
  url: 'http://fakehost/test/' + path.basename(f, '.html') + '/page.html',
  html: fs.readFileSync(path.join(dir, f), 'utf8'),
}));
// Silence CSS/script warnings from jsdom so they do not cost console time.
const quiet = new VirtualConsole();

let done = 0;
let extracted = 0;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
for (let r = 0; r < rounds; r++) {
  for (const p of pages) {
    const dom = new JSDOM(p.html, { url: p.url, virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    if (article && article.content) extracted++;
    dom.window.close();
    done++;
  }
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.error(`readability.js: ${extracted}/${done} pages gave an article`);
console.log(`${done} ${secs.toFixed(3)} ${(done / secs).toFixed(2)} ${cpuSecs.toFixed(3)}`);
