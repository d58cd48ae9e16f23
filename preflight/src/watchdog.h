// Runs a piece of work on its own thread with a deadline. A hung CUDA or
// NVML call cannot be cancelled, so on expiry the thread is abandoned: the
// caller reports what finished and exits (mlspec-preflight never hangs).
#ifndef MLSPEC_PREFLIGHT_WATCHDOG_H_
#define MLSPEC_PREFLIGHT_WATCHDOG_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace mlspec::preflight {

class Watchdog {
 public:
  Watchdog() = default;
  // Detaches abandoned threads; the process is expected to exit soon after.
  ~Watchdog();
  // Not copyable.
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Returns fn()'s value if it finishes within `timeout`, nullopt otherwise
  // (the worker keeps running, abandoned).
  template <class T>
  std::optional<T> Run(std::function<T()> fn, std::chrono::milliseconds timeout);

  size_t abandoned() const { return abandoned_.size(); }
  // Waits for abandoned workers (tests release their fake hang first).
  void JoinAbandoned();

 private:
  std::vector<std::thread> abandoned_;
};

template <class T>
std::optional<T> Watchdog::Run(std::function<T()> fn, std::chrono::milliseconds timeout) {
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::optional<T> value;
  };
  auto state = std::make_shared<State>();
  std::thread worker([state, fn = std::move(fn)] {
    T v = fn();
    std::lock_guard<std::mutex> lock(state->mu);
    state->value = std::move(v);
    state->done = true;
    state->cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(state->mu);
  if (state->cv.wait_for(lock, timeout, [&] { return state->done; })) {
    lock.unlock();
    worker.join();
    return std::move(state->value);
  }
  lock.unlock();
  abandoned_.push_back(std::move(worker));
  return std::nullopt;
}

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_WATCHDOG_H_
