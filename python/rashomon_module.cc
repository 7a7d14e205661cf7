// rashomon._rashomon: the C++ libraries seen from Python (pybind11).
//
// Every call that reads, signs, clusters or analyses releases the GIL; its
// arguments are converted to C++ values first. Input problems become Python
// exceptions naming the file or article: OSError for a path that cannot be
// read, ValueError for bad content or arguments. The Python package
// (rashomon/__init__.py) is the documented interface; this module is its
// engine.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/status.h"
#include "cli/common.h"
#include "ingest/article.h"
#include "ingest/ingest.h"
#include "pipeline/dedup_paths.h"
#include "pipeline/pipeline.h"
#include "report/json_reader.h"
#include "report/writer.h"
#include "sketch/dedup.h"
#include "sketch/lsh.h"
#include "sketch/minhash.h"
#include "sketch/shingle.h"
#include "stories/stories.h"
#include "store/store.h"
#include "text/boilerplate.h"
#include "text/document.h"

namespace py = pybind11;

namespace rashomon::python {
namespace {

using U32Array = py::array_t<uint32_t, py::array::c_style | py::array::forcecast>;
using U8Array = py::array_t<uint8_t, py::array::c_style | py::array::forcecast>;

// OSError with a message (pybind11 has no ready-made translator for it).
class OsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void ThrowStatus(const Status& status) {
  if (status.code() == StatusCode::kNotFound || status.code() == StatusCode::kIoError ||
      status.code() == StatusCode::kBusy) {
    throw OsError(status.message());
  }
  throw py::value_error(status.message());
}

// The errors a read met, as one message: the first few lines, then a count.
std::string DescribeErrors(const Diagnostics& diag) {
  std::string message;
  size_t shown = 0;
  for (const Diagnostic& d : diag.Snapshot()) {
    if (d.severity != Severity::kError) continue;
    if (shown == 3) break;
    if (!message.empty()) message += "; ";
    std::string line = FormatDiagnostic(d);
    const std::string_view prefix = "rashomon: error: ";
    if (line.rfind(prefix, 0) == 0) line.erase(0, prefix.size());
    message += line;
    ++shown;
  }
  if (diag.error_count() > shown) {
    message += "; and " + std::to_string(diag.error_count() - shown) + " more errors";
  }
  return message;
}

struct ReadResult {
  std::vector<Article> articles;
  std::vector<std::string> errors;    // formatted, one per error
  std::vector<std::string> warnings;  // formatted
};

void CollectMessages(const Diagnostics& diag, ReadResult* out) {
  for (const Diagnostic& d : diag.Snapshot()) {
    (d.severity == Severity::kError ? out->errors : out->warnings).push_back(FormatDiagnostic(d));
  }
}

// Missing paths are OSErrors before anything is read.
void CheckPathsExist(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) throw OsError(p + ": no such file or folder");
  }
}

ReadResult ReadPaths(const std::vector<std::string>& paths, bool strict) {
  CheckPathsExist(paths);
  ReadResult result;
  std::string failure;
  {
    py::gil_scoped_release release;
    Diagnostics diag(/*echo=*/false);
    ArticleCollector collector(&diag);
    IngestPaths(paths, IngestOptions{}, diag, collector.AsSink());
    result.articles = std::move(collector.articles());
    CollectMessages(diag, &result);
    if (strict && diag.error_count() > 0) failure = DescribeErrors(diag);
  }
  if (!failure.empty()) throw py::value_error(failure);
  return result;
}

// JSON Lines bytes (one record a line) read as the file `name`.
ReadResult ReadJsonLinesBytes(const std::string& name, const std::string& bytes, bool strict) {
  ReadResult result;
  std::string failure;
  {
    py::gil_scoped_release release;
    Diagnostics diag(/*echo=*/false);
    ArticleCollector collector(&diag);
    IngestStats stats;
    if (!bytes.empty()) IngestBytes(name, bytes, IngestOptions{}, diag, collector.AsSink(), &stats);
    result.articles = std::move(collector.articles());
    CollectMessages(diag, &result);
    if (strict && diag.error_count() > 0) failure = DescribeErrors(diag);
  }
  if (!failure.empty()) throw py::value_error(failure);
  return result;
}

ReadResult ReadSample() {
  ReadResult result;
  py::gil_scoped_release release;
  Diagnostics diag(/*echo=*/false);
  result.articles = cli::LoadArticles({}, diag);
  CollectMessages(diag, &result);
  return result;
}

// The text dedup compares: the body, or the title when the body is empty.
std::string_view DedupText(const Article& a) { return a.text.empty() ? a.title : a.text; }

DedupOptions MakeDedupOptions(double threshold, int shingle_words, int num_values, int threads) {
  if (!(threshold > 0.0 && threshold <= 1.0)) {
    throw py::value_error("threshold must be in (0, 1], got " + std::to_string(threshold));
  }
  if (shingle_words < 1 || shingle_words > 64) {
    throw py::value_error("shingle_words must be between 1 and 64, got " + std::to_string(shingle_words));
  }
  if (num_values < 16 || num_values > 4096) {
    throw py::value_error("num_values must be between 16 and 4096, got " + std::to_string(num_values));
  }
  DedupOptions options;
  options.lsh.threshold = threshold;
  options.shingle.shingle_words = shingle_words;
  options.minhash.num_values = num_values;
  options.threads = threads;
  return options;
}

// Groups as lists of (index, similarity) pairs.
py::list GroupsToPython(const std::vector<DedupGroup>& groups) {
  py::list out;
  for (const DedupGroup& g : groups) {
    py::list members;
    for (const DedupMember& m : g.members) members.append(py::make_tuple(m.index, m.similarity));
    out.append(std::move(members));
  }
  return out;
}

std::vector<DedupGroup> DedupViews(const std::vector<std::string_view>& texts, const DedupOptions& options) {
  py::gil_scoped_release release;
  return FindNearDuplicates(texts, options);
}

// MinHash signatures of texts, as the dedup pipeline makes them.
class PyMinHasher {
 public:
  PyMinHasher(int num_values, int shingle_words)
      : options_(MakeDedupOptions(0.8, shingle_words, num_values, 0)), hasher_(options_.minhash) {}

  // One signature; empty (length 0) for a text with no token. Zero-copy:
  // the array owns the signature's memory.
  py::array_t<uint32_t> Sign(std::string_view text) const {
    auto sig = std::make_unique<Signature>();
    {
      py::gil_scoped_release release;
      Shingler shingler(options_.shingle);
      shingler.Sign(text, hasher_, sig.get());
    }
    Signature* raw = sig.release();
    py::capsule owner(raw, [](void* p) { delete static_cast<Signature*>(p); });
    return py::array_t<uint32_t>({static_cast<py::ssize_t>(raw->size())}, {sizeof(uint32_t)},
                                 raw->data(), owner);
  }

  // An (n, num_values) array; the row of a text with no token is all
  // 0xFFFFFFFF (matches nothing).
  py::array_t<uint32_t> SignMany(const std::vector<std::string_view>& texts, int threads) const {
    const auto n = static_cast<py::ssize_t>(texts.size());
    const auto k = static_cast<py::ssize_t>(options_.minhash.num_values);
    py::array_t<uint32_t> out({n, k});
    uint32_t* dst = out.mutable_data();
    {
      py::gil_scoped_release release;
      std::vector<Signature> sigs = SignAll(texts, options_.shingle, options_.minhash, threads);
      for (size_t i = 0; i < sigs.size(); ++i) {
        uint32_t* row = dst + i * static_cast<size_t>(k);
        if (sigs[i].size() == static_cast<size_t>(k)) {
          std::copy(sigs[i].begin(), sigs[i].end(), row);
        } else {
          std::fill(row, row + k, 0xFFFFFFFFu);
        }
      }
    }
    return out;
  }

  int num_values() const { return options_.minhash.num_values; }
  int shingle_words() const { return options_.shingle.shingle_words; }

 private:
  DedupOptions options_;
  MinHasher hasher_;
};

// Signatures from a 1-D or 2-D array: rows of all 0xFFFFFFFF are empty.
std::vector<Signature> SignaturesFrom(const U32Array& array, int num_values) {
  if (array.ndim() != 1 && array.ndim() != 2) throw py::value_error("signatures must be a 1-D or 2-D array");
  const size_t rows = array.ndim() == 1 ? 1 : static_cast<size_t>(array.shape(0));
  const size_t cols = static_cast<size_t>(array.shape(array.ndim() - 1));
  if (cols != static_cast<size_t>(num_values) && !(array.ndim() == 1 && cols == 0)) {
    throw py::value_error("a signature has " + std::to_string(cols) + " values; expected " +
                          std::to_string(num_values));
  }
  std::vector<Signature> out(rows);
  const uint32_t* p = array.data();
  for (size_t r = 0; r < rows; ++r, p += cols) {
    bool empty = true;
    for (size_t c = 0; c < cols && empty; ++c) empty = p[c] == 0xFFFFFFFFu;
    if (!empty) out[r].assign(p, p + cols);
  }
  return out;
}

// LshIndex with removal: removed ids stay in the index's arrays but are
// never returned again.
class PyLshIndex {
 public:
  PyLshIndex(double threshold, int num_values, int bits)
      : options_(WithBits(MakeLshOptions(threshold, num_values), bits)), index_(options_) {}

  // Bits of each value the index keeps to verify pairs (0: the default).
  static LshOptions WithBits(LshOptions o, int bits) {
    if (bits != 0 && bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16) {
      throw py::value_error("bits must be 1, 2, 4, 8 or 16 (or 0 for the default), got " + std::to_string(bits));
    }
    o.fingerprint_bits = bits;
    return o;
  }

  static LshOptions MakeLshOptions(double threshold, int num_values) {
    DedupOptions d = MakeDedupOptions(threshold, 5, num_values, 0);
    LshOptions o = d.lsh;
    o.num_values = num_values;
    return o;
  }

  uint32_t Insert(const U32Array& signature) {
    std::vector<Signature> sigs = SignaturesFrom(signature, options_.num_values);
    if (sigs.size() != 1) throw py::value_error("insert takes one signature (a 1-D array)");
    removed_.push_back(false);
    return index_.Insert(sigs[0]);
  }

  // Ids of the signatures of a 2-D array, inserted in row order.
  std::vector<uint32_t> InsertMany(const U32Array& signatures) {
    std::vector<Signature> sigs = SignaturesFrom(signatures, options_.num_values);
    std::vector<uint32_t> ids;
    ids.reserve(sigs.size());
    py::gil_scoped_release release;
    index_.Reserve(index_.size() + sigs.size());
    for (const Signature& s : sigs) {
      removed_.push_back(false);
      ids.push_back(index_.Insert(s));
    }
    return ids;
  }

  std::vector<std::pair<uint32_t, double>> Query(const U32Array& signature) const {
    std::vector<Signature> sigs = SignaturesFrom(signature, options_.num_values);
    if (sigs.size() != 1) throw py::value_error("query takes one signature (a 1-D array)");
    std::vector<LshIndex::Match> matches;
    index_.Query(sigs[0], &matches);
    std::vector<std::pair<uint32_t, double>> out;
    for (const LshIndex::Match& m : matches) {
      if (!removed_[m.id]) out.emplace_back(m.id, m.similarity);
    }
    return out;
  }

  void Remove(int64_t id) {
    if (id < 0 || static_cast<size_t>(id) >= removed_.size()) {
      throw py::key_error("no signature with id " + std::to_string(id));
    }
    if (removed_[id]) throw py::key_error("signature " + std::to_string(id) + " already removed");
    removed_[id] = true;
    ++removed_count_;
  }

  // Band keys of each row: an (n, bands) array.
  py::array_t<uint32_t> BandKeys(const U32Array& signatures) const {
    std::vector<Signature> sigs = SignaturesFrom(signatures, options_.num_values);
    const auto bands = static_cast<py::ssize_t>(index_.params().bands);
    py::array_t<uint32_t> out({static_cast<py::ssize_t>(sigs.size()), bands});
    uint32_t* dst = out.mutable_data();
    py::gil_scoped_release release;
    for (size_t i = 0; i < sigs.size(); ++i) {
      for (int b = 0; b < bands; ++b) {
        // An empty signature gets key 0, which no real band has.
        dst[i * bands + b] = sigs[i].empty() ? 0 : index_.BandKey(sigs[i], b);
      }
    }
    return out;
  }

  double Similarity(uint32_t a, uint32_t b) const {
    if (a >= index_.size() || b >= index_.size()) throw py::key_error("no signature with that id");
    return index_.Similarity(a, b);
  }

  // The fingerprints the index keeps of each signature (a 1-D or 2-D array):
  // an (n, fingerprint_bytes) uint8 array. Rows of empty signatures are all
  // zero and estimate nothing.
  py::array_t<uint8_t> Fingerprints(const U32Array& signatures) const {
    std::vector<Signature> sigs = SignaturesFrom(signatures, options_.num_values);
    const size_t width = index_.fingerprint_bytes();
    py::array_t<uint8_t> out({static_cast<py::ssize_t>(sigs.size()), static_cast<py::ssize_t>(width)});
    uint8_t* dst = out.mutable_data();
    py::gil_scoped_release release;
    for (size_t i = 0; i < sigs.size(); ++i) {
      if (sigs[i].empty()) {
        std::fill(dst + i * width, dst + (i + 1) * width, uint8_t{0});
      } else {
        index_.Fingerprints(sigs[i], dst + i * width);
      }
    }
    return out;
  }

  // Estimated similarity of the rows (a, b) of `fingerprints` named by each
  // row of `pairs` (an (m, 2) array of row numbers): as
  // fingerprint_similarities(fingerprints[pairs[:, 0]], fingerprints[pairs[:, 1]])
  // without copying the rows.
  py::array_t<double> PairSimilarities(const U8Array& fingerprints,
                                       const py::array_t<int64_t, py::array::c_style | py::array::forcecast>& pairs) const {
    const size_t width = index_.fingerprint_bytes();
    if (fingerprints.ndim() != 2 || static_cast<size_t>(fingerprints.shape(1)) != width) {
      throw py::value_error("fingerprints must be an (n, " + std::to_string(width) + ") uint8 array");
    }
    if (pairs.ndim() != 2 || (pairs.shape(0) > 0 && pairs.shape(1) != 2)) throw py::value_error("pairs must be an (m, 2) array");
    const auto rows = static_cast<int64_t>(fingerprints.shape(0));
    const auto m = static_cast<size_t>(pairs.shape(0));
    const int64_t* p = pairs.data();
    for (size_t i = 0; i < 2 * m; ++i) {
      if (p[i] < 0 || p[i] >= rows) throw py::value_error("pairs name a row out of range: " + std::to_string(p[i]));
    }
    py::array_t<double> out(static_cast<py::ssize_t>(m));
    double* dst = out.mutable_data();
    const uint8_t* f = fingerprints.data();
    py::gil_scoped_release release;
    for (size_t i = 0; i < m; ++i) {
      dst[i] = index_.FingerprintSimilarity(f + static_cast<size_t>(p[2 * i]) * width,
                                            f + static_cast<size_t>(p[2 * i + 1]) * width);
    }
    return out;
  }

  // Estimated similarity of row i of `a` to row i of `b` (fingerprints as
  // `fingerprints` gives them, of the same index options): the estimate
  // `similarity` gives for two stored signatures.
  py::array_t<double> FingerprintSimilarities(const U8Array& a, const U8Array& b) const {
    const size_t width = index_.fingerprint_bytes();
    for (const U8Array* x : {&a, &b}) {
      if (x->ndim() != 2 || static_cast<size_t>(x->shape(1)) != width) {
        throw py::value_error("fingerprints must be an (n, " + std::to_string(width) + ") uint8 array");
      }
    }
    if (a.shape(0) != b.shape(0)) throw py::value_error("the two fingerprint arrays must have as many rows");
    const auto n = static_cast<size_t>(a.shape(0));
    py::array_t<double> out(static_cast<py::ssize_t>(n));
    double* dst = out.mutable_data();
    const uint8_t* pa = a.data();
    const uint8_t* pb = b.data();
    py::gil_scoped_release release;
    for (size_t i = 0; i < n; ++i) dst[i] = index_.FingerprintSimilarity(pa + i * width, pb + i * width);
    return out;
  }

  size_t Size() const { return index_.size() - removed_count_; }
  int bands() const { return index_.params().bands; }
  int rows() const { return index_.params().rows; }
  double threshold() const { return options_.threshold; }
  int num_values() const { return options_.num_values; }
  int bits() const { return index_.fingerprint_bits(); }
  size_t MemoryBytes() const { return index_.MemoryBytes() + removed_.capacity() / 8; }

 private:
  LshOptions options_;
  LshIndex index_;
  std::vector<bool> removed_;
  size_t removed_count_ = 0;
};

// Ids and signatures (an (n, num_values) array, as MinHasher.signatures)
// of the articles of `paths`, streamed: no Article is built. Ids are as read
// (not made unique). Input errors raise ValueError.
py::tuple SignPaths(const std::vector<std::string>& paths, int shingle_words, int num_values, int threads) {
  DedupOptions options = MakeDedupOptions(0.8, shingle_words, num_values, threads);
  CheckPathsExist(paths);
  std::vector<std::string> ids;
  std::string bytes;
  std::vector<std::pair<size_t, size_t>> spans;
  std::vector<Signature> sigs;
  std::string failure;
  {
    py::gil_scoped_release release;
    Diagnostics diag(/*echo=*/false);
    IngestPathsRefs(paths, IngestOptions{}, diag, [&](const ArticleRef& a) {
      ids.emplace_back(a.id);
      const std::string_view text = a.text.empty() ? a.title : a.text;
      spans.emplace_back(bytes.size(), text.size());
      bytes.append(text);
    });
    if (diag.error_count() > 0) failure = DescribeErrors(diag);
    std::vector<std::string_view> views;
    views.reserve(spans.size());
    for (const auto& [offset, size] : spans) views.emplace_back(bytes.data() + offset, size);
    if (failure.empty()) sigs = SignAll(views, options.shingle, options.minhash, threads);
  }
  if (!failure.empty()) throw py::value_error(failure);
  const auto k = static_cast<py::ssize_t>(num_values);
  py::array_t<uint32_t> out({static_cast<py::ssize_t>(sigs.size()), k});
  uint32_t* dst = out.mutable_data();
  for (size_t i = 0; i < sigs.size(); ++i) {
    uint32_t* row = dst + i * static_cast<size_t>(k);
    if (sigs[i].size() == static_cast<size_t>(k)) {
      std::copy(sigs[i].begin(), sigs[i].end(), row);
    } else {
      std::fill(row, row + k, 0xFFFFFFFFu);
    }
  }
  return py::make_tuple(ids, out);
}

// Verified pairs among the rows of `signatures` that share a band key:
// pairs (a, b) of row numbers listed in `pairs` whose estimated similarity
// (as the dedup index estimates it) reaches the threshold, with it.
py::tuple VerifyPairs(const U32Array& signatures, const py::array_t<int64_t, py::array::c_style | py::array::forcecast>& pairs,
                      double threshold, int num_values) {
  std::vector<Signature> sigs = SignaturesFrom(signatures, num_values);
  if (pairs.ndim() != 2 || (pairs.shape(0) > 0 && pairs.shape(1) != 2)) throw py::value_error("pairs must be an (n, 2) array");
  const size_t n = pairs.shape(0);
  const int64_t* p = pairs.data();
  std::vector<int64_t> kept;
  std::vector<double> sims;
  {
    py::gil_scoped_release release;
    LshIndex index(PyLshIndex::MakeLshOptions(threshold, num_values));
    index.Reserve(sigs.size());
    for (const Signature& s : sigs) index.Insert(s);
    for (size_t i = 0; i < n; ++i) {
      const int64_t a = p[2 * i], b = p[2 * i + 1];
      if (a < 0 || b < 0 || static_cast<size_t>(a) >= sigs.size() || static_cast<size_t>(b) >= sigs.size()) continue;
      if (sigs[a].empty() || sigs[b].empty()) continue;
      // The same hair of slack as LshIndex::Query.
      const double s = index.Similarity(static_cast<uint32_t>(a), static_cast<uint32_t>(b));
      if (s + 1e-4 >= threshold) {
        kept.push_back(i);
        sims.push_back(s);
      }
    }
  }
  return py::make_tuple(py::array_t<int64_t>(kept.size(), kept.data()),
                        py::array_t<double>(sims.size(), sims.data()));
}

// Greedy grouping (DedupStream) of signed rows, in row order.
py::list GroupSignatures(const U32Array& signatures, double threshold, int num_values) {
  DedupOptions options = MakeDedupOptions(threshold, 5, num_values, 1);
  std::vector<Signature> sigs = SignaturesFrom(signatures, num_values);
  std::vector<DedupGroup> groups;
  {
    py::gil_scoped_release release;
    DedupStream stream(options);
    stream.AddSignatures(sigs);
    groups = stream.Groups();
  }
  return GroupsToPython(groups);
}

PipelineOptions MakePipelineOptions(int threads) {
  PipelineOptions options;
  options.threads = threads;
  options.progress = false;
  return options;
}

std::vector<std::pair<std::string, std::string>> Stories(const std::vector<Article>& articles, int threads) {
  std::vector<std::pair<std::string, std::string>> out;
  py::gil_scoped_release release;
  StoryAssignment assignment = AssignStories(articles, MakePipelineOptions(threads));
  out.reserve(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    out.emplace_back(articles[i].id, assignment.ids[assignment.story_of[i]]);
  }
  return out;
}

std::string AnalyzeJson(const std::vector<Article>& articles, int threads) {
  py::gil_scoped_release release;
  report::Report rep = RunPipeline(articles, MakePipelineOptions(threads));
  return report::WriteJson(rep, /*pretty=*/false);
}

// Analysis as a map over stories (rashomon.dask.analyze): cleaning counts
// the short lines that recur across the corpus (text/boilerplate.h), so the
// counts of every partition are added up first; each story is then analysed
// apart from the others with the corpus counts, as RunPipeline analyses it;
// and the report is put together from the analysed stories.

// The line counts of the articles: (keys, counts, number of articles).
py::tuple LineCounts(const std::vector<Article>& articles) {
  std::vector<std::pair<uint64_t, uint32_t>> counts;
  {
    py::gil_scoped_release release;
    const PipelineOptions options = MakePipelineOptions(1);
    LineStats stats;
    for (const Article& a : articles) stats.AddArticle(a.text, options.text.boilerplate);
    counts = stats.Counts();
  }
  py::array_t<uint64_t> keys(static_cast<py::ssize_t>(counts.size()));
  py::array_t<uint32_t> ns(static_cast<py::ssize_t>(counts.size()));
  uint64_t* k = keys.mutable_data();
  uint32_t* n = ns.mutable_data();
  for (size_t i = 0; i < counts.size(); ++i) {
    k[i] = counts[i].first;
    n[i] = counts[i].second;
  }
  return py::make_tuple(keys, ns, articles.size());
}

// The report entry (WriteStoryJson) of the story of `articles` (its members
// in input order), cleaned with the corpus line counts given.
std::string AnalyzeStoryJson(const std::vector<Article>& articles, const std::string& story_id,
                             const py::array_t<uint64_t, py::array::c_style | py::array::forcecast>& keys,
                             const py::array_t<uint32_t, py::array::c_style | py::array::forcecast>& counts,
                             uint32_t corpus_articles) {
  if (keys.ndim() != 1 || counts.ndim() != 1 || keys.shape(0) != counts.shape(0)) {
    throw py::value_error("keys and counts must be 1-D arrays of one length");
  }
  std::vector<std::pair<uint64_t, uint32_t>> table(static_cast<size_t>(keys.shape(0)));
  for (size_t i = 0; i < table.size(); ++i) table[i] = {keys.data()[i], counts.data()[i]};
  py::gil_scoped_release release;
  const PipelineOptions options = MakePipelineOptions(1);
  LineStats stats;
  stats.AddCounts(table, corpus_articles);
  std::vector<Document> docs;
  docs.reserve(articles.size());
  for (const Article& a : articles) docs.push_back(BuildDocument(a, &stats, options.text));
  return report::WriteStoryJson(AnalyzeStory(DocumentPointers(docs), story_id, options));
}

// Hands RunPipeline the stories analysed elsewhere, by their members.
class GivenStories : public StoryCache {
 public:
  explicit GivenStories(std::unordered_map<std::string, report::Story> stories) : stories_(std::move(stories)) {}
  std::optional<report::Story> Get(const std::string& key) override {
    auto it = stories_.find(key);
    if (it == stories_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& /*key*/, const report::Story& /*story*/) override {}

 private:
  const std::unordered_map<std::string, report::Story> stories_;
};

// The report (as analyze_json) of `articles` whose story of each is
// labels[i] and whose stories were analysed already: `analysed` holds
// (member ids, WriteStoryJson) per story. A story not among them is
// analysed here.
std::string ReportOfStoriesJson(const std::vector<Article>& articles, const std::vector<int64_t>& labels,
                                const std::vector<std::pair<std::vector<std::string>, std::string>>& analysed,
                                int threads) {
  if (labels.size() != articles.size()) throw py::value_error("one label per article is needed");
  std::unordered_map<std::string, report::Story> stories;
  std::optional<Status> failure;
  std::string out;
  {
    py::gil_scoped_release release;
    for (const auto& [members, json] : analysed) {
      Result<report::Story> story = report::ReadStoryJson(json);
      if (!story.ok()) {
        failure = story.status();
        break;
      }
      stories.emplace(MembersKey(members), std::move(*story));
    }
    if (!failure) {
      GivenStories given(std::move(stories));
      RunInputs inputs;
      inputs.labels = &labels;
      inputs.cache = &given;
      out = report::WriteJson(RunPipeline(articles, MakePipelineOptions(threads), inputs), /*pretty=*/false);
    }
  }
  if (failure) ThrowStatus(*failure);
  return out;
}

// A store database (store/store.h), opened read-write.
class PyStore {
 public:
  PyStore(const std::string& path, int threads) {
    store::StoreOptions options;
    options.pipeline = MakePipelineOptions(threads);
    Result<std::unique_ptr<store::Store>> opened = [&] {
      py::gil_scoped_release release;
      return store::Store::Open(path, options);
    }();
    if (!opened.ok()) ThrowStatus(opened.status());
    store_ = std::move(*opened);
  }

  std::vector<py::dict> Ingest(std::vector<Article> articles) {
    Result<std::vector<store::IngestedArticle>> done = [&] {
      py::gil_scoped_release release;
      return Get().Ingest(std::move(articles));
    }();
    if (!done.ok()) ThrowStatus(done.status());
    std::vector<py::dict> out;
    for (const store::IngestedArticle& a : *done) {
      py::dict d;
      d["id"] = a.id;
      d["story"] = a.story;
      d["new"] = a.is_new;
      out.push_back(std::move(d));
    }
    return out;
  }

  std::vector<std::pair<std::string, int64_t>> Assignments() {
    auto got = [&] {
      py::gil_scoped_release release;
      return Get().Assignments();
    }();
    if (!got.ok()) ThrowStatus(got.status());
    return std::move(*got);
  }

  // As `rashomon report --db` writes it: with each story's timeline.
  std::string ReportJson() {
    auto built = [&]() -> Result<report::Report> {
      py::gil_scoped_release release;
      ASSIGN_OR_RETURN(report::Report rep, Get().BuildReport());
      RETURN_IF_ERROR(Get().AddTimelines(&rep.stories));
      return rep;
    }();
    if (!built.ok()) ThrowStatus(built.status());
    return report::WriteJson(*built, /*pretty=*/false);
  }

  void Close() { store_.reset(); }
  std::string path() { return Get().path(); }

 private:
  store::Store& Get() {
    if (!store_) throw py::value_error("the store is closed");
    return *store_;
  }
  std::unique_ptr<store::Store> store_;
};

void BindArticle(py::module_& m) {
  py::class_<Article>(m, "Article", "One news article, as read from any input.")
      .def(py::init([](std::string id, std::string title, std::string text, std::string source, std::string url,
                       std::optional<int64_t> published, std::string byline, std::string lang) {
             Article a;
             a.id = std::move(id);
             a.title = std::move(title);
             a.text = std::move(text);
             a.source = std::move(source);
             a.url = std::move(url);
             a.published = published;
             a.byline = std::move(byline);
             a.lang = std::move(lang);
             return a;
           }),
           py::arg("id"), py::arg("title") = "", py::arg("text") = "", py::arg("source") = "",
           py::arg("url") = "", py::arg("published") = py::none(), py::arg("byline") = "", py::arg("lang") = "")
      .def_readwrite("id", &Article::id)
      .def_readwrite("source", &Article::source)
      .def_readwrite("url", &Article::url)
      .def_readwrite("published", &Article::published)
      .def_readwrite("title", &Article::title)
      .def_readwrite("byline", &Article::byline)
      .def_readwrite("text", &Article::text)
      .def_readwrite("lang", &Article::lang)
      .def_readonly("origin", &Article::origin)
      .def_readonly("origin_line", &Article::origin_line)
      .def("__repr__", [](const Article& a) { return "<rashomon.Article id=" + py::repr(py::str(a.id)).cast<std::string>() + ">"; });

  py::class_<ReadResult>(m, "ReadResult")
      .def_readonly("articles", &ReadResult::articles)
      .def_readonly("errors", &ReadResult::errors)
      .def_readonly("warnings", &ReadResult::warnings);
}

}  // namespace
}  // namespace rashomon::python

using namespace rashomon;
using namespace rashomon::python;

PYBIND11_MODULE(_rashomon, m) {
  m.doc() = "rashomon's C++ engine; use the rashomon package.";
  py::register_exception<OsError>(m, "OsError", PyExc_OSError);
  BindArticle(m);

  m.def("read_paths", &ReadPaths, py::arg("paths"), py::arg("strict") = true);
  m.def("read_jsonl_bytes", &ReadJsonLinesBytes, py::arg("name"), py::arg("data"), py::arg("strict") = true);
  m.def("read_sample", &ReadSample);

  m.def("dedup_texts", [](const std::vector<std::string_view>& texts, double threshold, int shingle_words,
                          int num_values, int threads) {
    DedupOptions options = MakeDedupOptions(threshold, shingle_words, num_values, threads);
    return GroupsToPython(DedupViews(texts, options));
  }, py::arg("texts"), py::arg("threshold"), py::arg("shingle_words"), py::arg("num_values"), py::arg("threads"));
  m.def("dedup_articles", [](const std::vector<const Article*>& articles, double threshold, int shingle_words,
                             int num_values, int threads) {
    DedupOptions options = MakeDedupOptions(threshold, shingle_words, num_values, threads);
    std::vector<std::string_view> texts;
    texts.reserve(articles.size());
    for (const Article* a : articles) {
      if (a == nullptr) throw py::value_error("None in the articles");
      texts.push_back(DedupText(*a));
    }
    return GroupsToPython(DedupViews(texts, options));
  }, py::arg("articles"), py::arg("threshold"), py::arg("shingle_words"), py::arg("num_values"), py::arg("threads"));
  m.def("dedup_paths", [](const std::vector<std::string>& paths, double threshold, int shingle_words,
                          int num_values, int threads, bool strict) {
    DedupOptions options = MakeDedupOptions(threshold, shingle_words, num_values, threads);
    CheckPathsExist(paths);
    DedupPathsResult result;
    Diagnostics diag(/*echo=*/false);
    {
      py::gil_scoped_release release;
      result = DedupPaths(paths, options, diag);
    }
    if (strict && diag.error_count() > 0) throw py::value_error(DescribeErrors(diag));
    return py::make_tuple(result.ids, GroupsToPython(result.groups));
  }, py::arg("paths"), py::arg("threshold"), py::arg("shingle_words"), py::arg("num_values"), py::arg("threads"),
     py::arg("strict") = true);

  py::class_<PyMinHasher>(m, "MinHasher")
      .def(py::init<int, int>(), py::arg("num_values") = 256, py::arg("shingle_words") = 5)
      .def("signature", &PyMinHasher::Sign, py::arg("text"))
      .def("signatures", &PyMinHasher::SignMany, py::arg("texts"), py::arg("threads") = 0)
      .def_property_readonly("num_values", &PyMinHasher::num_values)
      .def_property_readonly("shingle_words", &PyMinHasher::shingle_words);

  py::class_<PyLshIndex>(m, "LshIndex")
      .def(py::init<double, int, int>(), py::arg("threshold") = 0.8, py::arg("num_values") = 256,
           py::arg("bits") = 0)
      .def("insert", &PyLshIndex::Insert, py::arg("signature"))
      .def("insert_many", &PyLshIndex::InsertMany, py::arg("signatures"))
      .def("query", &PyLshIndex::Query, py::arg("signature"))
      .def("remove", &PyLshIndex::Remove, py::arg("id"))
      .def("band_keys", &PyLshIndex::BandKeys, py::arg("signatures"))
      .def("similarity", &PyLshIndex::Similarity, py::arg("a"), py::arg("b"))
      .def("fingerprints", &PyLshIndex::Fingerprints, py::arg("signatures"))
      .def("fingerprint_similarities", &PyLshIndex::FingerprintSimilarities, py::arg("a"), py::arg("b"))
      .def("pair_similarities", &PyLshIndex::PairSimilarities, py::arg("fingerprints"), py::arg("pairs"))
      .def("__len__", &PyLshIndex::Size)
      .def_property_readonly("bands", &PyLshIndex::bands)
      .def_property_readonly("rows", &PyLshIndex::rows)
      .def_property_readonly("threshold", &PyLshIndex::threshold)
      .def_property_readonly("num_values", &PyLshIndex::num_values)
      .def_property_readonly("bits", &PyLshIndex::bits)
      .def_property_readonly("memory_bytes", &PyLshIndex::MemoryBytes);

  m.def("sign_paths", &SignPaths, py::arg("paths"), py::arg("shingle_words"), py::arg("num_values"),
        py::arg("threads") = 1);
  m.def("verify_pairs", &VerifyPairs, py::arg("signatures"), py::arg("pairs"), py::arg("threshold"),
        py::arg("num_values"));
  m.def("group_signatures", &GroupSignatures, py::arg("signatures"), py::arg("threshold"), py::arg("num_values"));

  m.def("stories", &Stories, py::arg("articles"), py::arg("threads") = 0);
  m.def("story_id", &StoryId, py::arg("article_ids"), "The id rashomon gives the story of these articles");
  m.def("analyze_json", &AnalyzeJson, py::arg("articles"), py::arg("threads") = 0);
  m.def("line_counts", &LineCounts, py::arg("articles"));
  m.def("analyze_story_json", &AnalyzeStoryJson, py::arg("articles"), py::arg("story_id"), py::arg("keys"),
        py::arg("counts"), py::arg("corpus_articles"));
  m.def("report_of_stories_json", &ReportOfStoriesJson, py::arg("articles"), py::arg("labels"),
        py::arg("analysed"), py::arg("threads") = 0);

  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&, int>(), py::arg("path"), py::arg("threads") = 0)
      .def("ingest", &PyStore::Ingest, py::arg("articles"))
      .def("assignments", &PyStore::Assignments)
      .def("report_json", &PyStore::ReportJson)
      .def("close", &PyStore::Close)
      .def_property_readonly("path", &PyStore::path);
}
