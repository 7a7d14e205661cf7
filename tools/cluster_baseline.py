#!/usr/bin/python3
"""TF-IDF + agglomerative clustering baseline (scikit-learn), side by side with rashomon.

For each data set (ECB+ story level, ECB+ topic level, UCI headlines) it sweeps the
baseline's distance threshold and reports its *best* B-cubed F1 and ARI (an oracle
threshold, the most favourable setting for the baseline), then runs
`rashomon eval clusters` with rashomon's fixed thresholds on the same data and
prints both.

Also MEANTIME and the dated ECB+ stream when tools/make_story_sets.py has
written them (--sets).

Usage: tools/cluster_baseline.py [--shared ../shared] [--rashomon build/rashomon] [--sets DIR]
Needs Debian's python3-sklearn (run with /usr/bin/python3).
"""
import argparse
import collections
import csv
import glob
import os
import re
import subprocess
import sys
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score


def bcubed(pred, gold):
    n = len(pred)
    pc = collections.Counter(pred)
    gc = collections.Counter(gold)
    joint = collections.Counter(zip(pred, gold))
    p = sum(joint[(pred[i], gold[i])] / pc[pred[i]] for i in range(n)) / n
    r = sum(joint[(pred[i], gold[i])] / gc[gold[i]] for i in range(n)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_ecbplus(root):
    texts, story, topic = [], [], []
    tok = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')
    for path in sorted(glob.glob(os.path.join(root, '*', '*.xml'))):
        m = re.match(r'(\d+)_(\d+)(ecbplus|ecb)\.xml$', os.path.basename(path))
        if not m:
            continue
        with open(path, encoding='utf-8') as f:
            words = [w for _, w in tok.findall(f.read())]
        texts.append(' '.join(words))
        story.append(m.group(1) + m.group(3))
        topic.append(m.group(1))
    return texts, story, topic


def load_uci(path):
    texts, story = [], []
    with open(path, encoding='utf-8') as f:
        for row in csv.DictReader(f):
            texts.append(row['TITLE'])
            story.append(row['STORY'])
    return texts, story


def cut_tree(children, distances, n, threshold):
    """Flat clusters of a full agglomerative tree: apply every merge below threshold."""
    parent = list(range(2 * n - 1))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for step, (a, b) in enumerate(children):
        if distances[step] >= threshold:
            break  # average linkage merges at non-decreasing distances
        node = n + step
        parent[find(a)] = node
        parent[find(b)] = node
    return [str(find(i)) for i in range(n)]


def best_baseline(texts, gold, label):
    vec = TfidfVectorizer(stop_words='english', sublinear_tf=True, min_df=1)
    x = vec.fit_transform(texts).astype(np.float32).toarray()
    start = time.time()
    # One full tree, then every threshold is a cut of it (same result as
    # refitting AgglomerativeClustering with distance_threshold each time).
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=0.0, compute_full_tree=True,
                                    metric='cosine', linkage='average')
    model.fit(x)
    fit_secs = time.time() - start
    n = len(texts)
    best = None
    for t in np.arange(0.05, 1.0, 0.01):
        pred = cut_tree(model.children_, model.distances_, n, float(t))
        p, r, f1 = bcubed(pred, gold)
        if best is None or f1 > best[2]:
            best = (p, r, f1, adjusted_rand_score(gold, pred), float(t), len(set(pred)))
    p, r, f1, ari, t, k = best
    print(f'  {label:30s} sklearn   B3-P {p:.3f} B3-R {r:.3f} B3-F1 {f1:.3f} ARI {ari:.3f}'
          f'  (best cosine-distance threshold {t:.2f}, {k} clusters; fit {fit_secs:.1f}s)', flush=True)
    return best


def run_rashomon(binary, args):
    out = subprocess.run([binary, '-q', 'eval', 'clusters'] + args, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return out.stdout


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(here, '..', '..', 'shared'))
    ap.add_argument('--rashomon', default=os.path.join(here, '..', 'build', 'rashomon'))
    ap.add_argument('--sets', default='/tmp/rashomon-story-sets', help='output of tools/make_story_sets.py')
    args = ap.parse_args()
    data = os.path.join(args.shared, 'data')

    print('ECB+ (all topics present)')
    texts, story, topic = load_ecbplus(os.path.join(data, 'ecbplus', 'ECB+'))
    best_baseline(texts, story, 'story level (topic+ecb/plus)')
    best_baseline(texts, topic, 'topic level')
    print(run_rashomon(args.rashomon, ['--dataset', 'ecbplus']))

    # Development sets made of real text by tools/make_story_sets.py.
    import json
    sets_dir = args.sets
    for name in ('meantime', 'ecb_dated'):
        path = os.path.join(sets_dir, name + '.jsonl')
        if not os.path.exists(path):
            continue
        gold = {}
        with open(os.path.join(sets_dir, name + '_gold.jsonl')) as f:
            for line in f:
                g = json.loads(line)
                gold[g['article']] = g['story']
        texts, story = [], []
        with open(path, encoding='utf-8') as f:
            for line in f:
                a = json.loads(line)
                texts.append((a.get('title', '') + '\n' + a['text']).strip())
                story.append(gold[a['id']])
        print(name + ' (tools/make_story_sets.py)')
        best_baseline(texts, story, 'story level')
        print(run_rashomon(args.rashomon, ['--dataset', 'jsonl', '--data', path, '--gold',
                                           os.path.join(sets_dir, name + '_gold.jsonl')]))

    print('UCI news aggregator sample')
    texts, story = load_uci(os.path.join(data, 'uci-news-aggregator-sample',
                                         'uci-news-aggregator-first6366.csv'))
    best_baseline(texts, story, 'story level')
    print(run_rashomon(args.rashomon, ['--dataset', 'uci']))


if __name__ == '__main__':
    main()
