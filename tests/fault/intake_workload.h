// IntakeWorkload: the people of the fault test, acting through the HTTP API of the two node processes.
//
// Jiangmen window clerks (several threads) each take the next case number i, open case i for the applicant with
// Idempotency-Key "fault-case-<i>" (a MO-DSAL-002 application, remote intake, consent given), check_intake it and
// forward it — retrying a request that got no answer, re-reading the case when a retry finds the action already
// done. A Macao reviewer (one thread) polls the authority's queue for forwarded cases and accepts each one,
// shrugging off a node that is down (it is being killed and restarted) or a version that moved.
//
// The workload records, per case number, the case id Jiangmen acknowledged (201, or 200 on an idempotent replay)
// and whether the forward was acknowledged. accepted() counts accepts Macao acknowledged: the progress measure the
// fault schedule follows. Ownership: owns its threads; the destructor stops and joins them. The Macao port may
// change at any time (set_macao_port) as the node restarts.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tongban::fault_test {

struct WorkloadSetup {
  std::uint16_t jiangmen_port = 0;
  std::uint16_t macao_port = 0;
  std::string clerk_token;     // clerk at JM-WIN-CITY (hosts ZONE-MO-IN-JM)
  std::string reviewer_login;  // reviewer of MO-DSAL, signs in again after a restart if needed
  std::string reviewer_password;
  std::string applicant_id;         // a registered Jiangmen applicant
  std::string blob_bir, blob_form;  // sha256 of two materials uploaded by the clerk
  int cases = 0;
  int clerks = 4;
};

struct CaseOutcome {
  std::string case_id;  // "" until Jiangmen acknowledged the creation
  bool forwarded = false;
  std::string error;  // the first unexpected answer, if any
};

class IntakeWorkload {
 public:
  explicit IntakeWorkload(WorkloadSetup setup);
  ~IntakeWorkload();
  IntakeWorkload(const IntakeWorkload&) = delete;
  IntakeWorkload& operator=(const IntakeWorkload&) = delete;

  void start();
  // Blocks until every clerk thread has finished its cases.
  void wait_for_clerks();
  void stop();

  void set_macao_port(std::uint16_t port) { macao_port_.store(port); }
  int accepted() const { return accepted_.load(); }
  int forwarded() const { return forwarded_.load(); }
  std::vector<CaseOutcome> outcomes() const;

 private:
  void clerk_loop();
  void open_and_forward(int number);
  void reviewer_loop();

  WorkloadSetup setup_;
  std::atomic<std::uint16_t> macao_port_;
  std::atomic<int> next_{0}, accepted_{0}, forwarded_{0};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<CaseOutcome> outcomes_;
  std::vector<std::thread> clerks_;
  std::thread reviewer_;
};

}  // namespace tongban::fault_test
