#include "node_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tongban::fault_test {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

NodeProcess::NodeProcess(std::string name, fs::path binary, std::vector<std::string> arguments, fs::path log_dir,
                         std::map<std::string, std::string> environment)
    : name_(std::move(name)),
      binary_(std::move(binary)),
      arguments_(std::move(arguments)),
      log_dir_(std::move(log_dir)),
      environment_(std::move(environment)) {}

NodeProcess::~NodeProcess() {
  if (running()) kill_hard();
}

void NodeProcess::spawn() {
  ++starts_;
  std::error_code missing;
  auto size = fs::file_size(log_file(), missing);
  log_offset_ = missing ? 0 : size;
  // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
  std::vector<std::string> argv_text = {binary_.string()};
  argv_text.insert(argv_text.end(), arguments_.begin(), arguments_.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) env_text.emplace_back(*e);
  for (const auto& [key, value] : environment_) env_text.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string log_path = log_file().string();
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed for " + name_);
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (log < 0 || null < 0) _exit(126);
    dup2(null, 0);
    dup2(log, 1);
    dup2(log, 2);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  pid_ = pid;
  port_ = 0;
  federation_port_ = 0;
}

bool NodeProcess::reap_within(std::chrono::milliseconds limit, int& status) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (true) {
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return true;
    }
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(10ms);
  }
}

void NodeProcess::start(std::chrono::milliseconds limit) {
  if (running()) throw std::logic_error(name_ + " is already running");
  spawn();
  static const std::regex listening(R"(listening on https?://[^\s:]+:(\d+))");
  static const std::regex federation(R"(federation listener on https?://[^\s:]+:(\d+))");
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    std::ifstream in(log_file());
    in.seekg(static_cast<std::streamoff>(log_offset_));
    std::stringstream text;
    text << in.rdbuf();
    std::smatch match;
    std::string out = text.str();
    if (std::regex_search(out, match, listening)) {
      port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
      if (std::regex_search(out, match, federation))
        federation_port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error(name_ + " exited during start:\n" + log_tail());
    }
    std::this_thread::sleep_for(20ms);
  }
  kill_hard();
  throw std::runtime_error(name_ + " did not start listening in time:\n" + log_tail());
}

void NodeProcess::run_to_completion(std::chrono::milliseconds limit) {
  if (run_for_exit_code(limit) != 0) throw std::runtime_error(name_ + " failed:\n" + log_tail());
}

int NodeProcess::run_for_exit_code(std::chrono::milliseconds limit) {
  spawn();
  int status = 0;
  if (!reap_within(limit, status)) {
    kill_hard();
    throw std::runtime_error(name_ + " did not finish in time:\n" + log_tail());
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void NodeProcess::kill_hard() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void NodeProcess::stop(std::chrono::milliseconds limit) {
  if (!running()) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  stopped_cleanly_ = reap_within(limit, status) && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  kill_hard();  // no-op when reaped
}

std::string NodeProcess::log_tail(std::size_t max_bytes) const {
  std::ifstream in(log_file());
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() <= max_bytes ? all : all.substr(all.size() - max_bytes);
}

}  // namespace tongban::fault_test
