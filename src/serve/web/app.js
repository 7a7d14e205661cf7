// rashomon web UI: stories list, story view, article view.
//
// Runs in two modes. Served by `rashomon serve`, it reads the JSON API. Inside
// the self-contained report of `rashomon analyze --format html`, it reads the
// data embedded in the element with id "rashomon-data" and pages and filters
// in the browser. All data is untrusted article text: it only ever reaches
// the page as DOM text nodes or checked attribute values, never as markup.
'use strict';

(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const PAGE_SIZE = 50;

  // ---------------------------------------------------------------- DOM helpers

  // el('a', {class: 'x', href: url}, 'text', child...). Strings become text
  // nodes; attributes go through setAttribute, and href only through safeHref.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'href') {
        const safe = safeHref(value);
        if (safe) node.setAttribute('href', safe);
      } else if (key === 'onclick' || key === 'oninput' || key === 'onchange' || key === 'onsubmit') {
        node.addEventListener(key.slice(2), value);
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
  }

  // In-app links start with '#'; external ones must be http(s). Anything
  // else (javascript:, data:, vbscript:, protocol-relative tricks) is dropped.
  function safeHref(value) {
    const s = String(value);
    if (s.startsWith('#')) return s;
    try {
      const u = new URL(s);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // ---------------------------------------------------------------- formatting

  function formatDate(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return '';
    return d.toISOString().slice(0, 10);
  }

  function formatDateTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return '';
    return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function span(first, last) {
    const a = formatDate(first), b = formatDate(last);
    if (!a && !b) return 'undated';
    if (a === b || !b) return a;
    if (!a) return b;
    return a + ' \u2013 ' + b;
  }

  function plural(n, word, many) {
    return n + ' ' + (n === 1 ? word : (many || word + 's'));
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '\u2026' : text;
  }

  function outletOf(article) {
    return article.source || article.id;
  }

  // ---------------------------------------------------------------- data sources

  function storyHref(id) { return '#/story/' + encodeURIComponent(id); }
  function articleHref(id, fact) {
    return '#/article/' + encodeURIComponent(id) + (fact ? '?fact=' + encodeURIComponent(fact) : '');
  }

  async function getJson(url, options) {
    const res = await fetch(url, options);
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      throw new Error((body && body.error) || ('HTTP ' + res.status));
    }
    return body;
  }

  function httpSource() {
    return {
      live: true,
      stories(params) {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) q.set(k, v);
        return getJson('/api/stories?' + q.toString());
      },
      story(id) { return getJson('/api/stories/' + encodeURIComponent(id)); },
      // Topics are optional: a server without them (or an older one) shows none.
      async topics() {
        try { return await getJson('/api/topics'); } catch (e) { return {computed: false, topics: []}; }
      },
      article(id) { return getJson('/api/articles/' + encodeURIComponent(id)); },
      post(body) {
        return getJson('/api/articles', {method: 'POST', body, headers: {'Content-Type': 'application/json'}});
      },
    };
  }

  // The folded words of a text, as the server's search splits them: runs of
  // letters, digits and marks, lowercased, diacritics removed.
  function searchWords(text) {
    const words = String(text).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu);
    return words || [];
  }

  // The same answers computed in the browser from the embedded report.
  function localSource(data) {
    // Per article, the set of words of its title and text.
    const wordsOf = new Map();
    for (const [id, a] of Object.entries(data.articles || {})) {
      const paragraph = (p) => p.text || (p.sentences || []).map((x) => x.text).join(' ');
      const text = [a.title || ''].concat((a.paragraphs || []).map(paragraph)).join('\n');
      wordsOf.set(id, new Set(searchWords(text)));
    }
    const hasWords = (ids, words) => words.length > 0 &&
      ids.some((id) => wordsOf.has(id) && words.every((w) => wordsOf.get(id).has(w)));
    const topics = data.topics || {computed: false, topics: []};
    const topicOf = new Map();
    for (const t of topics.topics) for (const m of t.stories) topicOf.set(m.id, t.id);
    const rows = data.stories.map((s) => {
      const outlets = [...new Set(s.articles.map(outletOf))].sort();
      const times = s.articles.map((a) => a.published).filter(Boolean).sort();
      return {
        id: s.id, headline: s.headline, articles: s.articles.length, outlets,
        first: times[0] || null, last: times[times.length - 1] || null,
        updated: [times[times.length - 1] || null, ...(s.timeline || []).map((e) => e.time)].filter(Boolean).sort().pop() || null,
        conflicts: (s.conflicts || []).length,
        topic: topicOf.get(s.id) || null,
        titles: s.articles.map((a) => a.title || ''),
        articleIds: s.articles.map((a) => a.id),
      };
    });
    const byId = new Map(data.stories.map((s) => [s.id, s]));
    return {
      live: false,
      async stories(p) {
        const q = (p.q || '').toLowerCase();
        const qWords = searchWords(q);
        const outlet = (p.outlet || '').toLowerCase();
        const from = p.from ? Date.parse(p.from) : null;
        const to = p.to ? Date.parse(p.to) : null;
        const since = p.since ? Date.parse(p.since) : null;
        let list = rows.filter((r) => {
          if (q && !r.headline.toLowerCase().includes(q) && !r.titles.some((t) => t.toLowerCase().includes(q)) &&
              !hasWords(r.articleIds, qWords)) return false;
          if (outlet && !r.outlets.some((o) => o.toLowerCase() === outlet)) return false;
          if (p.topic && r.topic !== p.topic) return false;
          if (from !== null && (!r.last || Date.parse(r.last) < from)) return false;
          if (to !== null && (!r.first || Date.parse(r.first) > to)) return false;
          if (since !== null && (!r.updated || Date.parse(r.updated) < since)) return false;
          return true;
        });
        const last = (r) => (r.last ? Date.parse(r.last) : -Infinity);
        list.sort((a, b) => {
          if (p.sort === 'recency') return (last(b) - last(a)) || (b.articles - a.articles) || (a.id < b.id ? -1 : 1);
          return (b.articles - a.articles) || (last(b) - last(a)) || (a.id < b.id ? -1 : 1);
        });
        const offset = Number(p.offset) || 0;
        return {total: list.length, offset, stories: list.slice(offset, offset + (Number(p.limit) || PAGE_SIZE))};
      },
      async story(id) {
        const s = byId.get(id);
        if (!s) throw new Error('no story with id ' + id);
        return s;
      },
      async topics() { return topics; },
      async article(id) {
        const a = data.articles && data.articles[id];
        if (!a) throw new Error('this report does not hold the text of article ' + id);
        return a;
      },
    };
  }

  const dataNode = document.getElementById('rashomon-data');
  const source = dataNode ? localSource(JSON.parse(dataNode.textContent)) : httpSource();

  // ---------------------------------------------------------------- shell

  const header = el('header', {class: 'top'},
    el('div', {class: 'top-inner'},
      el('a', {class: 'brand', href: '#/'}, 'rashomon'),
      el('span', {class: 'tagline'}, 'many sources, one story')));
  const main = el('main', {id: 'main'});
  const footer = el('footer', {class: 'foot'},
    source.live ? 'Local server \u00b7 data stays on this machine' : 'Self-contained report');
  document.body.append(header, main, footer);

  function parseHash() {
    const raw = location.hash.replace(/^#/, '') || '/';
    const qpos = raw.indexOf('?');
    const path = qpos < 0 ? raw : raw.slice(0, qpos);
    const params = new URLSearchParams(qpos < 0 ? '' : raw.slice(qpos + 1));
    const parts = path.split('/').filter((x) => x !== '');
    return {parts, params};
  }

  async function route() {
    const {parts, params} = parseHash();
    clear(main);
    main.append(el('p', {class: 'loading'}, 'Loading\u2026'));
    try {
      let view;
      if (parts[0] === 'story' && parts.length > 1) {
        view = await storyPage(decodeURIComponent(parts.slice(1).join('/')));
      } else if (parts[0] === 'article' && parts.length > 1) {
        view = await articlePage(decodeURIComponent(parts.slice(1).join('/')), params.get('fact'));
      } else {
        view = await storiesPage(params);
      }
      clear(main);
      main.append(view);
      const target = main.querySelector('.target');
      if (target) target.scrollIntoView({block: 'center'});
      else window.scrollTo(0, 0);
    } catch (err) {
      clear(main);
      main.append(el('div', {class: 'error', role: 'alert'}, el('strong', null, 'Could not load this page. '),
        String(err && err.message ? err.message : err)), el('p', null, el('a', {href: '#/'}, '\u2190 All stories')));
    }
  }

  // ---------------------------------------------------------------- new since the last visit

  // The time of the reader's previous visit, kept in localStorage: read once
  // when the app loads, then replaced by this visit's time. Stories first
  // reported, or updated (an article joined, a figure changed), after it are
  // marked new or updated.
  const LAST_VISIT_KEY = 'rashomon.lastVisit';
  const previousVisit = (() => {
    let prev = null;
    try {
      prev = localStorage.getItem(LAST_VISIT_KEY);
      localStorage.setItem(LAST_VISIT_KEY, new Date().toISOString());
    } catch (e) { prev = null; }
    const t = prev ? Date.parse(prev) : NaN;
    return Number.isFinite(t) ? t : null;
  })();
  function sinceVisit(s) {
    if (previousVisit === null) return null;
    const after = (iso) => iso && Date.parse(iso) > previousVisit;
    if (after(s.first)) return 'new';
    if (after(s.updated || s.last)) return 'updated';
    return null;
  }

  // ---------------------------------------------------------------- stories page

  async function storiesPage(params) {
    const state = {
      q: params.get('q') || '', outlet: params.get('outlet') || '',
      from: params.get('from') || '', to: params.get('to') || '',
      topic: params.get('topic') || '',
      sort: params.get('sort') === 'recency' ? 'recency' : 'size',
      offset: Math.max(0, Number(params.get('offset')) || 0),
      since: params.get('since') || '',
    };
    const [page, topics] = await Promise.all([source.stories({...state, limit: PAGE_SIZE}), source.topics()]);
    const topicById = new Map(topics.topics.map((t) => [t.id, t]));

    function go(changes) {
      const next = {...state, ...changes};
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) if (v !== '' && v !== 0 && !(k === 'sort' && v === 'size')) q.set(k, v);
      const s = q.toString();
      location.hash = '#/' + (s ? '?' + s : '');
    }

    const search = el('input', {type: 'search', name: 'q', placeholder: 'Search headlines and text',
      value: state.q, 'aria-label': 'Search stories', id: 'search'});
    const outlet = el('input', {type: 'text', name: 'outlet', placeholder: 'Outlet', value: state.outlet,
      'aria-label': 'Filter by outlet'});
    const from = el('input', {type: 'date', name: 'from', id: 'filter-from', value: state.from});
    const to = el('input', {type: 'date', name: 'to', id: 'filter-to', value: state.to});
    const sort = el('select', {name: 'sort', 'aria-label': 'Sort'},
      el('option', {value: 'size', selected: state.sort === 'size'}, 'Largest first'),
      el('option', {value: 'recency', selected: state.sort === 'recency'}, 'Most recent first'));
    const form = el('form', {class: 'filters', role: 'search', onsubmit: (e) => {
      e.preventDefault();
      go({q: search.value.trim(), outlet: outlet.value.trim(), from: from.value, to: to.value, sort: sort.value, offset: 0});
    }}, search, outlet, sort,
    el('label', {class: 'date-field', for: 'filter-from'}, el('span', null, 'From'), from),
    el('label', {class: 'date-field', for: 'filter-to'}, el('span', null, 'To'), to),
    el('button', {type: 'submit'}, 'Search'));
    sort.addEventListener('change', () => form.requestSubmit());

    const list = el('ol', {class: 'story-list'});
    const freshCount = page.stories.filter((s) => sinceVisit(s)).length;
    for (const s of page.stories) {
      const shown = s.outlets.slice(0, 6);
      const fresh = sinceVisit(s);
      list.append(el('li', {class: 'story-card' + (fresh ? ' fresh' : ''), 'data-since-visit': fresh},
        fresh ? el('span', {class: 'new-since', title: 'since your last visit, ' + formatDateTime(new Date(previousVisit).toISOString())},
          fresh === 'new' ? 'New' : 'Updated') : null, fresh ? ' ' : null,
        el('a', {class: 'story-link', href: storyHref(s.id), dir: 'auto'}, s.headline || '(untitled story)'),
        el('div', {class: 'meta'},
          el('span', null, plural(s.articles, 'article')),
          el('span', null, plural(s.outlets.length, 'outlet')),
          el('span', null, span(s.first, s.last)),
          s.conflicts ? el('span', {class: 'badge conflict'}, plural(s.conflicts, 'conflict')) : null),
        s.topic && topicById.has(s.topic) && s.topic !== state.topic
          ? el('div', {class: 'topic-line'}, 'Same kind of event: ',
            el('a', {href: topicHref(s.topic)}, topicById.get(s.topic).label)) : null,
        el('div', {class: 'chips'}, shown.map((o) => el('span', {class: 'chip'}, o)),
          s.outlets.length > shown.length ? el('span', {class: 'chip more'}, '+' + (s.outlets.length - shown.length)) : null)));
    }
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.stories.length;
    const pager = el('nav', {class: 'pager', 'aria-label': 'Pages'},
      el('button', {type: 'button', disabled: page.offset === 0, onclick: () => go({offset: Math.max(0, state.offset - PAGE_SIZE)})}, '\u2190 Previous'),
      el('span', {class: 'count', id: 'story-count'}, first + '\u2013' + last + ' of ' + plural(page.total, 'story', 'stories')),
      el('button', {type: 'button', disabled: last >= page.total, onclick: () => go({offset: state.offset + PAGE_SIZE})}, 'Next page \u2192'));

    // "Only those": the list filtered to stories updated since the visit
    // (the API's `since`), every page of it.
    const sincePanel = state.since
      ? el('p', {class: 'since-visit', id: 'since-visit'},
        plural(page.total, 'story', 'stories') + ' new or updated since ' + formatDateTime(state.since) + '. ',
        el('button', {type: 'button', class: 'link', onclick: () => go({since: '', offset: 0})}, 'Show all'))
      : previousVisit === null ? null : el('p', {class: 'since-visit', id: 'since-visit'},
        plural(freshCount, 'story', 'stories') + ' on this page new or updated since your last visit (' +
          formatDateTime(new Date(previousVisit).toISOString()) + '). ',
        el('button', {type: 'button', class: 'link', id: 'only-fresh',
          onclick: () => go({since: new Date(previousVisit + 1000).toISOString().slice(0, 19) + 'Z', offset: 0})},
        'Show only new and updated'));
    return el('div', {class: 'page stories-page'},
      el('h1', null, 'Stories'),
      form,
      sincePanel,
      topicsPanel(topics, state.topic, () => go({topic: '', offset: 0})),
      page.stories.length ? list : el('p', {class: 'empty'}, 'No story matches.'),
      page.total > PAGE_SIZE || page.offset ? pager : el('p', {class: 'count', id: 'story-count'}, plural(page.total, 'story', 'stories')),
      source.live ? addArticlesPanel() : null);
  }

  // The story as it unfolded: first report, each later article, each
  // article that changed a figure (stories read from a database).
  const TIMELINE_LABELS = {first_report: 'First report', article: 'New article', update: 'Updated'};
  function timelineSection(story) {
    return el('ol', {class: 'timeline'}, story.timeline.map((e) => el('li', {class: 'timeline-' + e.kind,
      'data-since-visit': previousVisit !== null && Date.parse(e.time) > previousVisit ? 'new' : null},
      el('span', {class: 'note'}, formatDateTime(e.time)), ' ',
      el('strong', null, TIMELINE_LABELS[e.kind] || e.kind), ': ',
      el('a', {href: articleHref(e.article)}, (e.source ? e.source + ' \u2014 ' : '') + (e.title || e.article)),
      e.figures && e.figures.length ? el('span', {class: 'figure-changed'}, ' ' + e.figures.join('; ')) : null,
      previousVisit !== null && Date.parse(e.time) > previousVisit ? [' ', el('span', {class: 'new-since'}, 'new')] : null)));
  }

  function topicHref(id) { return '#/?topic=' + encodeURIComponent(id); }

  // Topics of several stories: the one the list is filtered to, with a way
  // back, or all of them as links that filter the list.
  function topicsPanel(topics, current, clearTopic) {
    if (!topics.topics.length) return null;
    const chosen = topics.topics.find((t) => t.id === current);
    if (current) {
      return el('div', {class: 'topic-filter', role: 'status'},
        el('span', null, 'Same kind of event: '), el('strong', null, chosen ? chosen.label : current), ' ',
        el('button', {type: 'button', class: 'link', onclick: clearTopic}, 'Show all stories'));
    }
    return el('details', {class: 'topics-panel', open: topics.topics.length <= 8},
      el('summary', null, 'Same kind of event · ' + plural(topics.topics.length, 'group')),
      el('ul', null, topics.topics.map((t) => el('li', null,
        el('a', {href: topicHref(t.id)}, t.label), ' ',
        el('span', {class: 'note'}, plural(t.stories.length, 'story', 'stories'))))));
  }

  // The body to post for what was pasted: JSON as it is (an object, an
  // array or JSON Lines), anything else as one plain-text article whose
  // first line is its title and the rest its text. A paste opening with '['
  // that is not JSON is text too ("[Update] ..." headlines).
  function postBody(pasted) {
    const text = pasted.trim();
    if (text.startsWith('{')) return pasted;
    if (text.startsWith('[')) {
      try { JSON.parse(text); return pasted; } catch (e) { /* plain text */ }
    }
    const nl = text.indexOf('\n');
    const title = (nl < 0 ? text : text.slice(0, nl)).trim();
    const body = nl < 0 ? '' : text.slice(nl + 1).trim();
    if (!body) throw new Error('plain text needs a title line and the article text below it');
    return JSON.stringify({title, text: body});
  }

  function addArticlesPanel() {
    const area = el('textarea', {rows: 6, id: 'add-text',
      placeholder: 'Title of the article\nIts text, as many paragraphs as it has\u2026'});
    const status = el('p', {class: 'post-status', role: 'status'});
    const button = el('button', {type: 'button', onclick: async () => {
      status.textContent = 'Ingesting\u2026';
      try {
        const res = await source.post(postBody(area.value));
        const n = res.articles.filter((a) => a.new).length;
        status.textContent = plural(n, 'new article') + ' stored' + (res.errors.length ? '; ' + res.errors.join('; ') : '.');
        area.value = '';
        const firstStory = res.articles.find((a) => a.story);
        if (firstStory) status.append(' ', el('a', {href: storyHref(firstStory.story)}, 'Open its story \u2192'));
      } catch (err) {
        status.textContent = 'Not ingested: ' + err.message;
      }
    }}, 'Ingest');
    return el('details', {class: 'add-panel'},
      el('summary', null, 'Add articles'),
      el('label', {class: 'hint', for: 'add-text'}, 'Paste one article as plain text (the first line is its title, ' +
        'the rest its text), or JSON: an object, an array or JSON Lines with source, title, published, url and text.'),
      area, button, status);
  }

  // ---------------------------------------------------------------- story page

  async function storyPage(id) {
    const [story, topics] = await Promise.all([source.story(id), source.topics()]);
    const topic = topics.topics.find((t) => t.stories.some((m) => m.id === id));
    const others = topic ? topic.stories.filter((m) => m.id !== id) : [];
    const articles = story.articles || [];
    const byId = new Map(articles.map((a) => [a.id, a]));
    const outlets = [...new Set(articles.map(outletOf))];
    const name = (aid) => (byId.has(aid) ? outletOf(byId.get(aid)) : aid);

    const count = (list) => (list && list.length ? ' (' + list.length + ')' : '');
    const sections = [
      ['sources', 'Sources' + count(articles), sourcesSection(story, byId, name)],
      ...(story.timeline && story.timeline.length ? [['timeline', 'Timeline' + count(story.timeline), timelineSection(story)]] : []),
      ['facts', 'Facts' + count(story.facts), factsSection(story, byId)],
      ['conflicts', 'Conflicts' + count(story.conflicts), conflictsSection(story, name)],
      ['quotes', 'Quotes' + count(story.quotes), quotesSection(story, name)],
      ['entities', 'Entities', entitiesSection(story)],
      ['numbers', 'Numbers', numbersSection(story, name)],
      ['provenance', 'Who copied whom', provenanceSection(story, byId)],
    ];
    const times = articles.map((a) => a.published).filter(Boolean).sort();
    return el('article', {class: 'page story-page'},
      el('p', {class: 'crumbs'}, el('a', {href: '#/'}, '\u2190 All stories')),
      el('h1', {class: 'headline', dir: 'auto'}, story.headline || '(untitled story)'),
      el('div', {class: 'meta'},
        el('span', null, plural(articles.length, 'article')),
        el('span', null, plural(outlets.length, 'outlet')),
        el('span', null, span(times[0], times[times.length - 1])),
        story.conflicts && story.conflicts.length ? el('span', {class: 'badge conflict'}, plural(story.conflicts.length, 'conflict')) : null),
      others.length ? el('p', {class: 'topic-line story-topic'}, 'Same kind of event (',
        el('a', {href: topicHref(topic.id)}, topic.label), '): ',
        others.map((m, i) => [i ? ' · ' : '', el('a', {class: 'topic-story', href: storyHref(m.id)}, m.headline || '(untitled story)')])) : null,
      story.summary && story.summary.length
        ? el('section', {class: 'summary'}, el('h2', {class: 'visually-hidden'}, 'Summary'),
          el('ul', null, story.summary.map((s) => el('li', {dir: 'auto'}, s))))
        : null,
      el('nav', {class: 'tabs', 'aria-label': 'Sections'},
        sections.map(([key, title]) => el('a', {href: '#/story/' + encodeURIComponent(id), 'data-key': key, onclick: (e) => {
          e.preventDefault();
          const target = document.getElementById('sec-' + key);
          if (target) target.scrollIntoView({behavior: 'smooth', block: 'start'});
        }}, title))),
      sections.map(([key, title, body]) => el('section', {class: 'panel', id: 'sec-' + key},
        el('h2', null, title), body)));
  }

  function emptyNote(text) { return el('p', {class: 'empty'}, text); }

  // Article id -> the provenance edges into it (what it derives from).
  function derivedFrom(story) {
    const m = new Map();
    for (const p of story.provenance || []) {
      if (!m.has(p.to)) m.set(p.to, []);
      m.get(p.to).push(p);
    }
    return m;
  }

  function sourcesSection(story, byId, name) {
    const from = derivedFrom(story);
    const rows = [...story.articles].sort((a, b) => (a.published || '').localeCompare(b.published || ''));
    return el('div', {class: 'scroll'}, el('table', {class: 'sources'},
      el('thead', null, el('tr', null, ['Outlet', 'Title', 'Published', 'Words', 'Independence'].map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', null, rows.map((a) => {
        const edges = from.get(a.id) || [];
        return el('tr', null,
          el('td', {class: 'outlet', 'data-label': 'Outlet'}, outletOf(a)),
          el('td', {class: 'title', 'data-label': 'Title'}, el('a', {href: articleHref(a.id), dir: 'auto', lang: a.language || null}, a.title || a.id),
            a.title_inferred ? el('span', {class: 'note', title: 'No title was given; written from the lede'}, ' (from lede)') : null,
            safeHref(a.url) ? el('a', {class: 'ext', href: a.url, rel: 'noopener noreferrer', target: '_blank', title: 'Original page'}, ' \u2197') : null),
          el('td', {class: 'nowrap', 'data-label': 'Published'}, formatDateTime(a.published) || 'undated'),
          el('td', {class: 'num', 'data-label': 'Words'}, String(a.words || 0)),
          el('td', {'data-label': 'Origin'}, edges.length
            ? el('span', {class: 'derived'}, 'derived from ', edges.map((p, i) => [i ? ', ' : '',
              el('a', {href: articleHref(p.from)}, name(p.from))]))
            : el('span', {class: 'independent'}, 'independent')));
      }))));
  }

  // What each outlet does with each fact: the first independent article
  // reports it, later independent ones corroborate, derived copies repeat it,
  // and an outlet alone with a fact adds it.
  function factsSection(story, byId) {
    const facts = story.facts || [];
    if (!facts.length) return emptyNote('No facts aligned across articles yet.');
    const from = derivedFrom(story);
    const outlets = [...new Set(story.articles.map(outletOf))].sort();
    const uniqueIds = new Set((story.unique || []).flatMap((u) => u.facts));
    // Each mark stays on one line with its meaning.
    const key = (kind, mark, text) => el('span', {class: 'legend-item'}, el('span', {class: 'cell ' + kind}, mark), ' ' + text);
    const legend = el('p', {class: 'legend'},
      key('reports', '\u25cf', 'reports first'), key('corroborates', '\u25cf', 'corroborates'),
      key('repeats', '\u25cb', 'repeats a copy'), key('alone', '\u2605', 'alone adds'));
    const head = el('tr', null, el('th', {scope: 'col', class: 'fact-col'}, 'Fact'),
      el('th', {scope: 'col', class: 'num', title: 'Independent sources'}, 'Ind.'),
      outlets.map((o) => el('th', {scope: 'col', class: 'outlet-col', title: o}, el('span', null, o))));
    const body = el('tbody');
    for (const f of facts) {
      const carriers = f.articles.filter((a) => byId.has(a));
      const carrierSet = new Set(carriers);
      const factOutlets = new Set(carriers.map((a) => outletOf(byId.get(a))));
      // The engine's count when the report names its witnesses (two copies
      // of one source are one witness even when the source is not among
      // the carriers); else the carriers that copy none of the others.
      const independent = Array.isArray(f.witnesses)
        ? f.witnesses.filter((a) => carrierSet.has(a))
        : carriers.filter((a) => !(from.get(a) || []).some((p) => carrierSet.has(p.from)));
      independent.sort((a, b) => (byId.get(a).published || '\uffff').localeCompare(byId.get(b).published || '\uffff'));
      const cells = outlets.map((o) => {
        const mine = carriers.filter((a) => outletOf(byId.get(a)) === o);
        if (!mine.length) return el('td', {class: 'cell none'}, '');
        let kind, mark, label;
        // One outlet's fact is what it alone adds unless the report says
        // another article states it in other words (not in its unique list).
        if (factOutlets.size === 1 && (!Array.isArray(story.unique) || uniqueIds.has(f.id))) {
          kind = 'alone'; mark = '\u2605'; label = 'alone adds';
        } else if (independent.length && mine.includes(independent[0])) {
          kind = 'reports'; mark = '\u25cf'; label = 'reports first';
        } else if (mine.some((a) => independent.includes(a))) {
          kind = 'corroborates'; mark = '\u25cf'; label = 'corroborates';
        } else {
          kind = 'repeats'; mark = '\u25cb'; label = 'repeats a copy';
        }
        return el('td', {class: 'cell ' + kind, title: o + ': ' + label},
          el('a', {href: articleHref(mine[0], f.id), 'aria-label': o + ': ' + label}, mark));
      });
      const part = f.partial
        ? el('span', {class: 'hint', title: 'the articles share this claim in part, in other words'}, ' (in part)')
        : f.translated
          ? el('span', {class: 'hint', title: 'a translation and its source state this claim in different languages'}, ' (in translation)')
          : null;
      body.append(el('tr', null, el('td', {class: 'fact-col', dir: 'auto'}, f.text, part),
        el('td', {class: 'num'}, String(f.independent_sources)), cells));
    }
    return el('div', null, legend, el('div', {class: 'scroll matrix-wrap'},
      el('table', {class: 'matrix'}, el('thead', null, head), body)));
  }

  function outletChips(ids, name) {
    const names = [...new Set(ids.map(name))];
    return el('span', {class: 'chips'}, names.map((n) => el('span', {class: 'chip'}, n)));
  }

  function conflictsSection(story, name) {
    const conflicts = story.conflicts || [];
    if (!conflicts.length) return emptyNote('No conflicts found: the sources agree on what they share.');
    return el('ul', {class: 'conflicts'}, conflicts.map((c) => el('li', {class: 'conflict-card'},
      el('div', {class: 'conflict-head'}, el('span', {class: 'badge kind'}, c.kind), ' ', el('strong', null, c.subject)),
      el('ul', {class: 'claims'}, c.claims.map((cl) => el('li', null,
        el('q', {class: 'claim'}, cl.value), ' ', outletChips(cl.articles, name)))))));
  }

  // Word-level difference of `text` against `base` (longest common
  // subsequence of lowercased words): words of `text` not in it are marked.
  function wordDiff(base, text) {
    const words = (s) => s.split(/\s+/).filter(Boolean);
    const norm = (w) => w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    const a = words(base).slice(0, 400).map(norm);
    const bWords = words(text).slice(0, 400);
    const b = bWords.map(norm);
    const n = a.length, m = b.length;
    const dp = Array.from({length: n + 1}, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
      }
    }
    const out = [];
    let i = 0, j = 0;
    while (j < m) {
      if (i < n && a[i] === b[j]) { out.push(bWords[j] + ' '); i++; j++; }
      else if (i < n && dp[i + 1][j] >= dp[i][j + 1]) { i++; }
      else { out.push(el('mark', {class: 'diff'}, bWords[j]), ' '); j++; }
    }
    return out;
  }

  function quotesSection(story, name) {
    const quotes = story.quotes || [];
    if (!quotes.length) return emptyNote('No quotes found.');
    // A cue that is a word ("said", "told"); a colon introducing the quote
    // says nothing a reader needs.
    const cueWord = (v) => (v.cue && /\p{L}/u.test(v.cue) ? v.cue : '');
    // One version is the quote as shown: only its source line, no list.
    const source1 = (v) => el('p', {class: 'quote-source'}, '\u2014 ',
      el('a', {class: 'outlet', href: articleHref(v.article)}, name(v.article)),
      cueWord(v) ? el('span', {class: 'note'}, ' (' + cueWord(v) + ')') : null,
      v.direct === false ? [' ', el('span', {class: 'badge'}, 'indirect')] : null);
    return el('ul', {class: 'quotes'}, quotes.map((q) => el('li', {class: 'quote-card'},
      el('div', {class: 'speaker'}, el('bdi', null, q.speaker_name || 'Unattributed')),
      el('blockquote', {dir: 'auto'}, q.text),
      q.versions && q.versions.length === 1 ? source1(q.versions[0]) : null,
      q.versions && q.versions.length > 1 ? el('details', {open: q.versions.length <= 6},
        el('summary', null, plural(q.versions.length, 'version') + ' across articles'),
        el('ul', {class: 'versions'}, q.versions.map((v) => el('li', null,
          el('a', {class: 'outlet', href: articleHref(v.article)}, name(v.article)),
          v.speaker ? el('span', {class: 'note'}, ' (', el('bdi', null, v.speaker), (cueWord(v) ? ', ' + cueWord(v) : '') + ')') : null,
          v.direct === false ? el('span', {class: 'badge'}, 'indirect') : null,
          v.translated ? el('span', {class: 'badge translated'}, 'translated from ' + (v.from_language || '?')) : null,
          el('div', {class: 'version-text', dir: 'auto'},
            v.translated ? v.text : wordDiff(q.text, v.text)))))) : null)));
  }

  function entitiesSection(story) {
    const entities = story.entities || [];
    if (!entities.length) return emptyNote('No entities found.');
    return el('ul', {class: 'entities'}, entities.map((e) => el('li', {class: 'entity-card'},
      // Names and roles in isolates: an Arabic or Hebrew form would carry
      // the count after it into its own right-to-left run ("1\u00d7").
      el('div', null, el('strong', null, el('bdi', null, e.name)), ' ', el('span', {class: 'badge'}, e.type)),
      e.variants && e.variants.length > 1 ? el('div', {class: 'variants'}, 'Written as: ',
        e.variants.map((v, i) => [i ? ', ' : '', el('bdi', {class: 'variant'}, v.form),
          el('span', {class: 'note'}, ' \u00d7' + v.articles.length)])) : null,
      e.roles && e.roles.length ? el('div', {class: 'roles'}, 'Described as: ',
        e.roles.map((r, i) => [i ? '; ' : '', el('bdi', null, r.role), el('span', {class: 'note'}, ' \u00d7' + r.articles.length)])) : null)));
  }

  function numbersSection(story, name) {
    const numbers = story.numbers || [];
    if (!numbers.length) return emptyNote('No numbers found.');
    return el('div', {class: 'scroll'}, el('table', {class: 'numbers'},
      el('thead', null, el('tr', null, ['As written', 'Value', 'Counts', 'Outlets'].map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', null, numbers.map((n) => el('tr', null,
        el('td', {'data-label': 'As written'}, el('bdi', null, n.text)),
        el('td', {class: 'num nowrap', 'data-label': 'Value'}, String(n.value), n.unit ? [' ', el('bdi', null, n.unit)] : null),
        el('td', {'data-label': 'Counts'}, el('bdi', null, n.what || '')),
        el('td', {'data-label': 'Outlets'}, outletChips(n.articles, name)))))));
  }

  // Layered drawing: an article's column is the length of the longest chain
  // of sources behind it, so originals sit left and copies of copies right.
  function provenanceSection(story, byId) {
    const edges = (story.provenance || []).filter((p) => byId.has(p.from) && byId.has(p.to) && p.from !== p.to);
    if (!edges.length) return emptyNote('No article was found to derive from another: every source looks independent.');
    const nodes = [...new Set(edges.flatMap((p) => [p.from, p.to]))];
    const parents = new Map(nodes.map((n) => [n, []]));
    for (const p of edges) parents.get(p.to).push(p.from);
    const depth = new Map();
    const visiting = new Set();
    function depthOf(n) {
      if (depth.has(n)) return depth.get(n);
      if (visiting.has(n)) return 0;  // a cycle: cut it here
      visiting.add(n);
      let d = 0;
      for (const p of parents.get(n)) d = Math.max(d, depthOf(p) + 1);
      visiting.delete(n);
      depth.set(n, d);
      return d;
    }
    nodes.forEach(depthOf);
    const columns = [];
    for (const n of nodes) {
      const d = depth.get(n);
      (columns[d] = columns[d] || []).push(n);
    }
    for (const col of columns) if (col) col.sort((x, y) => outletOf(byId.get(x)).localeCompare(outletOf(byId.get(y))));
    const colW = 230, rowH = 56, padX = 20, padY = 24, boxW = 180, boxH = 38;
    const pos = new Map();
    let rows = 0;
    columns.forEach((col, c) => {
      (col || []).forEach((n, r) => pos.set(n, {x: padX + c * colW, y: padY + r * rowH}));
      rows = Math.max(rows, (col || []).length);
    });
    const width = padX * 2 + (columns.length - 1) * colW + boxW;
    const height = padY * 2 + (rows - 1) * rowH + boxH;
    const root = svg('svg', {class: 'provenance', viewBox: '0 0 ' + width + ' ' + height, width, height,
      role: 'img', 'aria-label': 'Provenance graph: arrows point from a source to the article derived from it'});
    root.append(svg('defs', null, svg('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5,
      markerUnits: 'userSpaceOnUse', markerWidth: 10, markerHeight: 10, orient: 'auto-start-reverse'}, svg('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead'}))));
    for (const p of edges) {
      const a = pos.get(p.from), b = pos.get(p.to);
      const x1 = a.x + boxW, y1 = a.y + boxH / 2, x2 = b.x, y2 = b.y + boxH / 2;
      const back = x2 <= x1;
      const mx = (x1 + x2) / 2;
      const d = back
        ? 'M' + (a.x + boxW / 2) + ',' + (a.y + boxH) + ' C' + (a.x + boxW / 2) + ',' + (a.y + boxH + 40) + ' ' + (b.x + boxW / 2) + ',' + (b.y + boxH + 40) + ' ' + (b.x + boxW / 2) + ',' + (b.y + boxH)
        : 'M' + x1 + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2;
      const score = Math.max(0, Math.min(1, Number(p.score) || 0));
      root.append(svg('path', {d, class: 'edge', 'stroke-width': (1 + 3 * score).toFixed(2), 'marker-end': 'url(#arrow)'},
        svg('title', null, outletOf(byId.get(p.to)) + ' derives from ' + outletOf(byId.get(p.from)) +
          ' (score ' + score.toFixed(2) + ')' + (p.evidence && p.evidence.length ? ': ' + p.evidence.join('; ') : ''))));
    }
    for (const n of nodes) {
      const {x, y} = pos.get(n);
      const a = byId.get(n);
      const label = outletOf(a);
      const short = label.length > 24 ? label.slice(0, 23) + '\u2026' : label;
      const link = svg('a', {href: articleHref(n), class: 'node' + (depth.get(n) === 0 ? ' origin' : '')},
        svg('title', null, label + (a.title ? ': ' + a.title : '')),
        svg('rect', {x, y, width: boxW, height: boxH, rx: 8}),
        svg('text', {x: x + 10, y: y + 16, class: 'node-outlet'}, short),
        svg('text', {x: x + 10, y: y + 31, class: 'node-time'}, formatDate(a.published) || 'undated'));
      root.append(link);
    }
    const list = el('ul', {class: 'edges'}, edges.map((p) => el('li', null,
      el('a', {href: articleHref(p.to)}, outletOf(byId.get(p.to))), ' derives from ',
      el('a', {href: articleHref(p.from)}, outletOf(byId.get(p.from))),
      el('span', {class: 'note'}, ' (score ' + (Number(p.score) || 0).toFixed(2) + ')'),
      p.evidence && p.evidence.length ? el('ul', {class: 'evidence'}, p.evidence.slice(0, 8).map((e) => el('li', null, e))) : null)));
    return el('div', null, el('div', {class: 'scroll graph-wrap'}, root), list);
  }

  // ---------------------------------------------------------------- article page

  // The versions of an article its outlet changed: what changed in each
  // against the one before (headline, numbers, quotes, names, paragraphs).
  const CHANGE_LABELS = {headline: 'Headline', number: 'Number', quote: 'Quote', name: 'Name',
    paragraph_added: 'Paragraph added', paragraph_removed: 'Paragraph removed', wording: 'Wording'};
  function changeItem(c) {
    const label = el('span', {class: 'change-kind'}, CHANGE_LABELS[c.kind] || c.kind);
    if (c.kind === 'paragraph_added') return el('li', {class: 'change change-added'}, label, ' ', el('ins', null, c.after));
    if (c.kind === 'paragraph_removed') return el('li', {class: 'change change-removed'}, label, ' ', el('del', null, c.before));
    if (c.kind === 'wording') return el('li', {class: 'change'}, label, ' ', wordDiff(c.before, c.context));
    return el('li', {class: 'change change-' + c.kind}, label, ' ',
      c.before ? el('del', null, c.before) : null, c.before && c.after ? ' \u2192 ' : null,
      c.after ? el('ins', null, c.after) : null,
      c.context && c.kind !== 'headline' ? el('div', {class: 'note'}, shorten(c.context, 240)) : null);
  }
  function versionsBlock(versions) {
    if (!versions || versions.length < 2) return null;
    return el('section', {class: 'versions-block', id: 'versions'},
      el('h2', null, 'Changed after publication: ' + plural(versions.length, 'version')),
      el('ol', {class: 'article-versions'}, versions.map((v) => el('li', null,
        el('div', {class: 'meta'}, el('span', null, 'Version ' + v.version),
          v.seen ? el('span', null, 'seen ' + formatDateTime(v.seen)) : null,
          v.figure_changed ? el('span', {class: 'figure-changed'}, 'a figure changed') : null,
          v.version === 1 ? el('span', {class: 'note'}, 'as first stored') : null),
        v.changes.length ? el('ul', {class: 'changes'}, v.changes.map(changeItem)) : null))));
  }

  async function articlePage(id, focusFact) {
    const a = await source.article(id);
    let story = null;
    if (a.story) {
      try { story = await source.story(a.story); } catch (e) { story = null; }
    }
    const names = new Map(story ? story.articles.map((x) => [x.id, outletOf(x)]) : []);
    const counts = {corroborated: 0, unique: 0, conflicting: 0};
    const body = el('div', {class: 'article-text'});
    for (const p of a.paragraphs) {
      if (p.heading) { body.append(el('h3', {dir: 'auto'}, p.text)); continue; }
      const para = el('p', {dir: 'auto'});
      for (const s of p.sentences) {
        if (s.mark in counts) counts[s.mark]++;
        const isTarget = focusFact && s.facts.includes(focusFact);
        const tip = [];
        if (s.mark === 'corroborated') tip.push('Also reported by other articles');
        if (s.mark === 'unique') tip.push('Only this article reports this');
        if (s.conflicts.length) tip.push('Contradicted elsewhere: ' + s.conflicts.join(', '));
        para.append(el('span', {class: 'sent mark-' + s.mark + (isTarget ? ' target' : ''), title: tip.join('. ') || null,
          'data-facts': s.facts.join(' ') || null}, s.text));
        if (s.also_in.length) {
          const fact = s.facts[0];
          para.append(el('sup', {class: 'also'}, s.also_in.slice(0, 4).map((other, i) => [i ? ' ' : '',
            el('a', {href: articleHref(other, fact), title: 'The same fact in ' + (names.get(other) || other)},
              shorten(names.get(other) || other, 28))]),
          s.also_in.length > 4 ? ' +' + (s.also_in.length - 4) : null));
        }
        para.append(' ');
      }
      body.append(para);
    }
    const removed = a.removed || [];
    const removedBlock = removed.length ? el('details', {class: 'removed'},
      el('summary', null, 'Show ' + plural(removed.length, 'line') + ' removed as boilerplate'),
      el('ul', null, removed.map((r) => el('li', null, el('span', {class: 'removed-text'}, r.text),
        r.reason ? el('span', {class: 'note'}, ' \u2014 ' + r.reason) : null)))) : null;
    return el('article', {class: 'page article-page'},
      el('p', {class: 'crumbs'}, el('a', {href: '#/'}, '\u2190 All stories'),
        story ? [' \u00b7 ', el('a', {href: storyHref(story.id)}, story.headline || 'Story')] : null),
      el('h1', {class: 'headline', dir: 'auto'}, a.title || a.id),
      el('div', {class: 'meta'},
        el('span', {class: 'outlet'}, a.source || 'unknown outlet'),
        a.published ? el('span', null, formatDateTime(a.published)) : null,
        a.byline ? el('span', null, a.byline) : null,
        safeHref(a.url) ? el('a', {href: a.url, rel: 'noopener noreferrer', target: '_blank'}, 'Original \u2197') : null),
      el('p', {class: 'legend'},
        el('span', {class: 'nowrap'}, el('span', {class: 'sent mark-corroborated'}, 'corroborated'), ' ' + counts.corroborated),
        el('span', {class: 'nowrap'}, el('span', {class: 'sent mark-unique'}, 'only here'), ' ' + counts.unique),
        el('span', {class: 'nowrap'}, el('span', {class: 'sent mark-conflicting'}, 'contradicted'), ' ' + counts.conflicting)),
      versionsBlock(a.versions), body, removedBlock);
  }

  window.addEventListener('hashchange', route);
  route();
})();
