#include "hostile_util.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "test_util.h"

namespace mlspec::testing {
namespace fs = std::filesystem;

namespace {

std::string ReadHead(const fs::path& p, size_t max) {
  std::ifstream in(p, std::ios::binary);
  std::string s(max, '\0');
  in.read(s.data(), static_cast<std::streamsize>(max));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

// "size N fnv1a H", reading 64 KiB at a time.
std::string HashFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  uint64_t h = 1469598103934665603ull, size = 0;
  std::vector<char> buf(1 << 16);
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ull;
    size += static_cast<uint64_t>(in.gcount());
  }
  return "size " + std::to_string(size) + " fnv1a " + std::to_string(h);
}

}  // namespace

bool IsRoot() { return ::geteuid() == 0; }

BoundedResult RunBounded(const std::vector<std::string>& args, const BoundedOptions& opts) {
  fs::path io = TempDir("bounded");
  fs::permissions(io, fs::perms::all);  // the child may run as nobody
  fs::path out = opts.stdout_path.empty() ? io / "stdout" : opts.stdout_path, err = io / "stderr", in = opts.stdin_path;
  if (in.empty()) {
    in = io / "stdin";
    WriteFileOrDie(in, "");
  }
  fs::path cwd = opts.cwd.empty() ? io : opts.cwd;
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int i = ::open(in.c_str(), O_RDONLY), o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666),
        e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (i < 0 || o < 0 || e < 0) _exit(126);
    ::dup2(i, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    for (const auto& [k, v] : opts.env) ::setenv(k.c_str(), v.c_str(), 1);
    if (opts.as_nobody && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) _exit(125);
    }
    if (::chdir(cwd.c_str()) != 0) _exit(124);
    std::vector<std::string> copy = args;
    std::string bin = MLSPEC_BINARY;
    std::vector<char*> argv{bin.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    _exit(127);
  }
  BoundedResult r;
  int status = 0;
  struct rusage ru {};
  for (;;) {
    pid_t got = ::wait4(pid, &status, WNOHANG, &ru);
    if (got == pid) break;
    if (std::chrono::steady_clock::now() - start > opts.limit) {
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &ru);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kb = ru.ru_maxrss;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  if (opts.stdout_path.empty()) r.out = ReadHead(out, 1 << 20);
  r.err = ReadHead(err, 1 << 20);
  std::error_code ec;
  fs::remove_all(io, ec);
  return r;
}

std::vector<std::string> ErrorLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (l.find(": error: ") != std::string::npos) lines.push_back(l);
  return lines;
}

void ExpectOneLocatedError(const BoundedResult& r, int code, const std::string& input, const std::string& needle) {
  EXPECT_FALSE(r.timed_out) << "ran past its limit (" << r.seconds << " s)";
  EXPECT_EQ(r.signal, 0) << "killed by signal " << r.signal << "\n" << r.err.substr(0, 2000);
  EXPECT_EQ(r.exit_code, code) << r.err.substr(0, 2000);
  std::vector<std::string> errors = ErrorLines(r.err);
  ASSERT_EQ(errors.size(), 1u) << r.err.substr(0, 4000);
  EXPECT_TRUE(errors[0].starts_with(input + ":")) << errors[0] << "\ndoes not name " << input;
  EXPECT_NE(errors[0].find(needle), std::string::npos) << errors[0] << "\nlacks: " << needle;
  EXPECT_LT(errors[0].size(), 400u) << "error line too long: " << errors[0].substr(0, 400);
}

std::vector<std::pair<std::string, std::string>> FullSnapshot(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::string rel = it->path().lexically_relative(dir).generic_string();
    std::error_code ec2;
    fs::file_status st = it->symlink_status(ec2);
    if (fs::is_symlink(st)) {
      out.emplace_back(rel, "symlink:" + fs::read_symlink(it->path(), ec2).string());
    } else if (fs::is_directory(st)) {
      out.emplace_back(rel + "/", "dir");
    } else if (fs::is_regular_file(st)) {
      // Large files by size and hash, read in chunks: the test process must
      // stay small, since a forked child's peak RSS starts from its size.
      if (it->file_size(ec2) > (1u << 20)) {
        out.emplace_back(rel, HashFile(it->path()));
      } else {
        out.emplace_back(rel, ReadFileOrDie(it->path()));
      }
    } else {
      out.emplace_back(rel, "special");
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mlspec::testing
