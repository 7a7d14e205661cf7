#include "pipeline/story_analyses.h"

#include <algorithm>
#include <utility>

#include "text/corpus.h"

namespace rashomon {

StoryAnalyses::StoryAnalyses(StorySource* source, const PipelineOptions& options, size_t slots,
                             std::function<void(int64_t)> on_start)
    : source_(source),
      options_(options),
      slots_(std::max<size_t>(1, slots)),
      on_start_(std::move(on_start)) {}

StoryAnalyses::FinishOnExit::~FinishOnExit() {
  {
    std::lock_guard<std::mutex> lock(analyses->mu_);
    running->done = true;
    running->warm = nullptr;
    analyses->running_.erase(id);
  }
  analyses->cv_.notify_all();
}

std::shared_ptr<StoryAnalyses::RunningAnalysis> StoryAnalyses::JoinOrLead(
    int64_t id, const std::shared_ptr<RunningAnalysis>& lead) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = running_.find(id);
  if (it == running_.end()) {
    running_.emplace(id, lead);
    return nullptr;
  }
  std::shared_ptr<RunningAnalysis> joined = it->second;
  if (joined->warm != nullptr && joined->warm->joined) joined->warm->joined();
  cv_.wait(lock, [&joined] { return joined->done; });
  return joined;
}

Result<report::Story> StoryAnalyses::Get(int64_t id) {
  for (;;) {
    ASSIGN_OR_RETURN(std::optional<report::Story> kept, source_->Kept(id));
    if (kept) return std::move(*kept);
    auto lead = std::make_shared<RunningAnalysis>();
    std::shared_ptr<RunningAnalysis> joined = JoinOrLead(id, lead);
    if (joined == nullptr) {
      FinishOnExit finish{this, id, lead.get()};
      return Lead(id, *lead, nullptr, nullptr);
    }
    // The story may have changed after the analysis read its articles (this
    // request may come after an ingest the analysis predates): the result
    // answers it only if the members are still the same.
    if (!joined->story) continue;  // that analysis failed: try again
    ASSIGN_OR_RETURN(std::vector<std::string> now, source_->Members(id));
    if (now == joined->members) return *joined->story;
  }
}

Result<WarmOutcome> StoryAnalyses::Warm(int64_t id, const WarmHooks& hooks) {
  auto lead = std::make_shared<RunningAnalysis>();
  lead->warm = &hooks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (running_.count(id) > 0) return WarmOutcome::kBusy;
    running_.emplace(id, lead);
  }
  FinishOnExit finish{this, id, lead.get()};
  WarmOutcome outcome = WarmOutcome::kAnalysed;
  RETURN_IF_ERROR(Lead(id, *lead, &hooks, &outcome).status());
  return outcome;
}

int StoryAnalyses::TakeSlot() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return busy_slots_ < slots_; });
  ++busy_slots_;
  return static_cast<int>(std::max<size_t>(1, slots_ / busy_slots_));
}

void StoryAnalyses::ReleaseSlot() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --busy_slots_;
  }
  cv_.notify_all();
}

// Computes story `id` from its articles (the leader of its running analysis) and offers
// the analysis to the source, which keeps it when the story still has
// exactly the articles analysed. Fills `running` for the requests that wait
// for it. With `warm` (Warm) it takes no slot, runs on this thread only,
// calls the hooks, and lets the source wait for its writer; `outcome` then
// says what became of the story.
Result<report::Story> StoryAnalyses::Lead(int64_t id, RunningAnalysis& running,
                                          const WarmHooks* warm, WarmOutcome* outcome) {
  auto cancelled = [warm, outcome] {
    if (warm == nullptr || !warm->cancelled || !warm->cancelled()) return false;
    *outcome = WarmOutcome::kCancelled;
    return true;
  };
  ASSIGN_OR_RETURN(std::vector<Article> articles, source_->Articles(id));
  if (articles.empty()) return Status::NotFound("no story " + std::to_string(id));
  if (cancelled()) return report::Story();
  // A request waits for a free analysis slot; the slots share the threads.
  const int threads = warm == nullptr ? TakeSlot() : 1;
  struct Release {
    StoryAnalyses* analyses;
    bool held;
    ~Release() {
      if (held) analyses->ReleaseSlot();
    }
  };
  report::Story story;
  {
    Release release{this, warm == nullptr};
    if (warm != nullptr && warm->compute_begin) warm->compute_begin();
    struct ComputeEnd {
      const WarmHooks* warm;
      ~ComputeEnd() {
        if (warm != nullptr && warm->compute_end) warm->compute_end();
      }
    } compute_end{warm};
    if (on_start_) on_start_(id);
    std::vector<Document> docs = BuildDocuments(articles, options_.text, nullptr, threads);
    for (const Article& a : articles) running.members.push_back(a.id);
    if (cancelled()) return report::Story();
    story = AnalyzeStory(DocumentPointers(docs), StoryId(running.members), options_);
    analyses_run_.fetch_add(1);
  }
  running.story = story;
  ASSIGN_OR_RETURN(WarmOutcome kept, source_->Keep(id, running.members, story, warm != nullptr));
  if (outcome != nullptr) *outcome = kept;
  return story;
}

}  // namespace rashomon
