#!/usr/bin/python3
"""Development sets for story clustering made of real text in ../shared/data.

Writes JSON Lines articles and gold assignments (article/story) into OUT (not
into the repository: the text belongs to its publishers):

  meantime.jsonl, meantime_gold.jsonl
      MEANTIME's 120 Wikinews articles and their es/it/nl translations; an
      article and its translations are one story, the other articles of its
      topic (same company, other events) are not.
  meantime_en.jsonl, meantime_es.jsonl, ... (and _gold.jsonl)
      One language each (monolingual story clustering): every article is a
      story of its own, so the score counts only wrong joins.
  meantime_mixed.jsonl
      120 articles, the i-th of them in en, es, it, nl by turns (no two
      translations of one article): a mixed-language corpus for cost.
  ecb_dated.jsonl, ecb_dated_gold.jsonl
      ECB+ as a news stream: every topic's two events of one kind are given
      publication days 3 to 12 days apart inside one two-month window (the
      reports of each event over its first three days), so same-kind events
      crowd one period the way local crime or a tournament does.
  ecb_nodates.jsonl, ecb_nodates_gold.jsonl
      The same articles with no publication times at all.

Deterministic (fixed seed). Usage: tools/make_story_sets.py [--shared ../shared] [--out DIR]
"""
import argparse
import glob
import json
import os
import random
import re

START = 1388534400  # 2014-01-01 00:00 UTC


def detok(words):
    text = ' '.join(words)
    text = re.sub(r' ([.,;:!?%)\]\'])', r'\1', text)
    text = re.sub(r'([(\[$]) ', r'\1', text)
    text = text.replace(" n't", "n't").replace(' ’ s', '’s').replace(" 's", "'s").replace('`` ', '"').replace(" ''", '"')
    return text


def load_meantime(root):
    docs = []
    for lang in ('en', 'es', 'it', 'nl'):
        cur, sents = None, {}
        path = os.path.join(root, 'meantime_%s.conll' % lang)
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#begin document'):
                    cur = re.search(r'\((.*?)\)', line).group(1)
                    sents = {}
                elif line.startswith('#end document'):
                    order = sorted(sents)
                    title = detok(sents[order[0]]) if order else ''
                    body = '\n'.join(detok(sents[k]) for k in order[1:])
                    docs.append({'id': '%s-%s' % (cur.replace('/', '-'), lang), 'title': title, 'text': body,
                                 'lang': lang, 'story': cur})
                else:
                    parts = line.rstrip('\n').split('\t')
                    if len(parts) >= 4:
                        sents.setdefault(int(parts[1]), []).append(parts[3])
    return docs


def load_ecb(root):
    tok = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')
    docs = []
    for path in sorted(glob.glob(os.path.join(root, '*', '*.xml'))):
        m = re.match(r'(\d+)_(\d+)(ecbplus|ecb)\.xml$', os.path.basename(path))
        if not m:
            continue
        with open(path, encoding='utf-8') as f:
            sents = {}
            for s, w in tok.findall(f.read()):
                sents.setdefault(int(s), []).append(w.replace('&amp;', '&').replace('&quot;', '"'))
        lines = [detok(sents[k]) for k in sorted(sents)]
        docs.append({'id': os.path.basename(path)[:-4], 'text': '\n'.join(lines),
                     'story': m.group(1) + m.group(3), 'topic': int(m.group(1))})
    return docs


def write(out, name, docs, keys):
    with open(os.path.join(out, name + '.jsonl'), 'w', encoding='utf-8') as f:
        for d in docs:
            f.write(json.dumps({k: d[k] for k in keys if k in d}, ensure_ascii=False) + '\n')
    with open(os.path.join(out, name + '_gold.jsonl'), 'w', encoding='utf-8') as f:
        for d in docs:
            f.write(json.dumps({'article': d['id'], 'story': d['story']}) + '\n')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(here, '..', '..', 'shared'))
    ap.add_argument('--out', default='/tmp/rashomon-story-sets')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    data = os.path.join(args.shared, 'data')
    meantime = load_meantime(os.path.join(data, 'meantime'))
    write(args.out, 'meantime', meantime, ('id', 'title', 'text', 'lang'))
    for lang in ('en', 'es', 'it', 'nl'):
        write(args.out, 'meantime_' + lang, [d for d in meantime if d['lang'] == lang], ('id', 'title', 'text'))
    langs = ('en', 'es', 'it', 'nl')
    per_lang = {lang: [d for d in meantime if d['lang'] == lang] for lang in langs}
    mixed = [per_lang[langs[i % 4]][i] for i in range(len(per_lang['en']))]
    write(args.out, 'meantime_mixed', mixed, ('id', 'title', 'text'))
    rng = random.Random(16)
    ecb = load_ecb(os.path.join(data, 'ecbplus', 'ECB+'))
    first_day = {}
    for topic in sorted({d['topic'] for d in ecb}):
        day = rng.randrange(0, 50)
        first_day[str(topic) + 'ecb'] = day
        first_day[str(topic) + 'ecbplus'] = day + rng.randrange(3, 13)
    for d in ecb:
        d['published'] = START + 86400 * (first_day[d['story']] + rng.randrange(0, 3)) + rng.randrange(0, 86400)
    write(args.out, 'ecb_dated', ecb, ('id', 'text', 'published'))
    write(args.out, 'ecb_nodates', ecb, ('id', 'text'))


if __name__ == '__main__':
    main()
