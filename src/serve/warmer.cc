#include "serve/warmer.h"

#include <pthread.h>
#include <sched.h>

#include <utility>

namespace rashomon::serve {

Warmer::Warmer(Backend* backend, WarmerOptions options) : backend_(backend), options_(std::move(options)) {
  hooks_.compute_begin = [this] {
    SetIdlePriority(true);
    // A request that joined before this point waits for this analysis.
    if (joined_current_.load()) SetIdlePriority(false);
  };
  hooks_.compute_end = [this] { SetIdlePriority(false); };
  hooks_.joined = [this] {
    joined_current_.store(true);
    joined_count_.fetch_add(1);
    SetIdlePriority(false);
    if (options_.on_joined) options_.on_joined();
  };
  hooks_.cancelled = [this] { return stop_.load(); };
}

Warmer::~Warmer() { Stop(); }

void Warmer::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (options_.stories == 0 || started_ || stop_.load()) return;
  started_ = true;
  thread_ = std::thread([this] { Loop(); });
}

void Warmer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_.store(true);
  }
  cv_.notify_all();
  // An analysis at idle priority may get no CPU on a busy machine: at
  // normal priority it reaches its next cancellation point soon.
  SetIdlePriority(false);
  // Stop may be called from two threads at once (a signal's and the
  // server's destructor): the second waits for the first's join.
  std::lock_guard<std::mutex> join(join_mu_);
  if (thread_.joinable()) thread_.join();
}

void Warmer::RequestBegin() {
  std::lock_guard<std::mutex> lock(mu_);
  ++in_flight_;
}

void Warmer::RequestEnd() {
  bool quiet = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    quiet = --in_flight_ == 0;
  }
  if (quiet) cv_.notify_all();
}

void Warmer::Replan() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    dirty_ = true;
  }
  cv_.notify_all();
}

void Warmer::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return !started_ || stop_.load() || (stats_.idle && !dirty_); });
}

bool Warmer::stopping() const { return stop_.load(); }

WarmerStats Warmer::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  WarmerStats out = stats_;
  out.joined = joined_count_.load();
  return out;
}

void Warmer::SetIdlePriority(bool idle) {
  const std::thread::native_handle_type thread = native_.load();
  if (!options_.idle_priority || thread == std::thread::native_handle_type()) return;
  sched_param param{};
  param.sched_priority = 0;
  // Linux applies the policy to that one thread. A failure (another OS, a
  // sandbox) leaves the warmer at normal priority, still pausing for
  // requests.
  pthread_setschedparam(thread, idle ? SCHED_IDLE : SCHED_OTHER, &param);
}

bool Warmer::WaitForQuiet(std::unique_lock<std::mutex>& lock) {
  if (in_flight_ > 0 && !stop_.load()) {
    ++stats_.pauses;
    if (options_.on_pause) {
      lock.unlock();
      options_.on_pause();
      lock.lock();
    }
    cv_.wait(lock, [this] { return stop_.load() || in_flight_ == 0; });
  }
  return !stop_.load();
}

void Warmer::Loop() {
  native_.store(pthread_self());
  uint64_t version = backend_->ExternalVersion();
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_.load()) {
    dirty_ = false;
    stats_.idle = false;
    lock.unlock();
    Result<std::vector<std::string>> plan = backend_->StoriesToWarm(options_.stories);
    lock.lock();
    ++stats_.plans;
    stats_.planned = plan.ok() ? plan->size() : 0;
    if (!plan.ok()) ++stats_.failed;
    for (size_t i = 0; plan.ok() && i < plan->size(); ++i) {
      if (!WaitForQuiet(lock) || dirty_) break;
      lock.unlock();
      const uint64_t now = backend_->ExternalVersion();
      Result<WarmOutcome> outcome = WarmOutcome::kCancelled;
      if (now == version) {
        joined_current_.store(false);
        outcome = backend_->WarmStory((*plan)[i], hooks_);
      }
      lock.lock();
      if (now != version) {  // another process wrote: plan again
        version = now;
        dirty_ = true;
        break;
      }
      if (!outcome.ok()) {
        ++stats_.failed;
      } else if (*outcome == WarmOutcome::kAnalysed) {
        ++stats_.analysed;
      } else if (*outcome != WarmOutcome::kCancelled) {
        ++stats_.skipped;
      }
    }
    if (stop_.load() || dirty_) continue;
    stats_.idle = true;
    cv_.notify_all();
    // Idle until an ingest through the server, a write by another process,
    // or the stop.
    while (!stop_.load() && !dirty_) {
      if (cv_.wait_for(lock, options_.poll, [this] { return stop_.load() || dirty_; })) break;
      lock.unlock();
      const uint64_t now = backend_->ExternalVersion();
      lock.lock();
      if (now != version) {
        version = now;
        dirty_ = true;
      }
    }
  }
  cv_.notify_all();
}

}  // namespace rashomon::serve
