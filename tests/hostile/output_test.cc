// Hostile output paths for `compile`, safe names, symlinks under `lint`, and
// the kill-at-random test: the output directory is only ever the old tree or
// the new one.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "base/file_set.h"
#include "hostile_util.h"
#include "test_util.h"
#include "write/writer.h"

namespace mlspec::testing {
namespace {
namespace fs = std::filesystem;

// A work dir with both example specs and `out` compiled from the EKS one,
// plus a file of the user's.
fs::path CompiledOldTree(const std::string& name) {
  fs::path dir = TempDir(name);
  WriteFileOrDie(dir / "old.toml", ReadFileOrDie(SourceDir() / "examples/eks-platform.toml"));
  WriteFileOrDie(dir / "new.toml", ReadFileOrDie(SourceDir() / "examples/aks-platform.toml"));
  RunResult r = RunMlspec({"compile", "old.toml", "-o", "out"}, dir);
  if (r.exit_code != 0) throw std::runtime_error("compile old.toml: " + r.err);
  WriteFileOrDie(dir / "out/NOTES.md", "mine\n");
  return dir;
}

// Mounts a tmpfs of `size` at `dir` (root only). Empty on success, else why not.
std::string MountTmpfs(const fs::path& dir, const std::string& size) {
  if (!IsRoot()) return "not root";
  std::string opts = "size=" + size;
  if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, opts.c_str()) != 0)
    return std::string("mount -t tmpfs: ") + std::strerror(errno);
  return "";
}

TEST(Output, PathIsAFile) {
  fs::path dir = CompiledOldTree("out-file");
  WriteFileOrDie(dir / "file", "not a directory\n");
  BoundedOptions opts;
  opts.cwd = dir;
  ExpectOneLocatedError(RunBounded({"compile", "new.toml", "-o", "file"}, opts), 2, "file", "not a directory");
  EXPECT_EQ(ReadFileOrDie(dir / "file"), "not a directory\n");
  // Below a file, too: the parent cannot be created.
  ExpectOneLocatedError(RunBounded({"compile", "new.toml", "-o", "file/out"}, opts), 2, "file/out",
                        "cannot create parent directory \"file\": Not a directory");
  EXPECT_EQ(ReadFileOrDie(dir / "file"), "not a directory\n");
  fs::remove_all(dir);
}

// Root ignores mode bits, so the read-only case uses a read-only tmpfs
// (root) or a directory without write permission (other users).
TEST(Output, ReadOnlyFilesystem) {
  fs::path dir = TempDir("out-ro");
  fs::path mnt = dir / "ro";
  fs::create_directory(mnt);
  std::string why = MountTmpfs(mnt, "16m");
  if (!why.empty() && IsRoot()) GTEST_SKIP() << "cannot mount a tmpfs as root here: " << why;
  for (const char* f : {"old.toml", "new.toml"})
    WriteFileOrDie(mnt / f,
                   ReadFileOrDie(SourceDir() / "examples" / (f[0] == 'o' ? "eks-platform.toml" : "aks-platform.toml")));
  ASSERT_EQ(RunMlspec({"compile", "old.toml", "-o", "out"}, mnt).exit_code, 0);
  if (IsRoot()) {
    ASSERT_EQ(::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr), 0) << std::strerror(errno);
  } else {
    fs::permissions(mnt, fs::perms::owner_read | fs::perms::owner_exec);
  }
  auto before = FullSnapshot(mnt);
  BoundedOptions opts;
  opts.cwd = mnt;
  ExpectOneLocatedError(RunBounded({"compile", "new.toml", "-o", "out"}, opts), 2, "out",
                        IsRoot() ? "Read-only file system" : "Permission denied");
  EXPECT_EQ(FullSnapshot(mnt), before);
  if (IsRoot()) ::umount(mnt.c_str());
  else fs::permissions(mnt, fs::perms::owner_all);
  fs::remove_all(dir);
}

// A full filesystem: a small tmpfs holding the old tree, filled to the last
// byte. Mounting needs root; other users skip with the reason.
TEST(Output, FullFilesystem) {
  fs::path dir = TempDir("out-full");
  fs::path mnt = dir / "small";
  fs::create_directory(mnt);
  std::string why = MountTmpfs(mnt, "2m");
  if (!why.empty()) GTEST_SKIP() << "needs a small tmpfs, cannot mount one: " << why;
  for (const char* f : {"old.toml", "new.toml"})
    WriteFileOrDie(mnt / f,
                   ReadFileOrDie(SourceDir() / "examples" / (f[0] == 'o' ? "eks-platform.toml" : "aks-platform.toml")));
  ASSERT_EQ(RunMlspec({"compile", "old.toml", "-o", "out"}, mnt).exit_code, 0);
  {  // fill it
    std::ofstream fill(mnt / "filler", std::ios::binary);
    std::string block(4096, 'x');
    while (fill.write(block.data(), static_cast<std::streamsize>(block.size()))) {
      fill.flush();
      if (!fill) break;
    }
  }
  auto before = FullSnapshot(mnt / "out");
  BoundedOptions opts;
  opts.cwd = mnt;
  BoundedResult r = RunBounded({"compile", "new.toml", "-o", "out"}, opts);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.signal, 0);
  std::vector<std::string> errors = ErrorLines(r.err);
  ASSERT_EQ(errors.size(), 1u) << r.err;
  EXPECT_TRUE(errors[0].starts_with("out")) << errors[0];
  EXPECT_NE(errors[0].find("No space left on device"), std::string::npos) << errors[0];
  EXPECT_EQ(FullSnapshot(mnt / "out"), before);
  // No staging directory left behind to eat the space.
  for (const auto& e : fs::directory_iterator(mnt))
    EXPECT_EQ(e.path().filename().string().find(".out.mlspec-"), std::string::npos) << e.path();
  // Space again: the same command succeeds.
  fs::remove(mnt / "filler");
  EXPECT_EQ(RunBounded({"compile", "new.toml", "-o", "out"}, opts).exit_code, 0);
  ::umount(mnt.c_str());
  fs::remove_all(dir);
}

// `compile --stdout` (the ArgoCD plugin) and lint reports on a full device:
// an error, not exit 0 with the output lost.
TEST(Output, StdoutAndReportOnAFullDevice) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  fs::path dir = CompiledOldTree("out-devfull");
  BoundedOptions opts;
  opts.cwd = dir;
  opts.stdout_path = "/dev/full";
  ExpectOneLocatedError(RunBounded({"compile", "new.toml", "--stdout"}, opts), 2, "-", "No space left on device");
  ExpectOneLocatedError(RunBounded({"lint", "out/manifests"}, opts), 2, "-", "No space left on device");
  opts.stdout_path.clear();
  ExpectOneLocatedError(RunBounded({"lint", "out/manifests", "-f", "json", "-o", "/dev/full"}, opts), 2, "/dev/full",
                        "No space left on device");
  fs::remove_all(dir);
}

// ---- Names never escape the output directory ----

TEST(SafeWrite, UnsafeRelativePaths) {
  struct {
    const char* path;
    bool safe;
  } cases[] = {
      {"manifests/a.yaml", true},
      {"a", true},
      {"a/b/c", true},
      {"..a", true},
      {"", false},
      {"/etc/passwd", false},
      {"../x", false},
      {"a/../../x", false},
      {"a/..", false},
      {"./a", false},
      {"a//b", false},
      {"a/", false},
      {"a\\..\\b", false},
      {"..", false},
      {".", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsSafeRelativePath(c.path), c.safe) << c.path;
  EXPECT_FALSE(IsSafeRelativePath(std::string_view("a\0b", 3)));
}

TEST(SafeWrite, WriterRefusesEscapingNamesAndWritesNothing) {
  fs::path dir = TempDir("safe-write");
  fs::create_directories(dir / "out");
  WriteFileOrDie(dir / "out/keep.txt", "keep\n");
  auto before = FullSnapshot(dir);
  for (const char* evil : {"../escaped.yaml", "/tmp/escaped.yaml", "a/../../escaped.yaml", ".mlspec-generated"}) {
    FileSet files;
    files["manifests/ok.yaml"] = "ok\n";
    files[evil] = "evil\n";
    Diagnostics diags;
    EXPECT_FALSE(WriteTree((dir / "out").string(), files, diags, nullptr)) << evil;
    EXPECT_TRUE(diags.has_errors());
    EXPECT_EQ(FullSnapshot(dir), before) << evil;
  }
  EXPECT_FALSE(fs::exists(dir / "escaped.yaml"));
  fs::remove_all(dir);
}

// ---- lint and symlinks ----

const char kPodWithError[] =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ml\nspec:\n  containers:\n"
    "  - name: c\n    image: x:1\n    resources:\n      requests:\n        nvidia.com/gpu: 1\n";

TEST(LintSymlinks, LoopsEndAndOutsideTargetsNeedTheFlag) {
  fs::path dir = TempDir("lint-links");
  fs::create_directories(dir / "root/sub");
  fs::create_directories(dir / "outside");
  WriteFileOrDie(dir / "root/sub/pod.yaml", kPodWithError);
  WriteFileOrDie(dir / "outside/secret.yaml", kPodWithError);
  fs::create_directory_symlink("..", dir / "root/sub/up");  // a loop
  fs::create_directory_symlink(".", dir / "root/self");     // a loop
  fs::create_symlink("b.yaml", dir / "root/a.yaml");        // a 2-cycle
  fs::create_symlink("a.yaml", dir / "root/b.yaml");
  fs::create_symlink("../outside/secret.yaml", dir / "root/out.yaml");  // leaves the root
  fs::create_directory_symlink("../outside", dir / "root/outdir");      // leaves the root
  fs::create_symlink("sub/pod.yaml", dir / "root/inside.yaml");         // stays inside
  auto before = FullSnapshot(dir);
  BoundedOptions opts;
  opts.cwd = dir;
  opts.limit = std::chrono::seconds(60);

  BoundedResult r = RunBounded({"lint", "--color", "never", "-f", "json", "root"}, opts);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.out.find("root/sub/pod.yaml"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("root/inside.yaml"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("secret"), std::string::npos) << "followed a symlink out of the root:\n" << r.out;
  EXPECT_EQ(r.out.find("root/out.yaml"), std::string::npos) << r.out;

  r = RunBounded({"lint", "--color", "never", "-f", "json", "--follow-symlinks", "root"}, opts);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.out.find("root/out.yaml"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("root/outdir/secret.yaml"), std::string::npos) << r.out;
  // Each real directory once: the loops through `up` and `self` add nothing.
  EXPECT_EQ(r.out.find("root/self/"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("root/sub/up/"), std::string::npos) << r.out;
  EXPECT_EQ(FullSnapshot(dir), before);
  fs::remove_all(dir);
}

// ---- Kill at random ----
//
// `compile` into a directory holding an older tree, SIGKILLed at a random
// moment (MLSPEC_WRITE_DELAY_US slows each staged file so kills land mid-
// write): the directory must hold exactly the old tree or exactly the new
// one. MLSPEC_KILL_ITERATIONS sets the count (default 25; docs/robustness.md
// records a run of 100); MLSPEC_KILL_SEED the seed.
TEST(KillAtRandom, OutputIsOldTreeOrNewTree) {
  int iterations = 25;
  if (const char* v = std::getenv("MLSPEC_KILL_ITERATIONS")) iterations = std::atoi(v);
  unsigned seed = static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  if (const char* v = std::getenv("MLSPEC_KILL_SEED")) seed = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
  std::mt19937 rng(seed);
  fs::path dir = CompiledOldTree("kill");
  fs::copy(dir / "out", dir / "old-ref", fs::copy_options::recursive);
  auto old_tree = FullSnapshot(dir / "out");
  // The new tree: what an uninterrupted run leaves (user file kept).
  fs::copy(dir / "out", dir / "new-ref", fs::copy_options::recursive);
  ASSERT_EQ(RunMlspec({"compile", "new.toml", "-o", "new-ref"}, dir).exit_code, 0);
  auto new_tree = FullSnapshot(dir / "new-ref");
  ASSERT_NE(old_tree, new_tree);

  const int delay_us = 1500;
  std::uniform_int_distribution<int> when_us(0, 120000);  // the write takes ~30 files × 1.5 ms
  int saw_old = 0, saw_new = 0, mid_write = 0;
  for (int i = 0; i < iterations; ++i) {
    SCOPED_TRACE("iteration " + std::to_string(i) + ", seed " + std::to_string(seed));
    int wait = when_us(rng);
    pid_t pid = ::fork();
    if (pid == 0) {
      if (::chdir(dir.c_str()) != 0) _exit(124);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::setenv("MLSPEC_WRITE_DELAY_US", std::to_string(delay_us).c_str(), 1);
      ::execl(MLSPEC_BINARY, MLSPEC_BINARY, "compile", "new.toml", "-o", "out", static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(wait));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    // A staging directory left beside `out`: the kill landed mid-write.
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().filename().string().starts_with(".out.mlspec-")) {
        ++mid_write;
        fs::remove_all(e.path());
      }
    }
    auto now = FullSnapshot(dir / "out");
    if (now == old_tree) ++saw_old;
    else if (now == new_tree) ++saw_new;
    else FAIL() << "after a kill at " << wait << " µs the output is neither the old nor the new tree";
    // Back to the old tree for the next round.
    fs::remove_all(dir / "out");
    fs::copy(dir / "old-ref", dir / "out", fs::copy_options::recursive);
  }
  std::printf(
      "kill-at-random: %d iterations, seed %u: %d old tree, %d new tree; %d left a staging directory (killed mid-write "
      "or mid-cleanup)\n",
      iterations, seed, saw_old, saw_new, mid_write);
  // A later run cleans up what a killed run left beside the output.
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) _exit(124);
    ::setenv("MLSPEC_WRITE_DELAY_US", "200000", 1);
    ::execl(MLSPEC_BINARY, MLSPEC_BINARY, "compile", "new.toml", "-o", "out", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  ASSERT_EQ(RunMlspec({"compile", "new.toml", "-o", "out"}, dir).exit_code, 0);
  EXPECT_EQ(FullSnapshot(dir / "out"), new_tree);
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".out.mlspec-"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mlspec::testing
