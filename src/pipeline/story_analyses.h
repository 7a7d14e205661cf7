// StoryAnalyses: on-demand analysis of single stories kept by an owner (the
// store), one analysis per story at a time.
//
// A request for a story whose analysis is not kept starts a running analysis: it
// reads the story's articles, cleans them together and analyses them
// (analysis/story.h) and offers the result to the owner to keep. Requests for
// the same story meanwhile join that analysis and wait for its result instead
// of computing it again; the result answers them only when the story still
// has the articles analysed. Request analyses of different stories run at
// once, at most `slots` of them, sharing the threads. A background warmer
// (serve/warmer.h) leads analyses too, through Warm: it takes no slot, runs
// on its own thread only, and calls WarmHooks around the heavy part.
//
// The owner implements StorySource: what is kept, the story's articles and
// members, and keeping an analysis. StoryAnalyses holds no story data.
//
// Thread safety: every method may be called from many threads at once.
// StorySource methods are called outside StoryAnalyses' lock, from many
// threads at once; only WarmHooks::joined runs under it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/article.h"
#include "pipeline/pipeline.h"
#include "report/model.h"

namespace rashomon {

// What a background analysis (StoryAnalyses::Warm) did with a story.
enum class WarmOutcome {
  kAnalysed,   // analysed and its analysis kept
  kCached,     // its analysis was already kept: nothing done
  kBusy,       // a request is analysing it now (and will keep it)
  kChanged,    // analysed, but its articles changed meanwhile: not kept
  kCancelled,  // WarmHooks::cancelled said stop before the analysis was done
};

// Callbacks of a background analysis (Warm); each may be empty.
struct WarmHooks {
  // Called on the warming thread just before and just after the CPU-heavy
  // part (cleaning and analysing the articles), while it holds no lock of
  // the owner: the place to lower the thread's priority and restore it.
  std::function<void()> compute_begin, compute_end;
  // Called on a request's thread when its Get joins this analysis, just
  // before it waits for it (the place to raise the warming thread's
  // priority back, since a request now waits for it). Runs under the
  // analyses' lock: it must be quick and must not call the owner.
  std::function<void()> joined;
  // Polled before cleaning and before analysing; true abandons the story.
  std::function<bool()> cancelled;
};

// The owner of the stories, as StoryAnalyses reads and writes them.
class StorySource {
 public:
  virtual ~StorySource() = default;
  // The kept analysis of story `id`, nullopt when none is kept (or it cannot
  // be read); NotFound for an unknown story.
  virtual Result<std::optional<report::Story>> Kept(int64_t id) = 0;
  // The story's articles, in the order Members lists them; empty when the
  // story is unknown.
  virtual Result<std::vector<Article>> Articles(int64_t id) = 0;
  // The ids of the story's articles now.
  virtual Result<std::vector<std::string>> Members(int64_t id) = 0;
  // Keeps `story`, the analysis of `members`, if story `id` still has
  // exactly those: kAnalysed, or kChanged when its members changed. Without
  // `wait` it may return kAnalysed without keeping rather than wait for a
  // writer (a later request keeps it then).
  virtual Result<WarmOutcome> Keep(int64_t id, const std::vector<std::string>& members,
                                   const report::Story& story, bool wait) = 0;
};

class StoryAnalyses {
 public:
  // `source` must outlive this object. `slots`: request analyses at once
  // (at least 1). `on_start` (may be empty) is a test hook called with the
  // story id when an analysis starts, on the analysing thread, outside every
  // lock (for Warm, after compute_begin).
  StoryAnalyses(StorySource* source, const PipelineOptions& options, size_t slots,
                std::function<void(int64_t)> on_start = {});
  StoryAnalyses(const StoryAnalyses&) = delete;
  StoryAnalyses& operator=(const StoryAnalyses&) = delete;

  // Story `id`'s analysis: the kept one, else the running analysis' result
  // (when the members still match), else a new analysis, offered to the
  // source. NotFound for an unknown story.
  Result<report::Story> Get(int64_t id);
  // Analyses story `id` on this thread and offers it to the source, unless a
  // running analysis of it exists (kBusy). The caller checks first whether an analysis
  // is kept. NotFound for an unknown story.
  Result<WarmOutcome> Warm(int64_t id, const WarmHooks& hooks);
  // Analyses computed (not read from the source) so far.
  uint64_t analyses_run() const { return analyses_run_.load(); }

 private:
  struct RunningAnalysis {
    bool done = false;
    const WarmHooks* warm = nullptr;   // set while Warm leads this analysis
    std::vector<std::string> members;  // article ids analysed, in source order
    std::optional<report::Story> story;
  };
  // Ends a running analysis whatever happens (its waiters wake), on destruction.
  struct FinishOnExit {
    StoryAnalyses* analyses;
    int64_t id;
    RunningAnalysis* running;
    ~FinishOnExit();
  };
  // Joins the running analysis of `id` if there is one (returns it, done) or registers
  // `lead` as it (returns null).
  std::shared_ptr<RunningAnalysis> JoinOrLead(int64_t id,
                                              const std::shared_ptr<RunningAnalysis>& lead);
  Result<report::Story> Lead(int64_t id, RunningAnalysis& running, const WarmHooks* warm,
                             WarmOutcome* outcome);
  // Waits for a free slot and takes it; returns the threads it may use.
  int TakeSlot();
  void ReleaseSlot();

  StorySource* source_;
  PipelineOptions options_;
  size_t slots_;
  std::function<void(int64_t)> on_start_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int64_t, std::shared_ptr<RunningAnalysis>> running_;
  size_t busy_slots_ = 0;
  std::atomic<uint64_t> analyses_run_{0};
};

}  // namespace rashomon
