#include "test_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace mlspec::testing {
namespace fs = std::filesystem;

fs::path SourceDir() { return fs::path(MLSPEC_SOURCE_DIR); }

std::string ReadFileOrDie(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void WriteFileOrDie(const fs::path& p, const std::string& data) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << data;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

bool UpdateGolden() {
  const char* v = std::getenv("UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

namespace {
std::string Slurp(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}
}  // namespace

RunResult RunMlspec(const std::vector<std::string>& args, const fs::path& cwd, const std::string& stdin_data) {
  fs::path dir = TempDir("run");
  fs::path in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  WriteFileOrDie(in, stdin_data);
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int i = open(in.c_str(), O_RDONLY), o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644),
        e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(i, 0);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> argv;
    std::string bin = MLSPEC_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = ReadFileOrDie(out);
  r.err = ReadFileOrDie(err);
  fs::remove_all(dir);
  return r;
}

namespace {

// Removes every TempDir when the test process exits (MLSPEC_KEEP_TEMP=1
// keeps them for a look). Tests that take permissions away (the hostile
// suite's mode-000 files) get them back first, so a non-root run cleans up too.
class TempDirRegistry {
 public:
  ~TempDirRegistry() {
    if (std::getenv("MLSPEC_KEEP_TEMP") != nullptr) return;
    for (const fs::path& dir : dirs_) {
      std::error_code ec;
      fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
      for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec))
          fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        ec.clear();
      }
      fs::remove_all(dir, ec);
    }
  }
  void Add(fs::path dir) {
    std::lock_guard<std::mutex> lock(mu_);
    dirs_.push_back(std::move(dir));
  }

 private:
  std::mutex mu_;
  std::vector<fs::path> dirs_;
};

TempDirRegistry& TempDirs() {
  static TempDirRegistry registry;
  return registry;
}

}  // namespace

fs::path TempDir(const std::string& name) {
  std::string tmpl = (fs::temp_directory_path() / ("mlspec-test-" + name + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  TempDirs().Add(tmpl);
  return tmpl;
}

std::vector<std::pair<std::string, std::string>> SnapshotTree(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.emplace_back(fs::relative(e.path(), dir).generic_string(), ReadFileOrDie(e.path()));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mlspec::testing
