// RatingDesk (好差评, domain/rating.h, docs/ratings.md): ratings of finished cases, and the follow-up of bad ones.
//
//   - rate(): the applicant rates their case once it is delivered or closed, through the channel they use (web or
//     kiosk); or a clerk or agent of the case's intake point records the answer the applicant gave on the point's
//     rating pad (channel: the case's own, never web). One rating per case and channel: a second is a conflict.
//     A bad rating (1 or 2) opens a follow-up for the case's authority, due kFollowUpWorkingDays working days
//     after the rating's local date in the authority's calendar (weekends only, and provisional, when the node
//     holds no calendar for the years: FollowUpView::due_provisional says so).
//   - respond(): a reviewer of the authority records what was done, once, before or after the due day (late is
//     recorded as late, never refused: the applicant must get an answer).
//   - answer(): the applicant answers the response once, satisfied or not, with an optional comment.
// Each step is in the case's audit chain (CaseAction rate, rating_follow_up, rating_answer; node/case_record.h), in
// the same store job as its rows. Every refusal is a ProblemError (validation-failed, forbidden, not-found,
// conflict) and changes nothing.
// Visibility: whoever may see the case (CaseDesk::may_see) sees its ratings and follow-ups; the follow-up queue is
// a reviewer's own authority's (every authority for an admin).
// Borrows the Node; stateless otherwise.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/rating.h"
#include "node/node.h"

namespace tongban::node {

struct RatingRequest {
  int level = 0;
  std::string comment;
  domain::Channel channel = domain::Channel::web;  // the applicant's channel (web or kiosk); staff: ignored
};

struct FollowUpView {
  domain::RatingFollowUp follow_up;
  bool due_provisional = false;  // the due day was counted across a year without an official calendar
  bool overdue = false;          // open and today is after the due day
};

struct CaseRatings {
  std::vector<domain::Rating> ratings;   // by channel word
  std::vector<FollowUpView> follow_ups;  // of the bad ones
};

class RatingDesk {
 public:
  explicit RatingDesk(Node& node) : node_(node) {}

  domain::Rating rate(const domain::Actor& actor, const std::string& case_id, const RatingRequest& request);
  CaseRatings of_case(const domain::Actor& actor, const std::string& case_id) const;
  // The follow-ups a reviewer answers (their authority's), every one for an admin; open ones only when open_only.
  std::vector<FollowUpView> follow_ups(const domain::Actor& actor, bool open_only) const;
  FollowUpView respond(const domain::Actor& actor, const std::string& case_id, domain::Channel channel,
                       const std::string& response);
  FollowUpView answer(const domain::Actor& actor, const std::string& case_id, domain::Channel channel,
                      domain::FollowUpAnswer answer, const std::string& comment);

  // Ratings a node of an earlier version kept in <data_dir>/ratings.jsonl (one {"case","level","at_ms"} per line,
  // given on the web): stored as web ratings by the case's applicant (bad ones get their follow-up), in one store
  // job, and the file renamed ratings.jsonl.imported. Lines of cases this node does not hold, or rated already,
  // are skipped. Returns how many were stored; throws std::runtime_error naming the line that does not parse
  // (nothing stored, the file kept).
  int import_legacy_file(const std::filesystem::path& file);

 private:
  FollowUpView view(const domain::RatingFollowUp& follow_up) const;
  domain::RatingFollowUp open_follow_up(const domain::Case& kase, const domain::Rating& rating) const;

  Node& node_;
};

}  // namespace tongban::node
