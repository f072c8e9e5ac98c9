#include "validating_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace tongban::api_test {
namespace {

// A port nobody listens on now (bound to 0 and released): Prism binds it a moment later.
std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("validating proxy: no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

std::string tail_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

// The OpenAPI document as Prism is given it: src/api/openapi.json with every security requirement made optional
// (an empty alternative added). Prism enforces security on requests even with --validate-request=false and answers
// a request without credentials itself; with the requirement optional it forwards it, and the node's own 401 is
// validated against the 401 the document describes.
std::filesystem::path document_for_prism(const std::filesystem::path& folder) {
  std::ifstream in(std::string(TONGBAN_SOURCE_DIR) + "/src/api/openapi.json");
  std::stringstream text;
  text << in.rdbuf();
  boost::json::value document = boost::json::parse(text.str());
  auto optional = [](boost::json::object& holder) {
    if (auto* security = holder.if_contains("security");
        security && security->is_array() && !security->as_array().empty())
      security->as_array().push_back(boost::json::object{});
  };
  optional(document.as_object());
  for (auto& [path, operations] : document.at("paths").as_object())
    for (auto& [method, operation] : operations.as_object())
      if (operation.is_object()) optional(operation.as_object());
  auto file = folder / "openapi-for-prism.json";
  std::ofstream(file) << boost::json::serialize(document);
  return file;
}

int startup_seconds() {
  const char* scale = std::getenv("TONGBAN_TIMEOUT_SCALE");
  int factor = scale ? std::max(1, std::atoi(scale)) : 1;
  return 90 * factor;  // node.js loading Prism on a loaded 2-core machine takes 10–20 s
}

}  // namespace

ValidatingProxy::ValidatingProxy(const std::filesystem::path& prism, std::uint16_t upstream_port,
                                 const std::filesystem::path& log_file)
    : log_file_(log_file), port_(free_port()) {
  std::string document = document_for_prism(log_file.parent_path()).string();
  std::string upstream = "http://127.0.0.1:" + std::to_string(upstream_port);
  std::string port = std::to_string(port_);
  // --validate-request=false: bad requests reach the node, whose refusal is what the tests check; --cors=false: the
  // node's own headers are checked, not Prism's.
  std::vector<std::string> args = {prism.string(), "proxy",  "--errors",  "--validate-request=false",
                                   "--cors=false", "--host", "127.0.0.1", "--port",
                                   port,           document, upstream};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  int failed = posix_spawn(&child_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("validating proxy: cannot start " + prism.string());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(startup_seconds());
  while (!accepts_connections(port_)) {
    int status = 0;
    if (::waitpid(child_, &status, WNOHANG) == child_) {
      child_ = -1;
      throw std::runtime_error("validating proxy: prism exited at start:\n" + tail_of(log_file_));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("validating proxy: prism did not listen in time:\n" + tail_of(log_file_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

ValidatingProxy::~ValidatingProxy() {
  stop();
}

void ValidatingProxy::stop() {
  if (child_ <= 0) return;
  ::kill(child_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    int status = 0;
    if (::waitpid(child_, &status, WNOHANG) == child_) {
      child_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(child_, SIGKILL);
  ::waitpid(child_, nullptr, 0);
  child_ = -1;
}

}  // namespace tongban::api_test
