"""rashomon: multi-source news analysis from Python.

Reading, near-duplicate detection (MinHash + LSH), story finding and the
analysis report, each backed by the C++ engine (rashomon._rashomon) with the
GIL released while it works. See docs/python.md for a tutorial.

Articles are ``rashomon.Article`` objects; every function that takes articles
also takes plain dicts with the JSON Lines fields (id, title, text, source,
url, published, byline, lang, and the aliases the JSON Lines reader accepts).

Errors: a path that cannot be read raises ``OSError``; bad content (empty or
binary files, malformed JSON, fields of the wrong type) and bad arguments
raise ``ValueError``; each message names the file and line, or the article.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _rashomon
from ._rashomon import Article, LshIndex, MinHasher

__all__ = [
    "Article",
    "LshIndex",
    "MinHasher",
    "Store",
    "analyze",
    "articles_from_dicts",
    "dedup",
    "dedup_files",
    "read",
    "read_sample",
    "stories",
]

PathLike = Union[str, "os.PathLike[str]"]
Group = List[Tuple[Union[str, int], float]]

_ERRORS = ("raise", "warn")


def _check_errors(errors: str) -> bool:
    if errors not in _ERRORS:
        raise ValueError(f"errors must be 'raise' or 'warn', got {errors!r}")
    return errors == "raise"


def _finish(result, strict: bool) -> List[Article]:
    if not strict:
        for message in result.errors:
            warnings.warn(message, RuntimeWarning, stacklevel=3)
    return list(result.articles)


def _path_list(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    if isinstance(paths, (bytes, bytearray)):
        raise ValueError("paths must be str or os.PathLike, not bytes")
    out = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise ValueError(f"paths must be str or os.PathLike, got {type(p).__name__}")
        out.append(os.fspath(p))
    return out


def read_sample() -> List[Article]:
    """The bundled sample corpus, as ``rashomon analyze`` with no path reads it."""
    return list(_rashomon.read_sample().articles)


def articles_from_dicts(records: Iterable[Dict[str, Any]], *, errors: str = "raise") -> List[Article]:
    """Articles from dicts with the JSON Lines fields.

    Each dict goes through the JSON Lines reader, so the same field names,
    aliases, date formats and checks apply. Messages name record N (counting
    from 1) as line N of ``<records>.jsonl``.
    """
    strict = _check_errors(errors)
    lines = []
    for n, record in enumerate(records, 1):
        if isinstance(record, Article):
            record = article_to_dict(record)
        if not isinstance(record, dict):
            raise ValueError(f"<records>.jsonl:{n}: an article must be a dict, got {type(record).__name__}")
        try:
            lines.append(json.dumps(record, ensure_ascii=False, allow_nan=False))
        except (TypeError, ValueError) as e:
            ident = record.get("id", "?")
            raise ValueError(f"<records>.jsonl:{n}: article {ident!r}: not JSON-serialisable: {e}") from None
    if not lines:
        return []
    data = "\n".join(lines) + "\n"
    return _finish(_rashomon.read_jsonl_bytes("<records>.jsonl", data, strict), strict)


def article_to_dict(a: Article) -> Dict[str, Any]:
    """The JSON Lines fields of an article."""
    d = {"id": a.id, "title": a.title, "text": a.text, "source": a.source, "url": a.url,
         "byline": a.byline, "lang": a.lang}
    if a.published is not None:
        d["published"] = a.published
    return {k: v for k, v in d.items() if v not in ("", None) or k in ("id", "text")}


def read(paths: Union[PathLike, Iterable[Any], None] = None, *, errors: str = "raise") -> List[Article]:
    """Articles from files or folders (any format the CLI reads), or from dicts.

    ``paths`` is a path, a list of paths, or a list of dicts or Articles; none
    reads the bundled sample. With ``errors="raise"`` (the default) any bad
    input raises ``ValueError`` naming it (a missing path raises ``OSError``);
    with ``errors="warn"`` the bad inputs are reported as warnings and the
    others returned. Ids are made unique as the CLI does ("id#2", ...).
    """
    strict = _check_errors(errors)
    if paths is None:
        return read_sample()
    if not isinstance(paths, (str, os.PathLike, bytes, bytearray)):
        items = list(paths)
        if items and all(isinstance(x, (dict, Article)) for x in items):
            return articles_from_dicts(items, errors=errors)
        paths = items
    return _finish(_rashomon.read_paths(_path_list(paths), strict), strict)


def _articles(items: Union[Sequence[Any], None]) -> List[Article]:
    if items is None:
        return read_sample()
    if isinstance(items, (str, bytes, os.PathLike)):
        raise ValueError("expected a list of articles; use rashomon.read(path) for files")
    items = list(items)
    if all(isinstance(x, Article) for x in items):
        return items
    if all(isinstance(x, (dict, Article)) for x in items):
        return articles_from_dicts(items)
    bad = next(x for x in items if not isinstance(x, (dict, Article)))
    raise ValueError(f"expected Articles or dicts, got {type(bad).__name__}")


def _key_groups(groups, keys) -> List[Group]:
    return [[(keys[i], s) for i, s in g] for g in groups]


def dedup(items: Sequence[Any], threshold: float = 0.8, *, shingle_words: int = 5,
          num_values: int = 256, threads: int = 0) -> List[Group]:
    """Groups of near-duplicates: lists of (key, similarity), in input order.

    ``items`` are texts (keys are their positions) or articles/dicts (keys
    are their ids; the body is compared, or the title when it is empty).
    The first member of a group is its reference; similarity is each
    member's estimated Jaccard (5-word shingles) to it. The same groups as
    ``rashomon dedup`` on the same articles.
    """
    if isinstance(items, (str, bytes)):
        raise ValueError("dedup takes a list of texts or articles, not one string")
    items = list(items)
    if all(isinstance(x, str) for x in items):
        return _rashomon.dedup_texts(items, threshold, shingle_words, num_values, threads)
    articles = _articles(items)
    groups = _rashomon.dedup_articles(articles, threshold, shingle_words, num_values, threads)
    return _key_groups(groups, [a.id for a in articles])


def dedup_files(paths: Union[PathLike, Iterable[PathLike]], threshold: float = 0.8, *,
                shingle_words: int = 5, num_values: int = 256, threads: int = 0,
                errors: str = "raise") -> List[Group]:
    """``dedup`` of the articles of files, streamed as the CLI does (the
    texts are not kept): the same groups as ``rashomon dedup PATH...``."""
    strict = _check_errors(errors)
    ids, groups = _rashomon.dedup_paths(_path_list(paths), threshold, shingle_words, num_values,
                                        threads, strict)
    return _key_groups(groups, ids)


def stories(articles: Optional[Sequence[Any]] = None, *, threads: int = 0) -> Dict[str, str]:
    """Story id of each article, by article id (input order), as
    ``rashomon stories`` assigns them."""
    return dict(_rashomon.stories(_articles(articles), threads))


def analyze(articles: Optional[Sequence[Any]] = None, *, threads: int = 0) -> Dict[str, Any]:
    """The report ``rashomon analyze --format json`` writes, as Python dicts
    (docs/json-contract.md). No articles: the bundled sample."""
    return json.loads(_rashomon.analyze_json(_articles(articles), threads))


class Store:
    """A rashomon database (SQLite), as ``rashomon ingest`` / ``report --db``
    use it. Usable as a context manager."""

    def __init__(self, path: PathLike, *, threads: int = 0):
        self._store = _rashomon.Store(os.fspath(path), threads)

    def ingest(self, articles: Union[Sequence[Any], PathLike]) -> List[Dict[str, Any]]:
        """Adds articles (or the articles of a path); one dict per article:
        id (as stored), story (its story id), new."""
        if isinstance(articles, (str, os.PathLike)):
            articles = read(articles)
        return self._store.ingest(_articles(articles))

    def stories(self) -> Dict[str, int]:
        """Story id of each stored article, by article id."""
        return dict(self._store.assignments())

    def report(self) -> Dict[str, Any]:
        """The report ``rashomon report --db PATH --format json`` writes."""
        return json.loads(self._store.report_json())

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
