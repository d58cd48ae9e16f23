#include "lint/manifest_walk.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

namespace mlspec {
namespace fs = std::filesystem;

namespace {

bool IsManifestName(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json");
}

std::string Join(const std::string& dir, const char* name) {
  std::string p = dir;
  if (!p.empty() && p.back() != '/') p += '/';
  p += name;
  return p;
}

// Is `p` (resolved) inside `root` (resolved)?
bool Inside(const fs::path& p, const fs::path& root) {
  auto [r, _] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return r == root.end();
}

// A pool of threads sharing one stack of directories still to read. A thread
// that reads a directory pushes its subdirectories; the walk ends when the
// stack is empty and no thread is reading (a read may still push more).
class Walker {
 public:
  Walker(fs::path real_root, bool follow) : real_root_(std::move(real_root)), follow_(follow) {}

  void Run(const std::string& root, unsigned threads) {
    struct stat st;
    if (::stat(real_root_.c_str(), &st) == 0) seen_.insert({st.st_dev, st.st_ino});
    stack_.push_back(root);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back([this] { Work(); });
    Work();
    for (std::thread& t : pool) t.join();
    std::sort(files_.begin(), files_.end());
    std::sort(errors_.begin(), errors_.end());
  }

  std::vector<std::string>& files() { return files_; }
  const std::vector<std::pair<std::string, std::string>>& errors() const { return errors_; }

 private:
  struct Listing {
    std::vector<std::string> files, dirs;
    std::string error;
  };

  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return !stack_.empty() || reading_ == 0; });
      if (stack_.empty()) break;  // and nobody reading: nothing more can come
      std::string dir = std::move(stack_.back());
      stack_.pop_back();
      ++reading_;
      lock.unlock();
      Listing l = Read(dir);
      lock.lock();
      --reading_;
      for (std::string& f : l.files) files_.push_back(std::move(f));
      for (std::string& d : l.dirs) stack_.push_back(std::move(d));
      if (!l.error.empty()) errors_.emplace_back(dir, std::move(l.error));
      if (!l.dirs.empty() || reading_ == 0) cv_.notify_all();
    }
    cv_.notify_all();
  }

  // Whether this real directory is new to the walk (only tracked with
  // follow_: without it no symlink is entered, so nothing is reached twice).
  bool FirstVisit(const struct stat& st) {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_.insert({st.st_dev, st.st_ino}).second;
  }

  Listing Read(const std::string& dir) {
    Listing out;
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      out.error = std::strerror(errno);
      return out;
    }
    struct stat st;
    for (;;) {
      errno = 0;
      const dirent* e = ::readdir(d);
      if (e == nullptr) {
        if (errno != 0) out.error = std::strerror(errno);
        break;
      }
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      std::string path = Join(dir, e->d_name);
      unsigned char type = e->d_type;
      if (type == DT_UNKNOWN) {  // filesystems without d_type
        if (::lstat(path.c_str(), &st) != 0) continue;
        type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
      }
      if (type == DT_LNK) {
        std::error_code ec;
        fs::path target = fs::canonical(path, ec);
        if (ec || ::stat(target.c_str(), &st) != 0) continue;  // dangling or a loop
        if (!follow_ && !Inside(target, real_root_)) continue;
        if (S_ISDIR(st.st_mode)) {
          if (follow_ && FirstVisit(st)) out.dirs.push_back(std::move(path));
        } else if (S_ISREG(st.st_mode) && IsManifestName(e->d_name)) {
          out.files.push_back(std::move(path));
        }
      } else if (type == DT_DIR) {
        if (!follow_ || (::stat(path.c_str(), &st) == 0 && FirstVisit(st))) out.dirs.push_back(std::move(path));
      } else if (type == DT_REG && IsManifestName(e->d_name)) {
        out.files.push_back(std::move(path));
      }
    }
    ::closedir(d);
    return out;
  }

  const fs::path real_root_;
  const bool follow_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> stack_;
  unsigned reading_ = 0;
  std::set<std::pair<dev_t, ino_t>> seen_;
  std::vector<std::string> files_;
  std::vector<std::pair<std::string, std::string>> errors_;  // directory, reason
};

}  // namespace

std::vector<std::string> WalkManifests(const std::string& root, const WalkOptions& options, Diagnostics& diags) {
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) {
    diags.Error({root, 0, 0}, "cannot read directory: " + ec.message());
    return {};
  }
  Walker walker(std::move(real_root), options.follow_symlinks);
  walker.Run(root, std::max(1u, options.threads));
  for (const auto& [dir, reason] : walker.errors()) diags.Error({dir, 0, 0}, "cannot read directory: " + reason);
  return std::move(walker.files());
}

}  // namespace mlspec
