// Reading input files the way an unattended tool must: never blocking on a
// FIFO or device, refusing directories and other non-regular files, and
// refusing files above a size limit before reading them into memory.
#ifndef MLSPEC_COMMON_READ_FILE_H_
#define MLSPEC_COMMON_READ_FILE_H_

#include <cstddef>
#include <string>

namespace mlspec {

// Size limits (docs/robustness.md). A spec is a few kilobytes; a manifest
// file, even a rendered chart with CRDs, a few megabytes.
inline constexpr size_t kMaxSpecBytes = size_t{1} << 20;       // specs, .mlspec.toml
inline constexpr size_t kMaxManifestBytes = size_t{64} << 20;  // each file `lint` reads

// Reads the regular file at `path` into *out. On failure returns false and
// sets *error to what is wrong, without the path (callers locate it): the
// errno text ("Permission denied"), "it is a FIFO, not a regular file" or
// "it is 200 MiB; mlspec reads files of at most 64 MiB". Opens with O_NONBLOCK, so a FIFO or device is refused at once.
bool ReadInputFile(const std::string& path, size_t max_bytes, std::string* out, std::string* error);

// Reads file descriptor `fd` (stdin) to its end, at most `max_bytes`.
bool ReadInputStream(int fd, size_t max_bytes, std::string* out, std::string* error);

// "1.5 MiB", "64 MiB", "512 bytes".
std::string HumanBytes(size_t n);

}  // namespace mlspec

#endif  // MLSPEC_COMMON_READ_FILE_H_
