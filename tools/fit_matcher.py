#!/usr/bin/python3
"""Fits the sentence matcher's weights (src/analysis/align.cc) on MSRP train.

  build/rashomon eval paraphrase --features /tmp/msrp.tsv   # gold, then features
  /usr/bin/python3 tools/fit_matcher.py /tmp/msrp.tsv

Prints 10-fold cross-validated accuracy and F1 (fold i = pairs whose index %
10 == i; weights and threshold fitted on nine folds, scored on the tenth),
then the weights, bias and threshold fitted on all pairs, which align.cc
holds as constants. Feature 5 (name agreement) is held at 0; see align.cc.
Needs numpy and scikit-learn (Debian: python3-sklearn).
"""
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression


def best_threshold(scores, gold):
    values = np.sort(np.unique(scores))
    cuts = np.concatenate([[values[0] - 1e-4], (values[:-1] + values[1:]) / 2])
    accuracy = [((scores >= t) == gold).mean() for t in cuts]
    return cuts[int(np.argmax(accuracy))]


def main():
    data = np.loadtxt(sys.argv[1])
    gold = data[:, 0].astype(int)
    x = data[:, 1:].copy()
    x[:, 5] = 0
    index = np.arange(len(gold))
    accs, f1s = [], []
    for fold in range(10):
        test = index % 10 == fold
        model = LogisticRegression(C=10, max_iter=1000).fit(x[~test], gold[~test])
        s = model.decision_function(x)
        t = best_threshold(s[~test], gold[~test])
        pred, g = s[test] >= t, gold[test] == 1
        tp, fp, fn = (pred & g).sum(), (pred & ~g).sum(), (~pred & g).sum()
        accs.append((pred == g).mean())
        f1s.append(2 * tp / (2 * tp + fp + fn))
        print(f"fold {fold}: accuracy {100 * accs[-1]:.1f}%  F1 {100 * f1s[-1]:.1f}")
    print(f"10-fold mean: accuracy {100 * np.mean(accs):.1f}%  F1 {100 * np.mean(f1s):.1f}")
    model = LogisticRegression(C=10, max_iter=1000).fit(x, gold)
    t = best_threshold(model.decision_function(x), gold)
    print("weights", np.round(model.coef_[0], 4).tolist())
    print(f"bias {model.intercept_[0]:.4f}  threshold {1 / (1 + np.exp(-t)):.4f} (logit {t:.4f})")


if __name__ == "__main__":
    main()
