#include "system_probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace mlspec::preflight {
namespace {

class RealSystemProbe : public SystemProbe {
 public:
  RealSystemProbe(std::string kmsg_path, std::string dev_dir)
      : kmsg_path_(std::move(kmsg_path)), dev_dir_(std::move(dev_dir)) {}

  std::optional<std::string> GetEnv(const std::string& name) override {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  }

  std::vector<std::string> ListNvidiaDevices() override {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dev_dir_, ec)) {
      std::string name = e.path().filename().string();
      if (name.rfind("nvidia", 0) == 0) out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // /dev/kmsg returns one record per read() and EAGAIN at the end when opened
  // O_NONBLOCK; EPIPE means records were overwritten while reading (skip on).
  // A regular file returns chunks and then 0. Both are split into lines.
  Expected<std::vector<std::string>> ReadKernelLog() override {
    int fd = ::open(kmsg_path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      std::string hint;
      if (err == EACCES || err == EPERM) hint = "; the container needs CAP_SYSLOG (kernel.dmesg_restrict=1) or root";
      if (err == ENOENT) hint = "; mount the host's /dev/kmsg into the container";
      return Error{strerrorname(err), "cannot open " + kmsg_path_ + ": " + std::strerror(err) + hint, ""};
    }
    std::string data;
    char buf[8192];
    for (int guard = 0; guard < 1000000; ++guard) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n > 0) {
        data.append(buf, static_cast<size_t>(n));
        if (data.back() != '\n' && IsCharDevice(fd)) data.push_back('\n');
        continue;
      }
      if (n == 0) break;
      if (errno == EINTR || errno == EPIPE) continue;
      if (errno == EAGAIN) break;
      int err = errno;
      ::close(fd);
      return Error{strerrorname(err), "reading " + kmsg_path_ + ": " + std::strerror(err), ""};
    }
    ::close(fd);
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < data.size()) {
      size_t nl = data.find('\n', start);
      if (nl == std::string::npos) nl = data.size();
      if (nl > start) lines.emplace_back(data, start, nl - start);
      start = nl + 1;
    }
    return lines;
  }

 private:
  static bool IsCharDevice(int fd) {
    struct stat st {};
    return ::fstat(fd, &st) == 0 && S_ISCHR(st.st_mode);
  }
  static std::string strerrorname(int err) {
    switch (err) {
      case EACCES:
        return "EACCES";
      case EPERM:
        return "EPERM";
      case ENOENT:
        return "ENOENT";
      default:
        return "errno " + std::to_string(err);
    }
  }

  std::string kmsg_path_;
  std::string dev_dir_;
};

}  // namespace

std::unique_ptr<SystemProbe> MakeRealSystemProbe(std::string kmsg_path, std::string dev_dir) {
  return std::make_unique<RealSystemProbe>(std::move(kmsg_path), std::move(dev_dir));
}

}  // namespace mlspec::preflight
