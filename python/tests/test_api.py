"""The Python API: round trips, equality with the CLI, errors on bad input."""

import gzip
import json
import random
import threading

import numpy as np
import pytest

import rashomon
from conftest import cli_groups, cli_json_lines, rounded, run_cli

WORDS = ("harbour council ferry vote storm bridge tender pilot engine crew minister budget river "
         "school hospital rail port market drought flood court judge strike union plant").split()


def invented_text(rng, words=120):
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(words))


def paraphrase(rng, text, edits=3):
    words = text.split()
    for _ in range(edits):
        words[rng.randrange(len(words))] = "changed" + str(rng.randrange(1000))
    return " ".join(words)


# --- reading ---------------------------------------------------------------

def test_read_sample_and_dict_round_trip():
    articles = rashomon.read()
    assert len(articles) > 5
    assert all(a.id and (a.text or a.title) for a in articles)
    dicts = [rashomon.article_to_dict(a) for a in articles]
    again = rashomon.read(dicts)
    for a, b in zip(articles, again):
        assert (a.id, a.title, a.text, a.source, a.url, a.published) == \
               (b.id, b.title, b.text, b.source, b.url, b.published)


def test_read_dicts_uses_the_json_lines_aliases():
    [a] = rashomon.read([{"id": "x1", "headline": "Bridge Opens", "body": "The new bridge opened today.",
                          "outlet": "Harbour Times", "date": "2024-03-01T10:00:00Z"}])
    assert (a.id, a.title, a.source) == ("x1", "Bridge Opens", "Harbour Times")
    assert a.text.startswith("The new bridge") and a.published == 1709287200


def test_read_files_same_as_dicts(tmp_path):
    records = [{"id": f"a{i}", "title": f"T{i}", "text": f"Body number {i} of the test."} for i in range(5)]
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write("\n".join(json.dumps(r) for r in records) + "\n")
    from_file = rashomon.read(path)
    assert [a.id for a in from_file] == [r["id"] for r in records]
    assert [a.text for a in from_file] == [a.text for a in rashomon.read(records)]


def test_repeated_ids_are_renamed_as_the_cli_does():
    out = rashomon.read([{"id": "d", "text": "one text"}, {"id": "d", "text": "another text"}])
    assert [a.id for a in out] == ["d", "d#2"]


# --- MinHash and LSH ---------------------------------------------------------

def test_minhasher_signatures_are_numpy_and_consistent():
    rng = random.Random(3)
    texts = [invented_text(rng) for _ in range(20)] + [""]
    h = rashomon.MinHasher(num_values=128)
    one = h.signature(texts[0])
    assert one.dtype == np.uint32 and one.shape == (128,)
    many = h.signatures(texts)
    assert many.shape == (21, 128)
    assert np.array_equal(many[0], one)
    assert h.signature("").shape == (0,)
    assert (many[20] == 0xFFFFFFFF).all()  # no token: matches nothing


def test_lsh_index_insert_query_remove():
    rng = random.Random(5)
    base = [invented_text(rng) for _ in range(50)]
    h = rashomon.MinHasher()
    index = rashomon.LshIndex(threshold=0.8)
    ids = index.insert_many(h.signatures(base))
    assert ids == list(range(50)) and len(index) == 50
    near = h.signature(paraphrase(rng, base[17], edits=1))
    matches = index.query(near)
    assert [m[0] for m in matches] == [17] and 0.8 <= matches[0][1] <= 1.0
    assert index.query(h.signature(invented_text(rng))) == []
    index.remove(17)
    assert index.query(near) == [] and len(index) == 49
    with pytest.raises(KeyError):
        index.remove(17)
    new_id = index.insert(near)
    assert new_id == 50 and [m[0] for m in index.query(near)] == [50]
    keys = index.band_keys(h.signatures([base[3], base[3], base[4]]))
    assert keys.shape == (3, index.bands)
    assert np.array_equal(keys[0], keys[1]) and not np.array_equal(keys[0], keys[2])


def test_lsh_index_narrow_fingerprints_find_the_same_copy_in_less_memory():
    rng = random.Random(6)
    base = [invented_text(rng) for _ in range(200)]
    h = rashomon.MinHasher()
    sigs = h.signatures(base)
    near = h.signature(paraphrase(rng, base[42], edits=1))
    memory = {}
    for bits in (8, 4):
        index = rashomon.LshIndex(threshold=0.8, bits=bits)
        assert index.bits == bits
        index.insert_many(sigs)
        assert [m[0] for m in index.query(near)] == [42]
        memory[bits] = index.memory_bytes
    # 256 values: 128 bytes fewer per signature at 4 bits than at 8.
    assert memory[8] - memory[4] == 128 * 200
    with pytest.raises(ValueError):
        rashomon.LshIndex(bits=3)


def test_fingerprints_taken_out_estimate_what_the_index_estimates():
    rng = random.Random(8)
    base = [invented_text(rng) for _ in range(20)]
    texts = base + [paraphrase(rng, t, edits=e % 4) for e, t in enumerate(base)]
    sigs = rashomon.MinHasher().signatures(texts)
    for bits in (0, 4, 8):
        index = rashomon.LshIndex(threshold=0.8, bits=bits)
        index.insert_many(sigs)
        fps = index.fingerprints(sigs)
        assert fps.dtype == np.uint8 and fps.shape == (40, 256 * index.bits // 8)
        a, b = np.arange(20), np.arange(20, 40)
        sims = index.fingerprint_similarities(fps[a], fps[b])
        assert sims.tolist() == [index.similarity(int(i), int(j)) for i, j in zip(a, b)]
        assert max(sims) > 0.8 and min(sims) < 0.8
        pairs = np.stack([a, b], axis=1)
        assert index.pair_similarities(fps, pairs).tolist() == sims.tolist()
    with pytest.raises(ValueError, match="fingerprints"):
        index.fingerprint_similarities(fps[:, :10], fps[:, :10])
    with pytest.raises(ValueError, match="rows"):
        index.fingerprint_similarities(fps[:3], fps[:4])
    with pytest.raises(ValueError, match="out of range"):
        index.pair_similarities(fps, np.array([[0, 40]]))


# --- dedup -------------------------------------------------------------------

def test_dedup_texts_finds_paraphrases_of_invented_texts():
    rng = random.Random(11)
    originals = [invented_text(rng) for _ in range(30)]
    texts = list(originals)
    planted = {}
    for i in (2, 9, 21):
        texts.append(paraphrase(rng, originals[i], edits=2))
        planted[i] = len(texts) - 1
    groups = rashomon.dedup(texts, threshold=0.8)
    assert sorted([k for k, _ in g] for g in groups) == sorted([[i, j] for i, j in planted.items()])
    for g in groups:
        assert g[0][1] == 1.0 and 0.8 <= g[1][1] < 1.0


def test_dedup_equals_cli_on_sample(binary, sample_dir):
    cli = cli_groups(sample_dir)
    assert rounded(rashomon.dedup_files(sample_dir)) == cli
    assert rounded(rashomon.dedup(rashomon.read(sample_dir))) == cli


def test_dedup_equals_cli_on_generated_corpus(generated):
    cli = cli_groups(generated)
    assert len(cli) > 20  # the generator plants near-duplicates
    assert rounded(rashomon.dedup_files(generated)) == cli
    articles = rashomon.read(generated)
    assert rounded(rashomon.dedup(articles)) == cli
    assert rounded(rashomon.dedup([rashomon.article_to_dict(a) for a in articles])) == cli
    # Threshold and signature size pass through.
    assert rounded(rashomon.dedup_files(generated, 0.9, num_values=128)) == \
        cli_groups(generated, "--threshold", "0.9", "--values", "128")


def test_dedup_releases_the_gil():
    rng = random.Random(1)
    texts = [invented_text(rng, 400) for _ in range(4000)] * 3
    done = threading.Event()
    ticks = 0

    def work():
        rashomon.dedup(texts, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks += 1
        done.wait(0.001)
    t.join()
    assert ticks > 5  # the main thread ran while dedup worked


# --- stories, analysis, store --------------------------------------------------

def test_stories_equal_cli(sample_dir, generated_small):
    for path in (sample_dir, generated_small):
        cli = {r["article"]: r["story"] for r in cli_json_lines("stories", path)}
        assert rashomon.stories(rashomon.read(path)) == cli


def test_analyze_equals_cli_json(sample_dir, generated_small):
    assert rashomon.analyze() == json.loads(run_cli("analyze", "--format", "json"))
    got = rashomon.analyze(rashomon.read(generated_small))
    assert got == json.loads(run_cli("analyze", "--format", "json", generated_small))
    assert got["stories"] and all("articles" in s for s in got["stories"])


def test_store_ingest_stories_report(tmp_path, sample_dir):
    db = tmp_path / "news.db"
    with rashomon.Store(db) as store:
        done = store.ingest(sample_dir)
        assert len(done) == len(rashomon.read(sample_dir)) and all(d["new"] for d in done)
        again = store.ingest(rashomon.read(sample_dir))
        assert not any(d["new"] for d in again)
        stories = store.stories()
        assert set(stories) == {d["id"] for d in done}
        assert {d["id"]: d["story"] for d in done} == stories
        report = store.report()
    assert report == json.loads(run_cli("report", "--db", str(db), "--format", "json"))


# --- bad input -----------------------------------------------------------------

def test_missing_path_is_oserror(tmp_path):
    with pytest.raises(OSError, match="nope.jsonl"):
        rashomon.read(tmp_path / "nope.jsonl")
    with pytest.raises(OSError, match="nope"):
        rashomon.dedup_files([str(tmp_path / "nope")])
    with pytest.raises(OSError):
        rashomon.Store(tmp_path / "no" / "such" / "dir" / "x.db")


def test_empty_binary_and_malformed_files_are_value_errors_naming_them(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "fine text here"}\n{"id": "b", "text": \n')
    for path, where in ((empty, "empty.jsonl"), (binary, "blob.txt"), (bad, "bad.jsonl:2")):
        with pytest.raises(ValueError, match=where.replace(".", r"\.")):
            rashomon.read(path)
        with pytest.raises(ValueError, match=where.replace(".", r"\.")):
            rashomon.dedup_files(path)
    # errors="warn": the good records of a file still come through.
    with pytest.warns(RuntimeWarning, match="bad.jsonl:2"):
        assert [a.id for a in rashomon.read(bad, errors="warn")] == ["ok"]


def test_wrong_types_are_value_errors_naming_the_article():
    with pytest.raises(ValueError, match="<records>.jsonl:2"):
        rashomon.read([{"id": "a", "text": "fine"}, {"id": "b", "text": 5}])
    with pytest.raises(ValueError, match="'c'"):
        rashomon.read([{"id": "c", "text": b"bytes"}])
    with pytest.raises(ValueError, match="dict"):
        rashomon.articles_from_dicts([{"id": "a", "text": "x"}, 7])
    with pytest.raises(ValueError):
        rashomon.read([1, 2])
    with pytest.raises(ValueError):
        rashomon.dedup("one string")
    with pytest.raises(ValueError):
        rashomon.dedup([1, 2, 3])
    with pytest.raises(ValueError, match="threshold"):
        rashomon.dedup(["a b c"], threshold=1.5)
    with pytest.raises(ValueError, match="errors"):
        rashomon.read([], errors="ignore")
    with pytest.raises(TypeError):
        rashomon.MinHasher().signature(42)
    with pytest.raises(ValueError, match="expected 256"):
        rashomon.LshIndex().insert(np.zeros(10, dtype=np.uint32))
