// CaseWorkload: the people of the crash test, acting on ONE node through its HTTP API while the test kills it.
//
// Several client threads each take the next case number i and walk case i through its life: the window clerk
// opens it for the applicant (JM-CA-006 at JM-WIN-CITY, Idempotency-Key "crash-case-<i>"), then the JM-CA
// reviewer accepts it and either approves it all the way (start_review, approve, issue_result, deliver, close) or,
// for every third case, rejects it with a note and closes it. A request that gets no answer (the node is down),
// 429 or 5xx is sent again, to whatever port the node listens on now (set_port); an action whose retry meets 412
// or 409 re-reads the case: if the unanswered attempt had been applied after all, the walk goes on from the read
// version (that action is NOT acknowledged — only a 2xx answer to the request itself is).
//
// Every acknowledged request is recorded (acknowledged()): the case id, the action ("submit" for the creation, as
// its event says), and the version and state the answer carried. Ownership: owns its threads; stop() (and the
// destructor) lets each finish its current request and joins them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tongban::fault_test {

struct CaseWorkloadSetup {
  std::uint16_t port = 0;
  std::string clerk_token;     // clerk at JM-WIN-CITY
  std::string reviewer_token;  // reviewer of JM-CA
  std::string applicant_id;
  std::string applicant_id_number;                             // the applicant's CN_RIC, the form's id_number
  std::vector<std::pair<std::string, std::string>> materials;  // JM-CA-006's required material id -> sha256
  int clients = 4;
};

// One acknowledged request: a 2xx answer the client received.
struct Acknowledged {
  std::string case_id;
  std::string action;  // "submit" for the creation (201/200), else the action's word
  std::int64_t version = 0;
  std::string state;
};

class CaseWorkload {
 public:
  explicit CaseWorkload(CaseWorkloadSetup setup);
  ~CaseWorkload();
  CaseWorkload(const CaseWorkload&) = delete;
  CaseWorkload& operator=(const CaseWorkload&) = delete;

  void start();
  void stop();
  void set_port(std::uint16_t port) { port_.store(port); }

  std::vector<Acknowledged> acknowledged() const;
  // Unexpected answers (not transient, not a retry's 412/409 explained by a re-read); the test fails on any.
  std::vector<std::string> errors() const;
  int cases_started() const { return next_.load(); }

 private:
  void client_loop();
  void walk(int number);
  // Sends until a non-transient answer or stop; returns false when stopped first.
  bool open_case(int number, std::string& id, std::int64_t& version);
  bool act(const std::string& id, const std::string& action, const std::string& target, std::int64_t& version);
  void record(Acknowledged ack);
  void error(std::string text);

  CaseWorkloadSetup setup_;
  std::atomic<std::uint16_t> port_;
  std::atomic<int> next_{0};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<Acknowledged> acknowledged_;
  std::vector<std::string> errors_;
  std::vector<std::thread> clients_;
};

}  // namespace tongban::fault_test
