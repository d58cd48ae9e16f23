#include "watchdog.h"

namespace mlspec::preflight {

Watchdog::~Watchdog() {
  for (auto& t : abandoned_)
    if (t.joinable()) t.detach();
}

void Watchdog::JoinAbandoned() {
  for (auto& t : abandoned_)
    if (t.joinable()) t.join();
  abandoned_.clear();
}

}  // namespace mlspec::preflight
