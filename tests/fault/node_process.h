// NodeProcess: one real `tongban` process started by the fault test — `tongban serve` for a node, or a one-shot
// command (`tongban account add`) run to completion.
//
// start() forks and execs the binary with the given arguments; standard output and error are appended to
// <log_dir>/<name>.log across every incarnation (the node's log), and the "listening on http://HOST:PORT" line is
// looked for only in what this incarnation wrote. start() returns
// once the node printed its listening line (port() is then valid; federation_port() too when the node printed its
// "federation listener on" line, which serve writes before the listening line) and throws if the process exits or
// stays silent past the limit. kill_hard() is SIGKILL with no warning (what a crash looks like); stop() is SIGTERM and
// a bounded wait, then SIGKILL; stopped_cleanly() tells whether the last stop() ended in exit code 0 (a node that
// hangs, crashes or — in the sanitize build — reports a leak or an error at exit did not).
//
// Ownership and invariants: the object owns at most one child at a time and always reaps it. The destructor
// SIGKILLs a child still running. Children also get PR_SET_PDEATHSIG(SIGKILL), so no node outlives a test process
// that is itself killed (for instance by the CTest timeout). PDEATHSIG follows the *thread* that forked: start and
// restart nodes from the test's main thread only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tongban::fault_test {

class NodeProcess {
 public:
  NodeProcess(std::string name, std::filesystem::path binary, std::vector<std::string> arguments,
              std::filesystem::path log_dir, std::map<std::string, std::string> environment = {});
  ~NodeProcess();
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  // Starts the server and waits for its listening line; std::runtime_error (with the log's tail) otherwise.
  void start(std::chrono::milliseconds limit);
  // Runs a one-shot command to completion; std::runtime_error if it fails or outlives the limit.
  void run_to_completion(std::chrono::milliseconds limit);
  // Runs a one-shot command to completion and returns its exit code (-1: killed by a signal); std::runtime_error
  // if it outlives the limit.
  int run_for_exit_code(std::chrono::milliseconds limit);
  void kill_hard();
  void stop(std::chrono::milliseconds limit = std::chrono::seconds(20));
  bool stopped_cleanly() const { return stopped_cleanly_; }

  bool running() const { return pid_ > 0; }
  std::uint16_t port() const { return port_; }
  std::uint16_t federation_port() const { return federation_port_; }  // 0: no federation listener
  int starts() const { return starts_; }
  std::filesystem::path log_file() const { return log_dir_ / (name_ + ".log"); }
  // The last lines of the log, for failure messages.
  std::string log_tail(std::size_t max_bytes = 4000) const;

 private:
  void spawn();
  // waitpid with a deadline; true when the child was reaped (exit status in `status`).
  bool reap_within(std::chrono::milliseconds limit, int& status);

  std::string name_;
  std::filesystem::path binary_;
  std::vector<std::string> arguments_;
  std::filesystem::path log_dir_;
  std::map<std::string, std::string> environment_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::uint16_t federation_port_ = 0;
  int starts_ = 0;
  bool stopped_cleanly_ = false;
  std::uintmax_t log_offset_ = 0;  // where this incarnation's lines start in the log
};

}  // namespace tongban::fault_test
