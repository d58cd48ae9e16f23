// FileSet: what an emitter produces — relative path to bytes, sorted by path.
// Emitters write into a FileSet; only the writer (write/writer.h) touches disk.
#ifndef MLSPEC_COMMON_FILE_SET_H_
#define MLSPEC_COMMON_FILE_SET_H_

#include <map>
#include <string>

namespace mlspec {

using FileSet = std::map<std::string, std::string>;

}  // namespace mlspec

#endif  // MLSPEC_COMMON_FILE_SET_H_
