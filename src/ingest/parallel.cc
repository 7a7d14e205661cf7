#include "ingest/parallel.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/stream.h"
#include "html/encoding.h"
#include "ingest/chunk_buffer.h"
#include "ingest/jsonl_chunk.h"

namespace rashomon {
namespace {

// A fixed set of worker threads taking tasks from one queue.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) {
    for (int t = 0; t < threads; ++t) threads_.emplace_back([this] { Work(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs one queued task on the calling thread, if there is one.
  bool RunOne() {
    std::packaged_task<void()> task;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (tasks_.empty()) return false;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
    return true;
  }

  std::future<void> Submit(std::function<void()> fn) {
    std::packaged_task<void()> task(std::move(fn));
    std::future<void> result = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
    return result;
  }

 private:
  void Work() {
    while (true) {
      std::packaged_task<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [this] { return done_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<void()>> tasks_;
  bool done_ = false;
  std::vector<std::thread> threads_;
};

// Cuts a stream into chunks of whole lines of about chunk_bytes (the last
// may lack its '\n'), each followed by LineReader::kPadding zero bytes, in
// buffers taken from a pool. A line longer than max_line_bytes that is
// still without its end is dropped as it streams (the chunk then stands for
// that one line).
class LineChunker {
 public:
  LineChunker(InputStream* in, std::string head, size_t chunk_bytes, size_t max_line, internal::BufferPool* pool)
      : in_(in), carry_(std::move(head)), chunk_(std::max<size_t>(chunk_bytes, 1)), max_line_(max_line),
        pool_(pool) {}

  // Fills *out (bytes, then padding) and *lines, sets *too_long, and returns
  // true; false at the end. A read error ends the stream, after a chunk of
  // the whole lines read before it.
  Result<bool> Next(internal::ChunkBuffer* out, size_t* lines, bool* too_long) {
    *too_long = false;
    if (!error_.ok()) {
      Status e = error_;
      error_ = Status::Ok();
      ended_ = true;
      return e;
    }
    if (ended_ || (eof_ && carry_.empty())) return false;
    internal::ChunkBuffer buf = pool_->Take();
    // Room for a chunk, the read that finds its last line's end and the
    // padding: the buffer is not moved while it fills.
    buf.Reserve(std::max(chunk_, carry_.size()) + std::min<size_t>(chunk_, 64u << 10) + LineReader::kPadding);
    buf.Append(carry_);
    carry_.clear();
    size_t searched = 0;  // buf[0, searched) holds no '\n' (while skipping: nothing kept)
    bool skipping = false;
    while (true) {
      if (skipping) {
        const size_t nl = buf.view().find('\n');
        if (nl != std::string_view::npos || eof_) {
          if (nl != std::string_view::npos) carry_.assign(buf.view().substr(nl + 1));
          pool_->Give(std::move(buf));
          out->Clear();
          *lines = 1;
          *too_long = true;
          return true;
        }
        buf.Clear();
      } else if (eof_ || buf.size() >= chunk_) {
        size_t cut = buf.size();
        if (!eof_ || buf.size() > chunk_) {
          // The first line end at or past chunk_ bytes.
          const size_t nl = buf.view().find('\n', std::max(chunk_ - 1, searched));
          cut = nl == std::string_view::npos ? (eof_ ? buf.size() : std::string_view::npos) : nl + 1;
        }
        if (cut != std::string_view::npos) {
          if (buf.empty()) {
            pool_->Give(std::move(buf));
            return false;
          }
          return Emit(std::move(buf), cut, out, lines);
        }
        searched = buf.size();
        if (buf.size() > max_line_) {
          // The whole lines before an over-long one go out first.
          const size_t last = buf.view().rfind('\n');
          if (last != std::string_view::npos) return Emit(std::move(buf), last + 1, out, lines);
          skipping = true;
          buf.Clear();
        }
      }
      const size_t old = buf.size();
      const size_t want = std::max<size_t>(chunk_ > old ? chunk_ - old : 0, std::min<size_t>(chunk_, 64u << 10));
      buf.Resize(old + want);  // not zero-filled: read into right away
      auto got = in_->Read(buf.data() + old, want);
      if (!got.ok()) {
        buf.Resize(old);
        const size_t nl = skipping ? std::string_view::npos : buf.view().rfind('\n');
        if (nl == std::string_view::npos) {
          ended_ = true;
          pool_->Give(std::move(buf));
          return got.status();
        }
        error_ = got.status();
        carry_.clear();
        buf.Resize(nl + 1);
        return Emit(std::move(buf), nl + 1, out, lines);
      }
      buf.Resize(old + *got);
      if (*got == 0) eof_ = true;
    }
  }

 private:
  // Keeps buf[cut, size) for the next chunk and sends out buf[0, cut).
  bool Emit(internal::ChunkBuffer buf, size_t cut, internal::ChunkBuffer* out, size_t* lines) {
    carry_.assign(buf.view().substr(cut));
    buf.Resize(cut);
    size_t n = 0;
    for (const char* p = buf.data(); p != nullptr;) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(buf.data() + buf.size() - p)));
      if (p != nullptr) {
        ++n;
        ++p;
      }
    }
    if (!buf.empty() && buf.data()[buf.size() - 1] != '\n') ++n;
    *lines = n;
    buf.Resize(cut + LineReader::kPadding);
    std::memset(buf.data() + cut, 0, LineReader::kPadding);
    *out = std::move(buf);
    return true;
  }

  InputStream* in_;
  std::string carry_;
  size_t chunk_;
  size_t max_line_;
  internal::BufferPool* pool_;
  bool eof_ = false;
  bool ended_ = false;
  Status error_ = Status::Ok();
};


// What the units of one JSON Lines file share: the rules that span it.
struct FileState {
  std::string path;
  size_t lines = 0;        // cut into chunks so far (ranges: taken back so far)
  std::string read_error;  // ranges: the first read error, which ends the file
  bool nonblank = false;   // a nonblank line was taken back
  bool stopped = false;    // its first nonblank line was binary: nothing more of it
  size_t line_errors = 0;  // errors of single lines taken back
  size_t records = 0;
};

struct Unit {
  enum class Kind { kChunk, kRange, kTooLong, kFileEnd, kFile, kBytes, kDiagnostics };
  explicit Unit(Kind k) : kind(k) {}
  bool HasWork() const {
    return kind == Kind::kChunk || kind == Kind::kRange || kind == Kind::kFile || kind == Kind::kBytes;
  }

  Kind kind;
  std::string path;
  std::shared_ptr<FileState> file;  // chunks, over-long lines, file ends
  internal::ChunkBuffer chunk;      // a chunk (padded), until it is parsed
  std::string bytes;                // a whole UTF-16 file
  size_t first_line = 0;
  std::string read_error;           // file end, range: the message of a read error, if any
  // A range: the lines that start at its bytes [begin, end) of `source`,
  // read and cut by the worker, their lines numbered within it: the
  // collector adds line_offset, the lines of the file before it.
  std::shared_ptr<const PositionalFile> source;
  uint64_t begin = 0;
  uint64_t end = 0;
  size_t line_offset = 0;
  std::unique_ptr<RefUnitWork> work;
  // Filled by Run (on a worker):
  Diagnostics recorder{Diagnostics::Recording{}};
  struct Record {
    std::string id;
    uint64_t content = 0;
    uint64_t line = 0;
    size_t diagnostics_before = 0;  // recorder entries made before it
  };
  std::vector<Record> records;
  internal::JsonLinesChunkInfo info;
  IngestStats stats;
  std::future<void> done;
};

// Reads a range's bytes and the rest of its last line, into u.chunk
// (padded): the lines that start in [u.begin, u.end). Returns them (empty
// on a read error, then in u.read_error).
std::string_view ReadRange(Unit& u, const IngestOptions& options, internal::BufferPool& buffers) {
  internal::ChunkBuffer& buf = u.chunk;
  buf = buffers.Take();
  // From the byte before the range: whether a line starts at its first.
  const uint64_t from = u.begin == 0 ? 0 : u.begin - 1;
  const size_t span = static_cast<size_t>(u.end - from);
  buf.Reserve(span + (64u << 10) + LineReader::kPadding);
  buf.Resize(span);
  auto got = u.source->ReadAt(from, buf.data(), span);
  if (!got.ok()) {
    u.read_error = got.status().message();
    return {};
  }
  buf.Resize(*got);  // short where the file shrank since it was opened
  size_t start = 0;  // the range's first line start, in buf
  if (u.begin != 0) {
    const void* nl = std::memchr(buf.data(), '\n', buf.size());
    start = nl == nullptr ? buf.size() : static_cast<size_t>(static_cast<const char*>(nl) - buf.data()) + 1;
  }
  const size_t limit = buf.size();  // a line starting at or past it is the next range's
  if (start >= limit) return {};
  const void* last_nl = memrchr(buf.data() + start, '\n', limit - 1 - start);
  const size_t last_start =
      last_nl == nullptr ? start : static_cast<size_t>(static_cast<const char*>(last_nl) - buf.data()) + 1;
  // The last line may run on past the range: read on to its end, or only
  // far enough to tell it is too long (it is then parsed as too long).
  size_t cut = buf.size();
  if (buf.data()[limit - 1] != '\n' && *got == span) {
    const size_t too_long = options.max_line_bytes + 2;
    while (true) {
      const size_t old = buf.size();
      if (old - last_start >= too_long) {
        cut = last_start + too_long;
        break;
      }
      // 64 KiB (many lines end in it), then as much again as read past the range.
      const size_t want = std::min<size_t>(std::max<size_t>(old - limit, 64u << 10), too_long - (old - last_start));
      buf.Resize(old + want);
      auto more = u.source->ReadAt(from + old, buf.data() + old, want);
      if (!more.ok()) {
        u.read_error = more.status().message();
        return {};
      }
      buf.Resize(old + *more);
      const void* nl = std::memchr(buf.data() + old, '\n', *more);
      if (nl != nullptr) {
        cut = static_cast<size_t>(static_cast<const char*>(nl) - buf.data()) + 1;
        break;
      }
      cut = buf.size();
      if (*more < want) break;  // the end of the file
    }
  }
  buf.Resize(cut + LineReader::kPadding);
  std::memset(buf.data() + cut, 0, LineReader::kPadding);
  return {buf.data() + start, cut - start};
}

void Run(Unit& u, const IngestOptions& options, internal::BufferPool& buffers) {
  ArticleRefSink sink = [&u](const ArticleRef& a) {
    const size_t slot = u.records.size();
    u.records.push_back(Unit::Record{std::string(a.id), HashCombine(Hash64(a.title), Hash64(a.text)),
                                     a.origin_line, u.recorder.recorded().size()});
    u.work->Record(slot, a);
  };
  ArticleSink articles = [&sink](Article&& a) {
    sink(ArticleRef{.id = a.id, .title = a.title, .text = a.text, .origin = a.origin,
                    .origin_line = a.origin_line});
  };
  switch (u.kind) {
    case Unit::Kind::kChunk:
      u.info = internal::ReadJsonLinesChunk(
          u.path, std::string_view(u.chunk.data(), u.chunk.size() - LineReader::kPadding), u.first_line,
          options, u.recorder, sink);
      return;
    case Unit::Kind::kRange: {
      // Numbered within the range (the first range's are the file's own);
      // the collector numbers them in the file.
      const std::string_view bytes = ReadRange(u, options, buffers);
      if (!bytes.empty()) {
        u.info = internal::ReadJsonLinesChunk(u.path, bytes, u.begin == 0 ? 1 : 0, options, u.recorder, sink);
      }
      return;
    }
    case Unit::Kind::kFile: IngestFile(u.path, options, u.recorder, articles, &u.stats); return;
    case Unit::Kind::kBytes: IngestBytes(u.path, u.bytes, options, u.recorder, articles, &u.stats); return;
    default: return;
  }
}

// Takes a unit back on the calling thread (see the header comment).
class Collector {
 public:
  Collector(const IngestOptions& options, Diagnostics& diag, IngestStats& stats,
            const std::function<void(RefUnitWork&, const ParallelRecord&)>& accept)
      : options_(options), diag_(diag), stats_(stats), accept_(accept) {}

  void TakeBack(Unit& u) {
    switch (u.kind) {
      case Unit::Kind::kDiagnostics:
      case Unit::Kind::kFile:
      case Unit::Kind::kBytes:
        Replay(u, SIZE_MAX, nullptr);
        stats_.files += u.stats.files;
        stats_.articles += u.stats.articles;
        stats_.failed_inputs += u.stats.failed_inputs;
        stats_.skipped_records += u.stats.skipped_records;
        return;
      case Unit::Kind::kChunk: TakeBackChunk(u); return;
      case Unit::Kind::kRange: TakeBackRange(u); return;
      case Unit::Kind::kTooLong:
        if (!u.file->stopped) LineError(*u.file, internal::TooLongMessage(options_), u.first_line);
        return;
      case Unit::Kind::kFileEnd: EndFile(u); return;
    }
  }

 private:
  void LineError(FileState& f, std::string message, size_t line) {
    ++stats_.failed_inputs;
    if (++f.line_errors <= internal::kMaxJsonLineErrors) diag_.Error(f.path, std::move(message), line);
  }

  // Replays u's diagnostics and passes its records, in the order they
  // came, up to (not including) line `stop`. In a chunk (`file` set) every
  // error is one line's, counted against the file's cap.
  void Replay(Unit& u, uint64_t stop, FileState* file) {
    const std::vector<RecordedDiagnostic>& recorded = u.recorder.recorded();
    size_t next = 0;
    auto replay_until = [&](size_t end) {
      for (; next < end; ++next) {
        const RecordedDiagnostic& r = recorded[next];
        const size_t line = r.diagnostic.line == 0 ? 0 : r.diagnostic.line + u.line_offset;
        if (line >= stop) continue;
        if (file != nullptr && r.diagnostic.severity == Severity::kError) {
          LineError(*file, r.diagnostic.message, line);
        } else if (line != r.diagnostic.line) {
          RecordedDiagnostic numbered = r;
          numbered.diagnostic.line = line;
          diag_.Replay(numbered);
        } else {
          diag_.Replay(r);
        }
      }
    };
    for (size_t slot = 0; slot < u.records.size(); ++slot) {
      const Unit::Record& rec = u.records[slot];
      replay_until(rec.diagnostics_before);
      if (rec.line >= stop) continue;
      if (file != nullptr) {
        ++file->records;
        ++stats_.articles;
      }
      accept_(*u.work, ParallelRecord{.id = rec.id, .content = rec.content, .origin = u.path,
                                      .origin_line = rec.line, .slot = slot});
    }
    replay_until(recorded.size());
  }

  void TakeBackChunk(Unit& u) {
    FileState& f = *u.file;
    if (f.stopped) return;
    uint64_t stop = UINT64_MAX;
    if (!f.nonblank && u.info.first_nonblank_line != 0) {
      f.nonblank = true;
      if (!u.info.binary.empty()) stop = u.info.first_nonblank_line;
    }
    Replay(u, stop, &f);
    if (stop != UINT64_MAX) {
      diag_.Error(f.path, u.info.binary);
      ++stats_.failed_inputs;
      f.stopped = true;
    }
  }

  // As a chunk's, unless a read error ended the file before it.
  void TakeBackRange(Unit& u) {
    FileState& f = *u.file;
    if (!f.read_error.empty()) return;
    if (!u.read_error.empty()) {
      f.read_error = "read error after line " + std::to_string(f.lines) + ": " + u.read_error;
      return;
    }
    // Its lines numbered in the file.
    const size_t offset = f.lines;
    f.lines += u.info.lines;
    if (offset != 0) {
      u.line_offset = offset;
      for (Unit::Record& rec : u.records) rec.line += offset;
      for (size_t i : u.info.ids_from_lines) u.records[i].id = internal::IdOfLine(u.path, u.records[i].line);
      if (u.info.first_nonblank_line != 0) u.info.first_nonblank_line += offset;
    }
    TakeBackChunk(u);
  }

  void EndFile(const Unit& u) {
    const FileState& f = *u.file;
    if (f.stopped) return;
    const std::string& read_error = u.read_error.empty() ? f.read_error : u.read_error;
    if (!read_error.empty()) {
      diag_.Error(f.path, read_error);
      ++stats_.failed_inputs;
    }
    if (f.line_errors > internal::kMaxJsonLineErrors) {
      diag_.Error(f.path, internal::MoreBadLinesMessage(f.line_errors - internal::kMaxJsonLineErrors, f.records));
    }
    if (!f.nonblank) {
      diag_.Error(f.path, f.lines == 0 ? "empty file" : "empty file (only whitespace)");
      ++stats_.failed_inputs;
    }
  }

  const IngestOptions& options_;
  Diagnostics& diag_;
  IngestStats& stats_;
  const std::function<void(RefUnitWork&, const ParallelRecord&)>& accept_;
};

// Reads until n bytes or the end: the number read.
Result<size_t> ReadFully(InputStream& in, char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ASSIGN_OR_RETURN(size_t r, in.Read(buf + got, n - got));
    if (r == 0) break;
    got += r;
  }
  return got;
}

// Cuts the input into units, hands them to the workers and takes them back
// in order, with at most max_in_flight_ out at a time.
class Reader {
 public:
  Reader(const IngestOptions& options, const ParallelReadOptions& parallel, Diagnostics& diag,
         const std::function<std::unique_ptr<RefUnitWork>()>& make_work,
         const std::function<void(RefUnitWork&, const ParallelRecord&)>& accept)
      : options_(options),
        parallel_(parallel),
        make_work_(make_work),
        collector_(options, diag, stats_, accept) {
    const int threads = parallel.threads > 0 ? parallel.threads : DefaultThreadCount();
    if (threads > 1) pool_ = std::make_unique<WorkerPool>(threads);
    // Enough units ahead (about 4 MiB per thread) that the workers keep
    // busy while the calling thread is held up for a moment (a table it
    // sizes, the kernel's page faults).
    max_in_flight_ = 8 * static_cast<size_t>(threads) + 2;
    // A unit's buffer goes back once parsed: the chunks in flight, one
    // being filled and one for each thread between the two.
    buffers_ = std::make_unique<internal::BufferPool>(max_in_flight_ + static_cast<size_t>(threads) + 1,
                                                      2 * parallel.chunk_bytes + (256u << 10));
  }

  IngestStats Read(const std::vector<std::string>& paths) {
    internal::ForEachInputFile(paths, listing_, &stats_, [this](const std::string& file) {
      PushListing();
      ReadFile(file);
    });
    PushListing();
    while (!queue_.empty()) TakeBackFront();
    return stats_;
  }

 private:
  void Submit(std::unique_ptr<Unit> u) {
    Unit* raw = u.get();
    if (raw->HasWork()) {
      raw->work = make_work_();
      if (pool_) {
        raw->done = pool_->Submit([raw, this] {
          Run(*raw, options_, *buffers_);
          buffers_->Give(std::move(raw->chunk));
        });
      } else {
        Run(*raw, options_, *buffers_);
        buffers_->Give(std::move(raw->chunk));
      }
    }
    queue_.push_back(std::move(u));
    while (queue_.size() > max_in_flight_ ||
           (!queue_.empty() && (!queue_.front()->done.valid() ||
                                queue_.front()->done.wait_for(std::chrono::seconds(0)) == std::future_status::ready))) {
      TakeBackFront();
    }
  }

  void TakeBackFront() {
    Unit& u = *queue_.front();
    if (u.done.valid()) {
      // Rather than wait, the calling thread works on units queued after it.
      while (u.done.wait_for(std::chrono::seconds(0)) != std::future_status::ready && pool_->RunOne()) {
      }
      u.done.get();  // rethrows what the work threw
    }
    collector_.TakeBack(u);
    queue_.pop_front();
  }

  // Diagnostics of the path listing not yet queued, as one unit.
  void PushListing() {
    const std::vector<RecordedDiagnostic>& recorded = listing_.recorded();
    if (listed_ == recorded.size()) return;
    auto u = std::make_unique<Unit>(Unit::Kind::kDiagnostics);
    for (; listed_ < recorded.size(); ++listed_) u->recorder.Replay(recorded[listed_]);
    Submit(std::move(u));
  }

  void Error(const std::string& path, std::string message) {
    ++stats_.failed_inputs;
    listing_.Error(path, std::move(message));
    PushListing();
  }

  void ReadFile(const std::string& path) {
    if (FormatFromName(path) != InputFormat::kJsonLines) {
      auto u = std::make_unique<Unit>(Unit::Kind::kFile);
      u->path = path;
      Submit(std::move(u));
      return;
    }
    // As IngestFileTo: UTF-16 (by its byte-order mark or its zero bytes)
    // is read whole and converted; anything else is cut into chunks.
    Compression compression = Compression::kNone;
    auto in = OpenInput(path, &compression);
    if (!in.ok()) return Error(path, "cannot read: " + in.status().message());
    ++stats_.files;
    std::string head(4096, '\0');
    auto got = ReadFully(**in, head.data(), head.size());
    if (!got.ok()) return Error(path, "cannot read: " + got.status().message());
    head.resize(*got);
    if (!SniffUtf16(head).empty()) {
      auto rest = ReadAll(**in, options_.max_file_bytes - std::min(options_.max_file_bytes, head.size()));
      if (!rest.ok()) return Error(path, "cannot read: " + rest.status().message());
      auto u = std::make_unique<Unit>(Unit::Kind::kBytes);
      u->path = path;
      u->bytes = head + *rest;
      Submit(std::move(u));
      return;
    }
    auto file = std::make_shared<FileState>();
    file->path = path;
    if (compression == Compression::kNone) {
      // A plain regular file: its ranges are read on the workers.
      auto source = PositionalFile::Open(path);
      if (source.ok()) return ReadRanges(path, std::move(*source), std::move(file));
    }
    LineChunker chunker(in->get(), std::move(head), parallel_.chunk_bytes, options_.max_line_bytes,
                        buffers_.get());
    auto end = std::make_unique<Unit>(Unit::Kind::kFileEnd);
    while (true) {
      auto u = std::make_unique<Unit>(Unit::Kind::kChunk);
      size_t lines = 0;
      bool too_long = false;
      auto more = chunker.Next(&u->chunk, &lines, &too_long);
      if (!more.ok()) {
        end->read_error = "read error after line " + std::to_string(file->lines) + ": " + more.status().message();
        break;
      }
      if (!*more) break;
      if (too_long) u->kind = Unit::Kind::kTooLong;
      u->path = path;
      u->file = file;
      u->first_line = file->lines + 1;
      file->lines += lines;
      Submit(std::move(u));
    }
    end->path = path;
    end->file = std::move(file);
    Submit(std::move(end));
  }

  // Cuts a plain file into ranges of chunk_bytes, each read, cut at line
  // ends and parsed on a worker: the calling thread reads none of it.
  void ReadRanges(const std::string& path, const std::shared_ptr<const PositionalFile>& source,
                  std::shared_ptr<FileState> file) {
    const uint64_t size = source->size();
    const uint64_t step = std::max<size_t>(parallel_.chunk_bytes, 1);
    for (uint64_t begin = 0; begin < size; begin += step) {
      auto u = std::make_unique<Unit>(Unit::Kind::kRange);
      u->path = path;
      u->file = file;
      u->source = source;
      u->begin = begin;
      u->end = std::min(size, begin + step);
      Submit(std::move(u));
    }
    auto end = std::make_unique<Unit>(Unit::Kind::kFileEnd);
    end->path = path;
    end->file = std::move(file);
    Submit(std::move(end));
  }

  const IngestOptions& options_;
  const ParallelReadOptions& parallel_;
  const std::function<std::unique_ptr<RefUnitWork>()>& make_work_;
  IngestStats stats_;
  Collector collector_;
  Diagnostics listing_{Diagnostics::Recording{}};
  size_t listed_ = 0;  // entries of listing_ queued
  size_t max_in_flight_ = 0;
  // Declared before queue_ and pool_: outlives the units and the threads
  // that give buffers back.
  std::unique_ptr<internal::BufferPool> buffers_;
  std::deque<std::unique_ptr<Unit>> queue_;
  // Declared after queue_, so destroyed (its threads joined) before the
  // units they may still work on.
  std::unique_ptr<WorkerPool> pool_;  // none with one thread: units run on the calling thread
};

}  // namespace

IngestStats IngestPathsParallel(
    const std::vector<std::string>& paths, const IngestOptions& options,
    const ParallelReadOptions& parallel, Diagnostics& diag,
    const std::function<std::unique_ptr<RefUnitWork>()>& make_work,
    const std::function<void(RefUnitWork& work, const ParallelRecord& record)>& accept) {
  Reader reader(options, parallel, diag, make_work, accept);
  return reader.Read(paths);
}

}  // namespace rashomon
