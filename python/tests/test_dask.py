"""rashomon.dask on a LocalCluster of two worker processes: the same groups as
one process, and a worker killed mid-run changes nothing."""

import os
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
        assert rdask.dedup(client, articles, partitions=parts, shuffle_partitions=parts + 1) == single
    texts = [a.text or a.title for a in articles]
    assert rdask.dedup(client, texts, threshold=0.9) == rashomon.dedup(texts, threshold=0.9)


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
