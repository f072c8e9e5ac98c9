// Content-addressed blob files: layout, durability path (no temp files left), idempotence, bad names.
#include "store/blob_directory.h"

#include <gtest/gtest.h>

#include "temp_store.h"

namespace tongban::store {
namespace {

TEST(BlobDirectoryTest, Sha256MatchesAKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(is_sha256_hex(sha256_hex("")));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));
  EXPECT_FALSE(is_sha256_hex("abc"));
}

TEST(BlobDirectoryTest, PutStoresUnderTheHashAndLeavesNoTemporaryFile) {
  testing::TempDir dir;
  BlobDirectory blobs(dir.path() / "blobs");
  std::string sha = blobs.put("hello");
  EXPECT_EQ(sha, sha256_hex("hello"));
  EXPECT_EQ(*blobs.read(sha), "hello");
  EXPECT_EQ(blobs.put("hello"), sha);
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path() / "blobs")) {
    if (entry.is_regular_file()) {
      ++files;
      EXPECT_EQ(entry.path().filename(), sha);
    }
  }
  EXPECT_EQ(files, 1);
  EXPECT_FALSE(blobs.read(sha256_hex("other")));
  EXPECT_THROW(blobs.path_of("zz"), std::invalid_argument);
}

}  // namespace
}  // namespace tongban::store
