// ValidatingProxy: Stoplight Prism's validating proxy (npm @stoplight/prism-cli, pinned in tests/standards) in
// front of a node under test, so that every request and every answer of an API test is checked against the OpenAPI
// document (src/api/openapi.json). Prism runs with --errors: an answer that drifts from the document comes back as
// a 500 problem with the violations in its `sl-violations` header, and the test that made it fails. Requests are
// forwarded unvalidated, so that the tests that send bad requests on purpose see the node's refusal.
//
// Started by NodeUnderTest when TONGBAN_TEST_PRISM names the prism binary (the api_through_prism test of make test
// sets it: tests/standards/CMakeLists.txt); a child process on 127.0.0.1 at a free port, its output in `log_file`. The
// destructor stops it (SIGTERM, then SIGKILL) and reaps it. Construction throws, with the end of Prism's log, when it
// does not answer within the time limit.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace tongban::api_test {

class ValidatingProxy {
 public:
  ValidatingProxy(const std::filesystem::path& prism, std::uint16_t upstream_port,
                  const std::filesystem::path& log_file);
  ~ValidatingProxy();
  ValidatingProxy(const ValidatingProxy&) = delete;
  ValidatingProxy& operator=(const ValidatingProxy&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  void stop();

  std::filesystem::path log_file_;
  std::uint16_t port_ = 0;
  pid_t child_ = -1;
};

}  // namespace tongban::api_test
