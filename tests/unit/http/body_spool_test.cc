// Large bodies go to disk: a spool_body route's body over the spool threshold is written to a private file while it
// is read and hashed, never held whole in memory (ServerCounters::body_bytes_buffered_peak stays below the
// threshold during a 24 MiB upload); the file is 0600 and removed after the request unless the handler took it.
#include "http/body_spool.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <sys/stat.h>

#include <filesystem>
#include <random>

#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::RawConnection;
using testing::RunningServer;

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string hex;
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char b : digest) hex += {kHex[b >> 4], kHex[b & 15]};
  return hex;
}

TEST(BodySpool, A24MiBUploadIsStreamedToAPrivateFileNotMemory) {
  const std::filesystem::path spool =
      std::filesystem::temp_directory_path() / ("tongban-spool-" + std::to_string(::getpid()));
  std::string seen;
  Router router;
  Route upload{"POST", "/upload", Access::everyone(),
               [&seen](const Request& request, const Caller&) {
                 const BodySpool* file = request.body_file.get();
                 if (!file) return Response::text(200, "in memory " + std::to_string(request.body.size()));
                 struct stat info {};
                 ::stat(file->path().c_str(), &info);
                 seen = file->path().string();
                 return Response::text(200, "file " + std::to_string(file->size()) + " " + file->sha256() + " " +
                                                std::to_string(info.st_mode & 0777));
               },
               "Takes a large body"};
  upload.body_limit = std::size_t{32} << 20;
  upload.spool_body = true;
  router.add(upload);
  auto options = testing::quiet_options();
  options.spool_dir = spool;
  options.spool_threshold = std::size_t{1} << 20;
  options.read_timeout = std::chrono::seconds(60);
  RunningServer server(router, options);

  std::string body(std::size_t{24} << 20, '\0');
  std::mt19937 random(7);
  for (auto& c : body) c = static_cast<char>(random());
  RawConnection client(server.port());
  client.send("POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\n\r\n" + body);
  std::string answer = client.read_to_end();
  ASSERT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer.substr(0, 300);
  EXPECT_EQ(answer.substr(answer.find("\r\n\r\n") + 4),
            "file " + std::to_string(body.size()) + " " + sha256_hex(body) + " " + std::to_string(0600));
  EXPECT_LT(server.counters().body_bytes_buffered_peak.load(), options.spool_threshold);
  EXPECT_EQ(server.counters().bodies_spooled.load(), 1u);
  EXPECT_FALSE(std::filesystem::exists(seen)) << "the spool file outlived its request";
  EXPECT_EQ(std::filesystem::status(spool).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_all);
  server.server->stop();
  std::filesystem::remove_all(spool);
}

}  // namespace
}  // namespace tongban::http
