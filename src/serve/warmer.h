// Warmer: analyses stories in the background while the server is idle, so
// the first reader of a story finds its analysis cached instead of waiting
// seconds for it (a story of 100 articles costs about 4 s of CPU).
//
// One thread plans (Backend::StoriesToWarm: the first `stories` stories of
// the list orders whose analysis is missing or stale) and warms them one at
// a time (Backend::WarmStory). It starts a story only when no request is in
// flight (the server brackets each API request with RequestBegin/End), and
// runs the cleaning and analysis at SCHED_IDLE, so requests take the CPU
// from it whenever they want it. A request for the story being warmed joins
// that analysis; the warming thread is then raised back to normal priority
// until it is done, since the request waits for it. After an ingest through
// the server (Replan) or a write by another process (the backend's
// ExternalVersion, looked at between stories and every `poll` while idle)
// it plans again. Stop() abandons the story in progress at the next stage
// boundary and joins the thread.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "serve/backend.h"
#include "store/store.h"

namespace rashomon::serve {

struct WarmerOptions {
  // Stories of the list orders kept analysed (0: no warming, the library
  // default; `serve --warm` defaults to 1,000, the first 20 pages of 50 of
  // both orders). Each costs its articles' analysis once (about 40 ms of
  // CPU per article on generated news), at idle priority.
  size_t stories = 0;
  // Run the analyses at SCHED_IDLE (Linux); off, they run at the server's
  // priority and only the pause between requests keeps them out of the way.
  bool idle_priority = true;
  // How often an idle warmer checks whether another process wrote the
  // database.
  std::chrono::milliseconds poll{2000};
  // Test hooks, each may be empty: called (on the warming thread, holding
  // no lock) when the warmer waits for the requests in flight before its
  // next story, and (on the request's thread, see WarmHooks::joined:
  // quick, no calls back) when a request joins a warm analysis.
  std::function<void()> on_pause;
  std::function<void()> on_joined;
};

struct WarmerStats {
  uint64_t plans = 0;     // plans made (the first, then after each change)
  uint64_t planned = 0;   // stories in the current plan
  uint64_t analysed = 0;  // stories analysed and cached, in all plans
  uint64_t skipped = 0;   // cached meanwhile, taken by a request, or changed under it
  uint64_t failed = 0;    // WarmStory errors (the story is left to requests)
  uint64_t joined = 0;    // requests that joined a warm analysis
  uint64_t pauses = 0;    // waits for requests in flight before a story
  bool idle = false;      // the current plan is done
};

class Warmer {
 public:
  // REQUIRES: backend outlives the Warmer.
  Warmer(Backend* backend, WarmerOptions options);
  ~Warmer();
  Warmer(const Warmer&) = delete;
  Warmer& operator=(const Warmer&) = delete;

  // Starts the thread (once; nothing when options.stories is 0).
  void Start();
  // Abandons the story in progress (at its next stage boundary) and joins
  // the thread. Idempotent.
  void Stop();
  // Brackets one request: no new story starts while any is in flight.
  void RequestBegin();
  void RequestEnd();
  // Stories may have changed (an ingest through the server): plan again
  // before the next story.
  void Replan();
  // Blocks until the current plan is done, or the warmer is stopped or not
  // running. For tests and tools.
  void WaitIdle();
  // True once Stop() has begun.
  bool stopping() const;
  WarmerStats stats() const;

 private:
  void Loop();
  // Waits (under `lock`) until no request is in flight; false when stopped.
  bool WaitForQuiet(std::unique_lock<std::mutex>& lock);
  void SetIdlePriority(bool idle);

  Backend* backend_;
  WarmerOptions options_;
  WarmHooks hooks_;
  mutable std::mutex mu_;
  std::condition_variable cv_;  // in_flight_, dirty_, stop_, stats_.idle
  int in_flight_ = 0;
  bool dirty_ = true;
  bool started_ = false;
  std::atomic<bool> stop_{false};
  std::atomic<bool> joined_current_{false};  // a request waits for the story in progress
  std::atomic<uint64_t> joined_count_{0};
  // The warming thread, as the thread itself records it (empty until it runs).
  std::atomic<std::thread::native_handle_type> native_{};
  WarmerStats stats_;
  std::mutex join_mu_;  // guards joining thread_
  std::thread thread_;
};

}  // namespace rashomon::serve
