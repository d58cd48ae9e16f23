#include "base/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mlspec {
namespace {

std::string TooBig(size_t have, size_t max_bytes) {
  return "it is " + HumanBytes(have) + "; mlspec reads files of at most " + HumanBytes(max_bytes);
}

const char* KindOf(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  return "not a regular file";
}

// Reads until EOF; fails past max_bytes (a file may grow while read; a
// stream has no size to check first).
bool ReadAll(int fd, size_t max_bytes, size_t expected, bool stream, std::string* out, std::string* error) {
  out->clear();
  out->reserve(expected);
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      return false;
    }
    if (n == 0) return true;
    if (out->size() + static_cast<size_t>(n) > max_bytes) {
      *error = stream ? "more than " + HumanBytes(max_bytes) + " arrived; mlspec reads at most " + HumanBytes(max_bytes)
                      : TooBig(out->size() + static_cast<size_t>(n), max_bytes) + " (it grew while read)";
      return false;
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

std::string HumanBytes(size_t n) {
  char buf[64];
  if (n < 1024) std::snprintf(buf, sizeof buf, "%zu bytes", n);
  else if (n < (size_t{1} << 20)) std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / 1024);
  else if (n < (size_t{1} << 30)) std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / (1 << 20));
  else std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(n) / (1 << 30));
  std::string s = buf;
  if (s.ends_with(".0 KiB") || s.ends_with(".0 MiB") || s.ends_with(".0 GiB")) s.erase(s.size() - 6, 2);
  return s;
}

bool ReadInputFile(const std::string& path, size_t max_bytes, std::string* out, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  struct stat st;
  bool ok = false;
  if (::fstat(fd, &st) != 0) {
    *error = std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    *error = std::string("it is ") + KindOf(st.st_mode) + ", not a regular file";
  } else if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    *error = TooBig(static_cast<size_t>(st.st_size), max_bytes);
  } else {
    ok = ReadAll(fd, max_bytes, static_cast<size_t>(st.st_size), false, out, error);
  }
  ::close(fd);
  return ok;
}

bool ReadInputStream(int fd, size_t max_bytes, std::string* out, std::string* error) {
  return ReadAll(fd, max_bytes, 0, true, out, error);
}

}  // namespace mlspec
