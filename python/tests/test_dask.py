"""rashomon.dask on a LocalCluster of two worker processes: the same groups as
one process, and a worker killed mid-run changes nothing."""

import os
import random
import signal
import subprocess
import threading

import pytest

import rashomon
from conftest import cli_groups, rounded

distributed = pytest.importorskip("distributed")
import rashomon.dask as rdask  # noqa: E402


def make_cluster():
    return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                    dashboard_address=None, silence_logs=40)


@pytest.fixture(scope="module")
def client():
    with make_cluster() as cluster, distributed.Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


def test_dedup_on_two_workers_equals_one_process(client, generated):
    articles = rashomon.read(generated)
    single = rashomon.dedup(articles)
    assert len(single) > 20
    for parts in (1, 3, 7):
        stats = {}
        assert rdask.dedup(client, articles, partitions=parts, shuffle_partitions=parts + 1, stats=stats) == single
        # Verifying tasks receive each candidate pair (16 bytes) and at most
        # the 256-byte fingerprints of its two articles.
        assert 0 < stats["verify_bytes"] <= stats["candidates"] * (16 + 2 * 256)
    texts = [a.text or a.title for a in articles]
    assert rdask.dedup(client, texts, threshold=0.9) == rashomon.dedup(texts, threshold=0.9)


def test_verification_moves_rows_not_partitions(client):
    # 2,400 unrelated texts and 6 near-copies: 4 partitions of 601 articles
    # (600 KiB of signatures each), a handful of candidates. Verifying tasks
    # that received whole partitions would take hundreds of KiB; rows, a few.
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choice(vocab) for _ in range(60)) for _ in range(2400)]
    for k in range(6):
        words = texts[k * 397].split()
        words[-1] = "changed"  # 5 of 56 shingles differ: Jaccard 51/61
        texts.append(" ".join(words))
    stats = {}
    groups = rdask.dedup(client, texts, partitions=4, stats=stats)
    assert groups == rashomon.dedup(texts)
    assert len(groups) == 6
    assert 6 <= stats["candidates"] < 100
    assert stats["verify_bytes"] <= stats["candidates"] * (16 + 2 * 256)
    assert stats["verify_bytes"] < 601 * 1024 // 20


def test_dedup_files_equals_cli(client, generated, tmp_path):
    # The corpus cut into three files: three partitions read on the workers.
    lines = open(generated, encoding="utf-8").read().splitlines(keepends=True)
    paths = []
    for i in range(3):
        p = tmp_path / f"part{i}.jsonl"
        p.write_text("".join(lines[i::3]), encoding="utf-8")
        paths.append(str(p))
    assert rounded(rdask.dedup_files(client, paths)) == cli_groups(*paths)


def test_dedup_errors_before_submitting(client, tmp_path):
    with pytest.raises(ValueError, match="threshold"):
        rdask.dedup(client, ["a b c"], threshold=0)
    with pytest.raises(OSError):
        rdask.dedup_files(client, [str(tmp_path / "missing.jsonl")])
    assert rdask.dedup(client, []) == []


def test_worker_killed_mid_run_gives_the_same_answer(generated):
    articles = rashomon.read(generated)
    single = rashomon.dedup(articles)

    # Runs on the workers at the start of every signing task: reports the
    # worker, then holds every task until the test has killed one worker, so
    # the kill always lands mid-run whatever the timing.
    def hold_until_killed(part):
        from distributed import Event, Queue, get_worker
        Queue("rashomon-signing").put(get_worker().address)
        Event("rashomon-killed").wait(timeout=120)

    with make_cluster() as cluster, distributed.Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        outcome = {}

        def run():
            try:
                outcome["groups"] = rdask.dedup(c, articles, partitions=6, on_task=hold_until_killed)
            except Exception as e:  # noqa: BLE001: checked below
                outcome["error"] = e

        t = threading.Thread(target=run)
        t.start()
        victim = distributed.Queue("rashomon-signing", client=c).get(timeout=120)
        pids = c.run(os.getpid)
        os.kill(pids[victim], signal.SIGKILL)
        distributed.Event("rashomon-killed", client=c).set()
        t.join(timeout=300)
        assert not t.is_alive(), "the run did not finish"
        if "error" in outcome:
            # Allowed: one clear error, not a partial answer.
            assert "groups" not in outcome
            pytest.fail(f"run failed after a worker was killed: {outcome['error']!r}")
        assert outcome["groups"] == single


def test_command_line_entry_writes_what_the_cli_writes(client, generated, tmp_path, binary):
    out = tmp_path / "groups.jsonl"
    assert rdask.main(["--scheduler", client.scheduler.address, generated, "-o", str(out)]) == 0
    cli = tmp_path / "cli.jsonl"
    subprocess.run([binary, "-q", "dedup", generated, "-o", str(cli)], check=True)
    assert out.read_bytes() == cli.read_bytes()
    assert rdask.main(["--scheduler", client.scheduler.address, str(tmp_path / "missing.jsonl")]) == 2


def test_time_windows_overlap():
    day = 86400
    published = [0, day // 2, 3 * day, 5 * day + 10, None, 9 * day]
    windows = rdask.time_windows(published, window_days=4, overlap_days=2)
    # Windows start every 2 days and last 4: [0,4), [2,6), [4,8), [6,10), [8,12).
    assert windows == [[0, 1, 2], [2, 3], [3], [5], [5], [4]]
    with pytest.raises(ValueError):
        rdask.time_windows(published, window_days=1, overlap_days=1)


def test_stories_by_time_window(client, sample_dir):
    articles = rashomon.read(sample_dir)
    # Undated articles form a window of their own: left out of the check
    # that one window holding every dated article is one process's answer.
    dated = [a for a in articles if a.published is not None]
    assert 2 < len(dated) < len(articles)
    assert rdask.stories(client, dated, window_days=3650, overlap_days=0) == rashomon.stories(dated)
    single = rashomon.stories(articles)
    # Narrow windows: a measured difference, never a lost article.
    windowed = rdask.stories(client, articles, window_days=1, overlap_days=0.5)
    assert set(windowed) == set(single)
    recall, precision = rdask.pair_agreement(single, windowed)
    assert 0.0 <= recall <= 1.0 and 0.0 <= precision <= 1.0


def test_analyze_on_two_workers_equals_one_process(client, sample_dir, generated_small):
    # The sample: several stories; the generated corpus: one of 200 articles.
    for articles, least in ((rashomon.read(sample_dir), 3), (rashomon.read(generated_small), 1)):
        single = rashomon.analyze(articles)
        assert len(single["stories"]) >= least
        assert rdask.analyze(client, articles, partitions=3) == single
    assert rdask.analyze(client, []) == rashomon.analyze([])


def test_analyze_cleans_with_the_whole_corpus_counts(client):
    # A line that recurs across three unrelated stories is boilerplate by the
    # corpus counts only: each story alone holds it once.
    line = "Northern edition weekend desk"
    bodies = [
        ("Lake ferry returns", "The lake ferry returned to service on Monday after a month of repairs to its hull.",
         "Operators said crossings would run every hour until the end of the season."),
        ("Orchard frost", "A late frost damaged apple blossom across the northern orchards overnight.",
         "Growers lit burners in the rows but expect a smaller harvest this autumn."),
        ("Library extension", "The town library will add a reading room and a children's wing next spring.",
         "Councillors approved the plan after a public meeting on Thursday evening."),
    ]
    records = [{"id": f"p{i}", "source": f"Paper {i}", "published": f"2025-02-0{i + 1}T08:00:00Z", "title": t,
                "text": f"{a}\n{line}\n{b}"} for i, (t, a, b) in enumerate(bodies)]
    articles = rashomon.read(records)
    single = rashomon.analyze(articles)
    assert len(single["stories"]) == 3
    assert rdask.analyze(client, articles, partitions=3) == single


def test_analyze_by_time_window(client, sample_dir):
    articles = rashomon.read(sample_dir)
    report = rdask.analyze(client, articles, window_days=1, overlap_days=0.5)
    ids = sorted(a["id"] for s in report["stories"] for a in s["articles"])
    assert ids == sorted(a.id for a in articles)
