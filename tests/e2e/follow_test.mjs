// Following the news in real headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core): `rashomon watch` polls the loopback fixture
// server (tests/watch/fixture_server.py) twice, the second time after an
// article was edited and a story grew, then `serve --db` shows
//   - the stories new or updated since the reader's last visit,
//   - a story's timeline with the changed figure as an update,
//   - the edited article's versions and what changed between them.
// Run by ctest with RASHOMON_BINARY (and SCREENSHOT_DIR). Exits 77 (skipped)
// when Chromium or playwright-core is missing.
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import test from 'node:test';
import assert from 'node:assert/strict';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let chromium;
try {
  ({chromium} = await import('playwright-core'));
} catch (e) {
  console.log('SKIP: playwright-core is not installed (scripts/install-deps.sh installs it)');
  process.exit(77);
}
if (!existsSync(CHROMIUM)) {
  console.log('SKIP: no Chromium at ' + CHROMIUM);
  process.exit(77);
}
const BINARY = process.env.RASHOMON_BINARY;
const SHOTS = process.env.SCREENSHOT_DIR || 'e2e-screenshots';
mkdirSync(SHOTS, {recursive: true});
const HERE = dirname(fileURLToPath(import.meta.url));

function startServer(cmd, args, pattern, stream) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe']});
    const lines = createInterface({input: child[stream]});
    const timer = setTimeout(() => reject(new Error(cmd + ' did not start')), 120000);
    lines.on('line', (line) => {
      const m = line.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve({child, url: 'http://127.0.0.1:' + m[1]});
      }
    });
    child.on('exit', (code) => reject(new Error(cmd + ' exited with ' + code)));
  });
}

const feeds = await startServer('python3', [join(HERE, '..', 'watch', 'fixture_server.py')], /^(\d+)$/, 'stdout');
const dbDir = mkdtempSync(join(tmpdir(), 'rashomon-follow-'));
const dbFile = join(dbDir, 'news.db');
const watchArgs = ['--quiet', 'watch', '--db', dbFile, '--once', '--interval', '0', '--delay', '0', '--revisit', '0',
  feeds.url + '/edited.rss', feeds.url + '/grow.rss'];
execFileSync(BINARY, watchArgs);
// The reader's last visit: after the first round, before the second.
await new Promise((r) => setTimeout(r, 1100));
const lastVisit = new Date().toISOString();
await new Promise((r) => setTimeout(r, 1100));
execFileSync(BINARY, watchArgs);
const ferry = feeds.url + '/edited/ferry.html';
const served = await startServer(BINARY, ['--quiet', 'serve', '--db', dbFile, '--port', '0', '--warm', '0'],
  /127\.0\.0\.1:(\d+)\//, 'stderr');
const browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu']});

test.after(async () => {
  await browser.close();
  served.child.kill('SIGTERM');
  feeds.child.kill('SIGTERM');
  rmSync(dbDir, {recursive: true, force: true});
});

// A page whose localStorage says the reader last came at `visit`, with
// uncaught errors and dialogs recorded.
async function openPage(visit) {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  if (visit) await context.addInitScript((v) => localStorage.setItem('rashomon.lastVisit', v), visit);
  const page = await context.newPage();
  page.events = {errors: [], dialogs: []};
  page.on('pageerror', (e) => page.events.errors.push(String(e)));
  page.on('dialog', (d) => { page.events.dialogs.push(d.message()); d.dismiss(); });
  return page;
}

async function cards(page) {
  return page.$$eval('.story-card', (els) => els.map((e) => ({
    headline: e.querySelector('.story-link').textContent,
    mark: e.getAttribute('data-since-visit'),
    badge: (e.querySelector('.new-since') || {}).textContent || null,
  })));
}

test('stories new or updated since the last visit are marked and can be shown alone', async () => {
  const page = await openPage(lastVisit);
  await page.goto(served.url + '/#/?sort=recency');
  await page.waitForSelector('.story-card');
  const all = await cards(page);
  assert.equal(all.length, 3, JSON.stringify(all));
  const marked = all.filter((c) => c.mark);
  // Only the story whose article changed a figure after the visit.
  assert.equal(marked.length, 1, JSON.stringify(all));
  assert.equal(marked[0].mark, 'updated');
  assert.equal(marked[0].badge, 'Updated');
  assert.match(marked[0].headline, /Ferry|Morvath/);
  assert.match(await page.textContent('#since-visit'), /1 story on this page new or updated since your last visit/);
  await page.click('#only-fresh');
  // Polled from here: the page's CSP forbids the eval waitForFunction needs.
  for (let i = 0; i < 200 && (await page.$$('.story-card')).length !== 1; i++) await page.waitForTimeout(50);
  assert.match(await page.textContent('#since-visit'), /^1 story new or updated since /);
  assert.equal((await cards(page))[0].mark, 'updated');
  await page.screenshot({path: join(SHOTS, 'follow-since-visit.png'), fullPage: true});

  // An earlier visit: the story first reported after it is new.
  const early = await openPage('2026-03-03T12:00:00Z');
  await early.goto(served.url + '/#/?sort=recency');
  await early.waitForSelector('.story-card');
  const marks = Object.fromEntries((await cards(early)).map((c) => [c.headline.includes('Orvieno') ? 'dam' :
    c.headline.includes('Tashkel') ? 'quay' : 'ferry', c.mark]));
  assert.deepEqual(marks, {dam: 'new', ferry: 'updated', quay: null});

  // No visit recorded: nothing marked, and this visit is recorded.
  const first = await openPage(null);
  await first.goto(served.url + '/#/');
  await first.waitForSelector('.story-card');
  assert.equal((await cards(first)).filter((c) => c.mark).length, 0);
  assert.ok(await first.evaluate(() => localStorage.getItem('rashomon.lastVisit')));
  for (const p of [page, early, first]) assert.deepEqual(p.events, {errors: [], dialogs: []});
});

test('a story timeline shows its reports and the changed figure as an update', async () => {
  const page = await openPage(lastVisit);
  await page.goto(served.url + '/#/?sort=recency');
  await page.waitForSelector('.story-card');
  await page.click('.story-card[data-since-visit="updated"] .story-link');
  await page.waitForSelector('.timeline');
  const steps = await page.$$eval('.timeline li', (els) => els.map((e) => ({
    kind: e.className, text: e.textContent, fresh: e.getAttribute('data-since-visit')})));
  assert.deepEqual(steps.map((s) => s.kind), ['timeline-first_report', 'timeline-update'], JSON.stringify(steps));
  assert.match(steps[1].text, /Updated/);
  assert.match(steps[1].text, /212 passengers -> 240 passengers/);
  assert.equal(steps[0].fresh, null);
  assert.equal(steps[1].fresh, 'new');
  await page.screenshot({path: join(SHOTS, 'follow-timeline.png'), fullPage: true});

  // The growing story: first report, then each later article in time.
  await page.goto(served.url + '/#/?q=Orvieno');
  await page.waitForSelector('.story-card');
  await page.click('.story-card .story-link');
  await page.waitForSelector('.timeline');
  const grow = await page.$$eval('.timeline li', (els) => els.map((e) => e.className));
  assert.deepEqual(grow, ['timeline-first_report', 'timeline-article', 'timeline-article']);
  assert.deepEqual(page.events, {errors: [], dialogs: []});
});

test("an article's page shows its versions and what changed", async () => {
  const page = await openPage(lastVisit);
  await page.goto(served.url + '/#/article/' + encodeURIComponent(ferry));
  await page.waitForSelector('.versions-block');
  assert.match(await page.textContent('.versions-block h2'), /2 versions/);
  const changes = await page.$$eval('.article-versions li .change', (els) => els.map((e) => ({
    kind: e.querySelector('.change-kind').textContent,
    before: (e.querySelector('del') || {}).textContent || '',
    after: (e.querySelector('ins') || {}).textContent || '',
  })));
  assert.deepEqual(changes, [
    {kind: 'Headline', before: 'Ferry aground off Morvath', after: 'Ferry grounding: passengers rescued off Morvath'},
    {kind: 'Number', before: '212 passengers', after: '240 passengers'},
    {kind: 'Quote', before: 'Everyone on board is safe and accounted for',
      after: 'We are still checking the lower decks for anyone missing'},
    {kind: 'Paragraph added', before: '',
      after: 'Divers from Lenwick will inspect the hull on Saturday, the company said <img src=x onerror=alert(1)>.'},
  ]);
  assert.match(await page.textContent('.article-versions'), /a figure changed/);
  // The markup in the added paragraph is text, never an element.
  assert.equal(await page.$$eval('.article-versions img, .article-text img', (els) => els.length), 0);
  assert.match(await page.textContent('h1.headline'), /Ferry grounding/);
  assert.match(await page.textContent('.article-text'), /240 passengers/);
  await page.screenshot({path: join(SHOTS, 'follow-article-versions.png'), fullPage: true});
  assert.deepEqual(page.events, {errors: [], dialogs: []});
});
