#!/usr/bin/python3
"""Facts shared by a translated article and its source, in a JSON report.

For the pooled MEANTIME set (tools/make_story_sets.py), whose article ids end
in the language ("corpus_airbus-100911-es" translates
"corpus_airbus-100911-en"): for each translated article in the same story as
its English source, whether a fact of the report holds both, how many facts
do, and whether such a fact counts the two as independent sources (it should
not: a translation is no second witness). Also the quotes with a version
marked translated.

Usage:
  build/rashomon --quiet analyze $S/meantime.jsonl -f json -o /tmp/meantime.json
  tools/translated_facts.py /tmp/meantime.json
"""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    pairs = aligned = shared = translated_facts = overcounted = 0
    quotes = translated_versions = 0
    for story in report["stories"]:
        ids = {a["id"] for a in story["articles"]}
        facts_of = {}
        for fact in story["facts"]:
            for a in fact["articles"]:
                facts_of.setdefault(a, []).append(fact)
        for a in sorted(ids):
            stem, _, lang = a.rpartition("-")
            source = stem + "-en"
            if lang == "en" or source not in ids:
                continue
            pairs += 1
            own = facts_of.get(a, [])
            both = [f for f in own if source in f["articles"]]
            translated_facts += len(own)
            shared += len(both)
            aligned += bool(both)
            overcounted += sum(1 for f in both if f["independent_sources"] >= len(
                {x.rpartition("-")[0] for x in f["articles"]}) + 1)
        for q in story["quotes"]:
            n = sum(1 for v in q["versions"] if v.get("translated"))
            translated_versions += n
            quotes += n > 0
    print(f"translated articles in their source's story: {pairs}")
    print(f"  with a fact shared with the source: {aligned}")
    print(f"  facts of theirs shared with the source: {shared} of {translated_facts}")
    print(f"  shared facts counting the translation as a further witness: {overcounted}")
    print(f"quotes with a translated version: {quotes} ({translated_versions} translated versions)")


if __name__ == "__main__":
    main()
