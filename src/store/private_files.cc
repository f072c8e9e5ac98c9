#include "store/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "store/store_error.h"

namespace tongban::store {
namespace {

[[noreturn]] void failed(const std::string& what, const std::filesystem::path& path, int error) {
  throw StoreUnavailable(what + " " + path.string() + ": " + std::strerror(error));
}

}  // namespace

void make_private_directory(const std::filesystem::path& directory) {
  // Create from the outermost missing parent inwards, each with 0700 (mkdir's mode is masked by the umask, chmod is
  // not).
  std::vector<std::filesystem::path> missing;
  for (auto at = directory; !at.empty() && !std::filesystem::exists(at); at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) failed("cannot create", *it, errno);
  if (::chmod(directory.c_str(), 0700) != 0) failed("cannot make private", directory, errno);
}

void make_private_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) failed("cannot create", file, errno);
  int rc = ::fchmod(fd, 0600);
  int saved = errno;
  ::close(fd);
  if (rc != 0) failed("cannot make private", file, saved);
}

}  // namespace tongban::store
