// Browser tests of the rashomon web UI in real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core). Run by ctest (see
// tests/CMakeLists.txt) with:
//   RASHOMON_BINARY   the rashomon binary (its `serve` runs the real pipeline)
//   FIXTURE_SERVER    serves the hand-built fixture (every story section filled)
//   SCREENSHOT_DIR    where the desktop (1280) and phone (390) screenshots go
// Exits 77 (ctest: skipped) when Chromium or playwright-core is missing.
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
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
const FIXTURE = process.env.FIXTURE_SERVER;
const SHOTS = process.env.SCREENSHOT_DIR || 'e2e-screenshots';
mkdirSync(SHOTS, {recursive: true});

const HOSTILE = '<img src=x onerror=alert(1)>"\'><script>alert(2)</script>';

// Starts a server process and resolves with its base URL once it says which
// port it bound.
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

const fixture = await startServer(FIXTURE, [], /^port (\d+)/, 'stdout');
// The same fixture with a big story of 20 articles from five outlets, the
// width of a fact grid a phone must show whole.
const fixture5 = await startServer(FIXTURE, ['20'], /^port (\d+)/, 'stdout');
const live = await startServer(BINARY, ['--quiet', 'serve', '--port', '0'], /127\.0\.0\.1:(\d+)\//, 'stderr');
// The same UI over a store: the bundled sample ingested into a fresh database,
// served with --db, so posted articles land in SQLite.
const dbDir = mkdtempSync(join(tmpdir(), 'rashomon-e2e-'));
const dbFile = join(dbDir, 'news.db');
execFileSync(BINARY, ['--quiet', 'ingest', '--db', dbFile]);
const stored = await startServer(BINARY, ['--quiet', 'serve', '--db', dbFile, '--port', '0'], /127\.0\.0\.1:(\d+)\//, 'stderr');
const browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu']});

test.after(async () => {
  await browser.close();
  fixture.child.kill('SIGTERM');
  fixture5.child.kill('SIGTERM');
  live.child.kill('SIGTERM');
  stored.child.kill('SIGTERM');
  rmSync(dbDir, {recursive: true, force: true});
});

// A page that records every dialog (alert/confirm/prompt), uncaught error and
// console error, so a test can assert that nothing ran that should not.
async function openPage(width, height) {
  const context = await browser.newContext({viewport: {width, height}, deviceScaleFactor: 1});
  const page = await context.newPage();
  page.events = {dialogs: [], errors: [], console: []};
  page.on('dialog', async (d) => { page.events.dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => page.events.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.events.console.push(m.text()); });
  return page;
}

async function assertNothingExecuted(page) {
  assert.deepEqual(page.events.dialogs, [], 'a dialog was opened: injected script ran');
  assert.deepEqual(page.events.errors, [], 'uncaught page errors');
  // The UI works within its own strict policy (no inline script or style).
  assert.deepEqual(page.events.console.filter((m) => /Content Security Policy/i.test(m)), [], 'CSP violations');
  assert.equal(await page.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]').count(), 0,
    'a link with a script URL');
  assert.equal(await page.locator('img, iframe, object, embed').count(), 0, 'injected elements');
  assert.equal(await page.locator('script').count(), 1, 'only the app script');
  assert.equal(await page.locator('[onerror], [onload], [onclick]').count(), 0, 'inline handlers');
}

// Polls `check` (which may use locators) until it holds. Not
// page.waitForFunction: that evaluates strings in the page, which the UI's
// Content-Security-Policy (no 'unsafe-eval') rightly refuses.
async function waitUntil(check, what, timeout = 30000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting for ' + what);
}

async function noHorizontalOverflow(page) {
  const {scroll, inner} = await page.evaluate(() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth}));
  assert.ok(scroll <= inner + 1, 'page wider than the viewport: ' + scroll + ' > ' + inner);
}

test('fixture: stories list, search, story views, matrix and provenance graph', async () => {
  const page = await openPage(1280, 900);
  await page.goto(fixture.url + '/');
  await page.waitForSelector('.story-card');
  assert.equal(await page.locator('.story-card').count(), 3);
  await page.screenshot({path: SHOTS + '/stories-desktop.png', fullPage: true});

  await page.fill('#search', 'crane');
  await page.press('#search', 'Enter');
  await waitUntil(async () => (await page.locator('.story-card').count()) === 1, 'one search result');
  assert.match(await page.locator('.story-card').innerText(), /Harbor crane collapse/);
  await page.click('.story-card .story-link');
  await page.waitForSelector('h1.headline');
  assert.equal(await page.locator('h1.headline').innerText(), 'Harbor crane collapse injures 12 workers');

  // Conflicts with each side's outlets.
  assert.equal(await page.locator('#sec-conflicts .conflict-card').count(), 2);
  assert.match(await page.locator('#sec-conflicts').innerText(), /Fifteen/);
  // Provenance drawn as SVG: 3 distinct articles in 2 edges, arrows on.
  assert.equal(await page.locator('svg.provenance a.node').count(), 3);
  assert.equal(await page.locator('svg.provenance path.edge').count(), 2);
  assert.equal(await page.locator('svg.provenance a.node.origin').count(), 1);
  // Fact matrix: 3 facts x 4 outlets, each cell kind present.
  assert.equal(await page.locator('.matrix tbody tr').count(), 3);
  assert.equal(await page.locator('.matrix thead th.outlet-col').count(), 4);
  for (const kind of ['reports', 'corroborates', 'repeats', 'alone']) {
    assert.ok(await page.locator('.matrix td.cell.' + kind).count() > 0, 'no ' + kind + ' cell');
  }
  // Sources table: the copy is derived from the wire story.
  assert.match(await page.locator('.sources').innerText(), /derived from\s+Coastal Wire/);
  // The facts heading counts them.
  assert.equal(await page.locator('#sec-facts h2').innerText(), 'Facts (3)');
  // Quote versions with word differences highlighted.
  const diffs = await page.locator('#sec-quotes mark.diff').allInnerTexts();
  assert.ok(diffs.includes('went') && diffs.some((d) => d.startsWith('wrong')), 'diff marks: ' + diffs.join(','));
  // A quote of one version shows where it is from, and no list of versions.
  const lone = page.locator('#sec-quotes .quote-card', {hasText: 'passed its last inspection'});
  assert.equal(await lone.locator('details, .versions').count(), 0);
  assert.match(await lone.locator('.quote-source').innerText(), /Extraordinarily Long Named Metropolitan/);
  const multi = page.locator('#sec-quotes .quote-card', {hasText: 'find out what failed'});
  assert.equal(await multi.locator('details .versions li').count(), 3);
  // Hostile strings are shown as text.
  assert.match(await page.locator('#sec-entities').innerText(), /<img src=x onerror=alert\(1\)>/);
  await assertNothingExecuted(page);
  await page.screenshot({path: SHOTS + '/story-desktop.png', fullPage: true});

  // The article of the copy: sentences marked, links to the same fact elsewhere.
  await page.click('.sources a[href="#/article/copy-1"]');
  await page.waitForSelector('.article-text');
  assert.ok(await page.locator('.article-text .mark-corroborated').count() > 0);
  assert.ok(await page.locator('.article-text .mark-conflicting').count() > 0);
  const also = page.locator('.article-text sup.also a').first();
  const href = await also.getAttribute('href');
  assert.match(href, /^#\/article\/.+\?fact=f\d$/);
  await also.click();
  await page.waitForSelector('.sent.target');
  // The source of the copy has a "Listen to this article" line removed.
  await page.goto(fixture.url + '/#/article/wire-1');
  await page.waitForSelector('.article-text');
  await page.click('.removed summary');
  assert.match(await page.locator('.removed').innerText(), /Listen to this article/);
  await page.screenshot({path: SHOTS + '/article-desktop.png', fullPage: true});

  // 200-article story: no layout break.
  await page.goto(fixture.url + '/#/story/s-big');
  await page.waitForSelector('.sources');
  assert.equal(await page.locator('.sources tbody tr').count(), 200);
  await noHorizontalOverflow(page);
  await page.screenshot({path: SHOTS + '/big-story-desktop.png'});
  await assertNothingExecuted(page);
});

test('fixture: favicon and labelled date filters', async () => {
  const page = await openPage(1280, 900);
  await page.goto(fixture.url + '/');
  await page.waitForSelector('.story-card');
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  assert.equal(icon, '/assets/favicon.svg');
  const res = await page.request.get(fixture.url + icon);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^image\/svg\+xml/);
  // Visible labels, tied to their inputs.
  assert.equal(await page.getByLabel('From').getAttribute('type'), 'date');
  assert.equal(await page.getByLabel('To', {exact: true}).getAttribute('type'), 'date');
  assert.ok(await page.locator('label[for="filter-from"]').isVisible());
  await page.getByLabel('From').fill('2024-04-29');
  await page.getByLabel('To', {exact: true}).fill('2024-04-30');
  await page.click('.filters button[type="submit"]');
  await waitUntil(async () => page.url().includes('from=2024-04-29') && page.url().includes('to=2024-04-30'), 'the date range in the URL');
  assert.equal(await page.getByLabel('From').inputValue(), '2024-04-29');
  await assertNothingExecuted(page);
});

test('fixture: phone width', async () => {
  const page = await openPage(390, 844);
  await page.goto(fixture.url + '/');
  await page.waitForSelector('.story-card');
  await noHorizontalOverflow(page);
  await page.screenshot({path: SHOTS + '/stories-phone.png', fullPage: true});
  await page.goto(fixture.url + '/#/story/s-harbor');
  await page.waitForSelector('svg.provenance');
  await noHorizontalOverflow(page);
  // Every outlet column of the fact grid is in view beside the facts.
  const grid = await page.locator('.matrix-wrap').evaluate((w) => ({scroll: w.scrollWidth, client: w.clientWidth}));
  assert.ok(grid.scroll <= grid.client, 'fact grid cut off: ' + grid.scroll + ' > ' + grid.client);
  const last = await page.locator('.matrix thead th.outlet-col').last().boundingBox();
  assert.ok(last.x + last.width <= 390, 'last outlet column off screen at ' + (last.x + last.width));
  await page.screenshot({path: SHOTS + '/story-phone.png', fullPage: true});
  // Five outlets fit too (the big story of the second fixture server).
  await page.goto(fixture5.url + '/#/story/s-big');
  await page.waitForSelector('.matrix');
  assert.equal(await page.locator('.matrix thead th.outlet-col').count(), 5);
  const grid5 = await page.locator('.matrix-wrap').evaluate((w) => ({scroll: w.scrollWidth, client: w.clientWidth}));
  assert.ok(grid5.scroll <= grid5.client, 'fact grid of 5 outlets cut off: ' + grid5.scroll + ' > ' + grid5.client);
  await noHorizontalOverflow(page);
  await page.goto(fixture.url + '/#/story/s-big');
  await page.waitForSelector('.sources');
  await noHorizontalOverflow(page);
  await page.screenshot({path: SHOTS + '/big-story-phone.png'});
  await page.goto(fixture.url + '/#/article/indep-1');
  await page.waitForSelector('.article-text');
  await noHorizontalOverflow(page);
  await page.screenshot({path: SHOTS + '/article-phone.png', fullPage: true});
  await assertNothingExecuted(page);
});

test('fixture: topics listed, filter the list, link stories of one kind; hostile label is text', async () => {
  for (const [width, height, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
    const page = await openPage(width, height);
    await page.goto(fixture.url + '/');
    await page.waitForSelector('.topics-panel');
    // One topic of two stories (the one-story topic is not listed); its
    // label, hostile markup included, is shown as text.
    assert.equal(await page.locator('.topics-panel li').count(), 1);
    assert.match(await page.locator('.topics-panel').innerText(), /Collapse, workers: Harbor <img src=x onerror=alert\(1\)>.*2 stories/s);
    // The two stories' cards name their topic, the lone story's does not.
    assert.equal(await page.locator('.story-card .topic-line').count(), 2);
    assert.equal(await page.locator('.story-card', {hasText: 'Library extends'}).locator('.topic-line').count(), 0);
    await noHorizontalOverflow(page);
    await page.screenshot({path: SHOTS + '/topics-stories-' + tag + '.png', fullPage: true});
    // The topic filters the list; "Show all stories" undoes it.
    await page.locator('.topics-panel a').click();
    await waitUntil(async () => (await page.locator('.story-card').count()) === 2 && (await page.locator('.topic-filter').count()) === 1,
      'the stories of the topic');
    assert.match(page.url(), /topic=t-harborbig/);
    assert.match(await page.locator('.topic-filter').innerText(), /Same kind of event: Collapse, workers/);
    await page.click('.topic-filter button');
    await waitUntil(async () => (await page.locator('.story-card').count()) === 3, 'all stories again');
    // A story links to the other of its kind, not to itself.
    await page.goto(fixture.url + '/#/story/s-harbor');
    await page.waitForSelector('.story-topic');
    assert.equal(await page.locator('.story-topic a.topic-story').count(), 1);
    assert.equal(await page.locator('.story-topic a.topic-story').getAttribute('href'), '#/story/s-big');
    await noHorizontalOverflow(page);
    await page.screenshot({path: SHOTS + '/topics-story-' + tag + '.png'});
    await page.locator('.story-topic a.topic-story').click();
    await waitUntil(async () => page.url().endsWith('#/story/s-big'), 'the other story');
    await page.waitForSelector('.story-topic a.topic-story[href="#/story/s-harbor"]');
    // The lone story has no topic line.
    await page.goto(fixture.url + '/#/story/s-quiet');
    await page.waitForSelector('h1.headline');
    assert.equal(await page.locator('.story-topic').count(), 0);
    await assertNothingExecuted(page);
  }
});

function liveTests(name, server) {
test(name + ': real pipeline, search, open a story, post an article and find it', async () => {
  const page = await openPage(1280, 900);
  await page.goto(server.url + '/');
  await page.waitForSelector('.story-card');
  const before = await page.locator('#story-count').innerText();
  const headline = await page.locator('.story-card .story-link').first().innerText();
  const word = headline.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) || headline.split(/\s+/)[0];
  await page.fill('#search', word);
  await page.press('#search', 'Enter');
  await waitUntil(async () => page.url().includes('q=') && (await page.locator('.story-link', {hasText: headline}).count()) > 0,
    'the story in the search results');
  await page.locator('.story-card .story-link', {hasText: headline}).first().click();
  await page.waitForSelector('#sec-conflicts');
  assert.ok(await page.locator('#sec-provenance').count() === 1);
  assert.ok(await page.locator('.sources tbody tr').count() >= 1);
  await page.screenshot({path: SHOTS + '/live-story-desktop.png', fullPage: true});

  // Post through the page's own form.
  await page.goto(server.url + '/');
  await page.waitForSelector('.story-card');
  await page.click('.add-panel summary');
  const text = 'Volunteers in Quarrytown repainted the zebra crossing outside the primary school on Saturday. ' +
    'The council said the new markings would be checked by inspectors next week.';
  await page.fill('.add-panel textarea', JSON.stringify({id: 'e2e-zebra', source: 'E2E Herald',
    title: 'Quarrytown volunteers repaint zebra crossing', published: '2024-06-01T09:00:00Z', text}));
  await page.click('.add-panel button');
  await waitUntil(async () => /1 new article stored/.test(await page.locator('.post-status').innerText()), 'ingest', 120000);
  await page.goto(server.url + '/#/?q=Quarrytown');
  await page.waitForSelector('.story-card');
  assert.match(await page.locator('.story-card').first().innerText(), /Quarrytown/);
  await page.goto(server.url + '/');
  await page.waitForSelector('.story-card');
  assert.notEqual(await page.locator('#story-count').innerText(), before);
  await assertNothingExecuted(page);
});

test(name + ': pasted plain text becomes an article, found by a word of its body', async () => {
  const page = await openPage(390, 844);
  await page.goto(server.url + '/');
  await page.waitForSelector('.story-card');
  await page.click('.add-panel summary');
  const title = 'Lighthouse keepers mark a centenary on Skerravoe';
  await page.fill('.add-panel textarea', title + '\n' +
    'Keepers past and present gathered at the Skerravoe light on Sunday to mark one hundred years since its lamp was first lit.\n\n' +
    'The oldest guest, a retired keeper, said the Brannockfield foghorn could once be heard across the sound.');
  await page.click('.add-panel button');
  await waitUntil(async () => /1 new article stored/.test(await page.locator('.post-status').innerText()), 'ingest', 120000);
  // A word of the body only, in other case: the story is found.
  await page.goto(server.url + '/#/?q=BRANNOCKFIELD');
  await page.waitForSelector('.story-card, .empty');
  assert.equal(await page.locator('.story-card').count(), 1);
  const card = page.locator('.story-card').first();
  assert.doesNotMatch(await card.locator('.story-link').innerText(), /Brannockfield/i);
  await card.locator('.story-link').click();
  await page.waitForSelector('.sources');
  assert.match(await page.locator('.sources').innerText(), new RegExp(title));
  await noHorizontalOverflow(page);
  // Words from two different articles find nothing together.
  await page.goto(server.url + '/#/?q=Brannockfield+Quarrytown');
  await page.waitForSelector('.story-card, .empty');
  assert.equal(await page.locator('.story-card').count(), 0);
  // Text without a body line is refused before it is sent.
  await page.goto(server.url + '/');
  await page.waitForSelector('.story-card');
  await page.click('.add-panel summary');
  await page.fill('.add-panel textarea', 'Only a title line');
  await page.click('.add-panel button');
  await waitUntil(async () => /Not ingested: plain text needs a title line/.test(await page.locator('.post-status').innerText()), 'the refusal');
  await assertNothingExecuted(page);
});

test(name + ': story pages at 390 px stay within the screen', async () => {
  const page = await openPage(390, 844);
  await page.goto(server.url + '/');
  await page.waitForSelector('.story-card');
  const links = await page.locator('.story-card .story-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let checked = 0;
  for (const href of links.slice(0, 6)) {
    await page.goto(server.url + '/' + href);
    await page.waitForSelector('#sec-facts');
    await noHorizontalOverflow(page);
    assert.match(await page.locator('#sec-facts h2').innerText(), /^Facts( \(\d+\))?$/);
    // Up to six outlets, every column of the fact grid is in view.
    const outlets = await page.locator('.matrix thead th.outlet-col').count();
    if (outlets > 0 && outlets <= 6) {
      checked++;
      const grid = await page.locator('.matrix-wrap').evaluate((w) => ({scroll: w.scrollWidth, client: w.clientWidth}));
      assert.ok(grid.scroll <= grid.client, href + ': fact grid of ' + outlets + ' outlets cut off: ' + grid.scroll + ' > ' + grid.client);
    }
  }
  assert.ok(checked > 0, 'no fact grid of a few outlets to check');
  await page.screenshot({path: SHOTS + '/' + name + '-story-phone.png'});
  await assertNothingExecuted(page);
});

test(name + ': hostile article posted through the API executes nothing', async () => {
  const page = await openPage(1280, 900);
  const body = [{
    id: 'e2e-xss"><b>', source: '"><svg onload=alert(5)>' + HOSTILE, url: 'javascript:alert(3)',
    title: 'Xylophone festival ' + HOSTILE, published: '2024-06-02T09:00:00Z',
    text: 'The xylophone festival opened in Brindlemoor with 40 bands. ' + HOSTILE + '\n' +
      'Organisers said "<a href=javascript:alert(4)>tickets</a>" sold out within an hour.\n',
  }];
  const res = await page.request.post(server.url + '/api/articles', {data: body});
  assert.equal(res.status(), 201);
  const posted = await res.json();
  const id = posted.articles[0].id;
  await page.goto(server.url + '/#/?q=Xylophone');
  await page.waitForSelector('.story-card');
  assert.match(await page.locator('.story-card').first().innerText(), /<script>alert\(2\)<\/script>/);
  await page.locator('.story-card .story-link').first().click();
  await page.waitForSelector('.sources');
  await assertNothingExecuted(page);
  await page.goto(server.url + '/#/article/' + encodeURIComponent(id));
  await page.waitForSelector('.article-text');
  assert.match(await page.locator('h1.headline').innerText(), /Xylophone festival <img/);
  assert.match(await page.locator('.article-text').innerText(), /<a href=javascript:alert\(4\)>/);
  await assertNothingExecuted(page);
  // Straight API responses are JSON, not rendered markup.
  const direct = await page.goto(server.url + '/api/articles/' + encodeURIComponent(id));
  assert.match(direct.headers()['content-type'], /application\/json/);
  assert.equal(direct.headers()['x-content-type-options'], 'nosniff');
  assert.deepEqual(page.events.dialogs, []);
});
}

liveTests('live', live);
liveTests('store', stored);

// The bundled sample has two events of one kind: the in-memory server and
// the store (topics over its stored stories) both show their topic.
function topicTest(tag, server) {
  test(tag + ': the sample\'s topic links its stories', async () => {
    const res = await (await fetch(server.url + '/api/topics')).json();
    assert.equal(res.computed, true);
    assert.ok(res.topics.length >= 1, 'topics: ' + JSON.stringify(res));
    const page = await openPage(1280, 900);
    await page.goto(server.url + '/');
    await page.waitForSelector('.topics-panel');
    const topic = page.locator('.topics-panel li a').first();
    const label = await topic.innerText();
    assert.ok(label.length > 0);
    await topic.click();
    await waitUntil(async () => (await page.locator('.topic-filter').count()) === 1, 'the topic filter');
    const cards = await page.locator('.story-card').count();
    assert.ok(cards >= 2, 'a topic of ' + cards + ' stories');
    await page.locator('.story-card .story-link').first().click();
    await page.waitForSelector('.story-topic');
    assert.ok(await page.locator('.story-topic a.topic-story').count() >= 1);
    assert.match(await page.locator('.story-topic').innerText(), new RegExp('Same kind of event \\(' + label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.screenshot({path: SHOTS + '/' + tag + '-topic-story-desktop.png', fullPage: true});
    await assertNothingExecuted(page);
  });
}

topicTest('live', live);
topicTest('store', stored);

// A page on another origin (the fixture server's) tries to write into the
// database: as a no-cors text/plain fetch (no preflight), as a JSON fetch
// (preflighted) and as a form post. The server refuses them all; the same
// JSON fetch from the server's own page is accepted. The context bypasses
// CSP only so that the fixture page's own policy does not stop the fetches
// first: what is tested is the server's refusal.
test('store: a page on another origin cannot write; the server\'s own page can', async () => {
  const context = await browser.newContext({bypassCSP: true});
  const page = await context.newPage();
  const statuses = [];
  page.on('response', (r) => { if (r.url().includes('/api/articles')) statuses.push(r.request().method() + ' ' + r.status()); });
  const article = (id) => JSON.stringify({id, source: 'Elsewhere Gazette', title: 'Lantern parade in Orvale',
    text: 'The lantern parade in Orvale drew two thousand people on Friday evening, organisers said.'});
  const attempt = async (target, body, mode) => page.evaluate(async ({target, body, mode}) => {
    try {
      if (mode === 'form') {
        const f = document.createElement('form');
        f.method = 'POST';
        f.action = target;
        f.enctype = 'text/plain';
        const i = document.createElement('input');
        i.name = body;
        i.value = '';
        f.appendChild(i);
        document.body.appendChild(f);
        f.submit();
        return 'submitted';
      }
      const headers = {'Content-Type': mode === 'no-cors' ? 'text/plain' : 'application/json'};
      const r = await fetch(target, {method: 'POST', mode, headers, body});
      return 'status ' + r.status;
    } catch (e) {
      return 'blocked';
    }
  }, {target, body, mode});
  await page.goto(fixture.url + '/');
  const target = stored.url + '/api/articles';
  assert.equal(await attempt(target, article('xo-nocors'), 'no-cors'), 'status 0');  // opaque
  assert.equal(await attempt(target, article('xo-cors'), 'cors'), 'blocked');
  await attempt(target, article('xo-form'), 'form');
  // The form navigates the page to the refused post; wait until that
  // navigation has committed and loaded, or the next goto races it (and is
  // aborted) on a slow server.
  await page.waitForURL(target, {waitUntil: 'load'});
  for (const id of ['xo-nocors', 'xo-cors', 'xo-form']) {
    const r = await fetch(stored.url + '/api/articles/' + id);
    assert.equal(r.status, 404, id + ' was stored from another origin');
  }
  // The no-cors write reached the server and was refused there.
  assert.ok(statuses.includes('POST 403'), 'statuses seen: ' + statuses.join(', '));
  // The same JSON fetch from the server's own page writes (the in-memory
  // server, so the store's article count below stays as it is).
  await page.goto(live.url + '/');
  assert.equal(await attempt(live.url + '/api/articles', article('xo-own'), 'cors'), 'status 201');
  await context.close();
});

test('store: posted articles are in the database after the server stops', async () => {
  stored.child.kill('SIGTERM');
  await new Promise((r) => stored.child.exitCode !== null ? r() : stored.child.on('exit', r));
  const report = JSON.parse(execFileSync(BINARY, ['--quiet', 'report', '--db', dbFile, '--format', 'json']).toString());
  const ids = report.stories.flatMap((s) => s.articles.map((a) => a.id));
  assert.ok(ids.includes('e2e-zebra'), 'the article posted through the form is stored');
  assert.equal(ids.length, 14, 'the 11 sample articles and the 3 posted ones');
});

test('self-contained HTML report renders offline', async () => {
  const {execFileSync} = await import('node:child_process');
  const out = SHOTS + '/report.html';
  execFileSync(BINARY, ['--quiet', 'analyze', '--format', 'html', '-o', out]);
  const page = await openPage(1280, 900);
  await page.goto('file://' + (out.startsWith('/') ? out : process.cwd() + '/' + out));
  await page.waitForSelector('.story-card');
  assert.match(await page.locator('link[rel="icon"]').getAttribute('href'), /^data:image\/svg\+xml,/);
  // Search reaches article text offline too: a word of a body that no
  // headline or title holds finds its story.
  const words = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById('rashomon-data').textContent);
    const shown = data.stories.flatMap((s) => [s.headline].concat(s.articles.map((a) => a.title || ''))).join(' ').toLowerCase();
    for (const a of Object.values(data.articles)) {
      const body = a.paragraphs.flatMap((p) => [p.text].concat(p.sentences.map((x) => x.text))).join(' ');
      for (const w of body.split(/[^A-Za-z]+/)) {
        if (w.length >= 7 && !shown.includes(w.toLowerCase())) return [w, a.story];
      }
    }
    return null;
  });
  assert.ok(words, 'a body-only word in the sample');
  await page.fill('#search', words[0].toUpperCase());
  await page.press('#search', 'Enter');
  await waitUntil(async () => page.url().includes('q='), 'the search');
  await page.waitForSelector('.story-card');
  assert.ok(await page.locator('.story-card a[href="#/story/' + words[1] + '"]').count() === 1, 'the story of ' + words[0]);
  await page.goto('file://' + (out.startsWith('/') ? out : process.cwd() + '/' + out));
  await page.waitForSelector('.story-card');
  // Topics work offline too: the list, the filter and the story links.
  await page.waitForSelector('.topics-panel');
  await page.screenshot({path: SHOTS + '/report-stories-desktop.png', fullPage: true});
  await page.locator('.topics-panel li a').first().click();
  await waitUntil(async () => (await page.locator('.topic-filter').count()) === 1, 'the topic filter');
  assert.ok(await page.locator('.story-card').count() >= 2);
  await page.locator('.story-card .story-link').first().click();
  await page.waitForSelector('.story-topic a.topic-story');
  await page.goto('file://' + (out.startsWith('/') ? out : process.cwd() + '/' + out));
  await page.waitForSelector('.story-card');
  await page.locator('.story-card .story-link').first().click();
  await page.waitForSelector('#sec-sources');
  await page.locator('.sources td.title a').first().click();
  await page.waitForSelector('.article-text');
  assert.ok((await page.locator('.article-text').innerText()).length > 100);
  assert.deepEqual(page.events.dialogs, []);
  assert.deepEqual(page.events.errors, []);
  await page.screenshot({path: SHOTS + '/report-article-desktop.png', fullPage: true});
});

// The fact matrix marks as witnesses (reports first, corroborates) exactly
// the articles the engine counts: two copies of a source that does not
// state the fact are one witness and one copy, beside "Ind. 1".
test('self-contained HTML report: the fact matrix marks the witnesses the count counts', async () => {
  const out = SHOTS + '/report-witnesses.html';
  execFileSync(BINARY, ['--quiet', 'analyze', '--format', 'html', '-o', out]);
  const page = await openPage(1280, 900);
  await page.goto('file://' + (out.startsWith('/') ? out : process.cwd() + '/' + out));
  await page.waitForSelector('.story-card');
  await page.locator('.story-card .story-link').first().click();
  await page.waitForSelector('.matrix');
  const rows = await page.locator('.matrix tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    ind: Number(tr.querySelector('td.num').textContent),
    marked: tr.querySelectorAll('td.cell.reports, td.cell.corroborates').length,
    alone: tr.querySelectorAll('td.cell.alone').length,
    text: tr.querySelector('td.fact-col').textContent.slice(0, 60),
  })));
  assert.ok(rows.length >= 5, 'the first story has facts');
  // A star only on what the report lists as an outlet's own addition: a
  // fact of one outlet that another states in other words gets none.
  const added = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById('rashomon-data').textContent);
    const story = (data.stories || [data])[0];
    const ids = new Set((story.unique || []).flatMap((u) => u.facts));
    return story.facts.filter((f) => ids.has(f.id)).map((f) => f.text.slice(0, 60));
  });
  for (const r of rows) {
    if (r.alone) assert.ok(added.includes(r.text), 'starred but not in the unique list: "' + r.text + '"');
  }
  assert.ok(rows.some((r) => r.alone), 'some fact is an outlet\'s own');
  let shared = 0;
  for (const r of rows) {
    if (r.alone) continue;
    shared += 1;
    assert.equal(r.marked, r.ind, 'witness marks of "' + r.text + '"');
  }
  assert.ok(shared >= 3, 'facts stated by several outlets');
  assert.deepEqual(page.events.errors, []);
});

// An invented Arabic story (two reports of one flood): right-to-left text
// keeps its direction inside the left-to-right page (dir="auto" on every
// element holding article text) in the self-contained HTML report.
test('self-contained HTML report: an Arabic story reads right to left', async () => {
  const {writeFileSync} = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'rashomon-rtl-'));
  const text = (extra) => 'أغلقت الفيضانات الجسر الرئيسي في مدينة فيلمورا يوم الثلاثاء بعد ثلاثة أيام من الأمطار الغزيرة' +
    extra + '.\nوقالت رئيسة البلدية إيلسه ماراندت للصحفيين: «سنعيد بناء كل بيت دمره الماء في المدينة».\n' +
    'وأجلت فرق الإنقاذ 240 عائلة من البلدة القديمة قرب النهر.\n' +
    'ووعدت الحكومة الإقليمية بتقديم 15 مليون يورو لأعمال الإصلاح.\n';
  const articles = [
    {id: 'e2e-rtl-1', source: 'Velmora Daily', title: 'الفيضانات تغلق جسر فيلمورا', published: '2024-06-03T08:00:00Z', text: text('')},
    {id: 'e2e-rtl-2', source: 'Nahr News', title: 'فيضانات فيلمورا: إجلاء 240 عائلة', published: '2024-06-03T10:00:00Z',
      text: text(' والرياح')},
  ];
  const input = join(dir, 'rtl.jsonl');
  writeFileSync(input, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const out = join(dir, 'rtl.html');
  execFileSync(BINARY, ['--quiet', 'analyze', input, '--format', 'html', '-o', out]);
  const page = await openPage(1280, 900);
  await page.goto('file://' + out);
  await page.waitForSelector('.story-card');
  const direction = (locator) => locator.evaluate((e) => getComputedStyle(e).direction);
  assert.equal(await direction(page.locator('.story-card .story-link').first()), 'rtl');
  assert.equal(await direction(page.locator('h1').first()), 'ltr');  // the page's own words
  await page.locator('.story-card .story-link').first().click();
  await page.waitForSelector('#sec-quotes');
  assert.equal(await direction(page.locator('h1.headline')), 'rtl');
  assert.equal(await direction(page.locator('.quote-card blockquote').first()), 'rtl');
  assert.match(await page.locator('.quote-card blockquote').first().innerText(), /سنعيد بناء/);
  assert.equal(await direction(page.locator('.sources td.title a').first()), 'rtl');
  assert.equal(await page.locator('.sources td.title a').first().getAttribute('lang'), 'ar');
  // The outlet's Latin name stays left to right beside the Arabic title.
  assert.equal(await direction(page.locator('.sources td.outlet').first()), 'ltr');
  // Names, their spellings and roles are isolates: a count after an Arabic
  // form stays after it ("×2", not "2×").
  const isolated = await page.locator('.entity-card').evaluateAll((cards) => cards.map((c) =>
    [...c.querySelectorAll('strong, .variant')].every((e) => e.tagName === 'BDI' || e.firstElementChild?.tagName === 'BDI')));
  assert.ok(isolated.length >= 1, 'the story has entities');
  assert.ok(isolated.every(Boolean), 'entity names and spellings in <bdi>');
  await page.screenshot({path: SHOTS + '/report-arabic-story-desktop.png', fullPage: true});
  await page.locator('.sources td.title a').first().click();
  await page.waitForSelector('.article-text');
  assert.equal(await direction(page.locator('.article-text p').first()), 'rtl');
  assert.deepEqual(page.events.dialogs, []);
  assert.deepEqual(page.events.errors, []);
  rmSync(dir, {recursive: true, force: true});
});
