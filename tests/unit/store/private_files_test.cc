// Everything the store writes is private to the node's user whatever the umask: the data directory and blobs/ 0700,
// the database and its WAL and shared-memory files 0600, each blob 0600 in a 0700 directory. Before, with the usual
// umask 022, tongban.db and its WAL were 0644 and blobs/ 0755 — readable by every local user.
#include "store/private_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "temp_store.h"

namespace tongban::store::testing {
namespace {

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : previous_(::umask(mask)) {}
  ~UmaskGuard() { ::umask(previous_); }

 private:
  mode_t previous_;
};

TEST(PrivateFiles, TheStoreKeepsEverythingPrivateWhateverTheUmask) {
  UmaskGuard permissive(0);
  TempDir dir;
  const auto data = dir.path() / "node" / "data";
  auto store = open_store(data);
  auto blob = store->put_blob("%PDF-1.4 an identity card", "application/pdf", 1772000000000);
  store->write([](Transaction&) {});  // the WAL exists once something was written
  EXPECT_EQ(mode_of(data), 0700u);
  EXPECT_EQ(mode_of(data / "blobs"), 0700u);
  EXPECT_EQ(mode_of(data / "tongban.db"), 0600u);
  EXPECT_EQ(mode_of(data / "tongban.db-wal"), 0600u);
  EXPECT_EQ(mode_of(data / "tongban.db-shm"), 0600u);
  EXPECT_EQ(mode_of(store->blob_path(blob.sha256)), 0600u);
  EXPECT_EQ(mode_of(store->blob_path(blob.sha256).parent_path()), 0700u);
}

TEST(PrivateFiles, AnExistingFileOrDirectoryIsMadePrivate) {
  TempDir dir;
  const auto file = dir.path() / "tongban.db";
  std::filesystem::create_directories(dir.path() / "open");
  ::chmod((dir.path() / "open").c_str(), 0755);
  { std::ofstream(file) << ""; }
  ::chmod(file.c_str(), 0644);
  make_private_file(file);
  make_private_directory(dir.path() / "open");
  EXPECT_EQ(mode_of(file), 0600u);
  EXPECT_EQ(mode_of(dir.path() / "open"), 0700u);
}

}  // namespace
}  // namespace tongban::store::testing
