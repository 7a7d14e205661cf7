"""Shared fixtures: the CLI binary, the source tree, generated corpora."""

import json
import os
import subprocess

import pytest

SOURCE_DIR = os.environ.get("RASHOMON_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BINARY = os.environ.get("RASHOMON_BINARY", os.path.join(SOURCE_DIR, "build", "rashomon"))


def run_cli(*args):
    """Standard output of `rashomon -q ARGS...` (which must succeed)."""
    done = subprocess.run([BINARY, "-q", *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def cli_json_lines(*args):
    return [json.loads(line) for line in run_cli(*args).splitlines() if line.strip()]


def cli_groups(*args):
    """`rashomon dedup` output as lists of (id, similarity)."""
    return [[(m["id"], m["similarity"]) for m in g["articles"]] for g in cli_json_lines("dedup", *args)]


def rounded(groups):
    """Similarities to the CLI's 4 digits."""
    return [[(k, round(s * 1e4) / 1e4) for k, s in g] for g in groups]


@pytest.fixture(scope="session")
def binary():
    if not os.path.exists(BINARY):
        pytest.skip(f"no CLI binary at {BINARY}")
    return BINARY


@pytest.fixture(scope="session")
def sample_dir():
    return os.path.join(SOURCE_DIR, "corpus", "sample")


def _generate(tmp_path_factory, name, articles, seed):
    out = tmp_path_factory.mktemp(name)
    run_cli("generate", "--from", os.path.join(SOURCE_DIR, "corpus", "sample"), "-o", str(out),
            "--articles", str(articles), "--seed", str(seed))
    return str(out / "articles.jsonl")


@pytest.fixture(scope="session")
def generated(tmp_path_factory, binary):
    """1,500 generated articles with planted near-duplicates (JSON Lines)."""
    return _generate(tmp_path_factory, "gen1500", 1500, 7)


@pytest.fixture(scope="session")
def generated_small(tmp_path_factory, binary):
    """200 generated articles, for the slower story and analysis checks."""
    return _generate(tmp_path_factory, "gen200", 200, 11)
