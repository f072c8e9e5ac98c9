#include "node/rating_desk.h"

#include <boost/json/parse.hpp>
#include <fstream>
#include <stdexcept>

#include "domain/calendar_date.h"
#include "domain/deadline.h"
#include "domain/problem.h"
#include "node/case_desk.h"
#include "node/case_record.h"

namespace tongban::node {
namespace {

using domain::CaseAction;
using domain::ProblemError;
using domain::Role;

[[noreturn]] void invalid(std::string field, std::string rule, const std::string& message) {
  throw ProblemError("validation-failed", message, {{std::move(field), std::move(rule), message}});
}

void check_text(const std::string& field, const std::string& text, bool required) {
  if (auto problem = domain::rating_text_problem(text, required); !problem.empty())
    invalid(field, required && text.empty() ? "required" : "text", problem);
}

// The calendar that counts an authority's working days: the jurisdiction's, or weekends only when the node has
// none (every due date it gives is then provisional).
std::shared_ptr<const domain::WorkingCalendar> calendar_of(const Node& node, const std::string& jurisdiction) {
  if (auto calendar = node.calendar(jurisdiction)) return calendar;
  return std::make_shared<const domain::WorkingCalendar>(jurisdiction);
}

// The rating's channel: the applicant's own (web or kiosk); staff record the rating pad of the case's channel.
domain::Channel channel_for(const domain::Actor& actor, const domain::Case& kase, const RatingRequest& request) {
  if (actor.role == Role::applicant) {
    if (request.channel != domain::Channel::web && request.channel != domain::Channel::kiosk)
      invalid("channel", "enum", "An applicant rates on the web or at a kiosk.");
    return request.channel;
  }
  if (domain::takes_in_at_point(actor.role) && kase.intake_point == actor.service_point &&
      kase.channel != domain::Channel::web)
    return kase.channel;
  throw ProblemError("forbidden",
                     "A case is rated by its applicant, or at its intake point by the staff who took it in.");
}

// The follow-up of the case's rating on `channel`, or not-found.
domain::RatingFollowUp stored_follow_up(const store::Reader& reader, const domain::Case& kase,
                                        domain::Channel channel) {
  auto follow_up = reader.find_rating_follow_up(kase.id, channel);
  if (!follow_up)
    throw ProblemError("not-found", "Case " + kase.id + " has no follow-up of a rating given on " +
                                        std::string(domain::to_string(channel)) + ".");
  return *follow_up;
}

}  // namespace

domain::RatingFollowUp RatingDesk::open_follow_up(const domain::Case& kase, const domain::Rating& rating) const {
  auto calendar = calendar_of(node_, kase.jurisdiction);
  auto rated_on = domain::local_date(rating.rated_at_ms, node_.utc_offset_minutes(kase.jurisdiction));
  domain::RatingFollowUp follow_up;
  follow_up.case_id = kase.id;
  follow_up.channel = rating.channel;
  follow_up.authority = kase.authority;
  follow_up.due_on = calendar->add_working_days(rated_on, domain::kFollowUpWorkingDays);
  follow_up.opened_at_ms = rating.rated_at_ms;
  return follow_up;
}

FollowUpView RatingDesk::view(const domain::RatingFollowUp& follow_up) const {
  FollowUpView view{follow_up};
  // The authority's jurisdiction from the catalog, not the case from the store: a queue of follow-ups costs no read
  // per row.
  auto snapshot = node_.catalog();
  const auto* authority = snapshot ? snapshot->catalog.find_authority(follow_up.authority) : nullptr;
  const std::string jurisdiction = authority ? authority->jurisdiction : node_.config().jurisdiction;
  auto calendar = calendar_of(node_, jurisdiction);
  auto opened_on = domain::local_date(follow_up.opened_at_ms, node_.utc_offset_minutes(jurisdiction));
  view.due_provisional = domain::is_provisional_due(opened_on, follow_up.due_on, *calendar);
  auto today = domain::local_date(node_.now_ms(), node_.utc_offset_minutes(jurisdiction));
  view.overdue = follow_up.open() && follow_up.due_on < today;
  return view;
}

domain::Rating RatingDesk::rate(const domain::Actor& actor, const std::string& case_id, const RatingRequest& request) {
  if (auto problem = domain::rating_level_problem(request.level); !problem.empty()) invalid("level", "enum", problem);
  check_text("comment", request.comment, false);
  return node_.store().transact([&](store::Transaction& tx) {
    auto kase = tx.find_case(case_id);
    if (!kase || !CaseDesk::may_see(actor, *kase)) throw ProblemError("not-found", "No case " + case_id + ".");
    if (!domain::may_be_rated(kase->state))
      throw ProblemError("conflict", "Case " + case_id + " can be rated once it is finished; it is " +
                                         std::string(domain::to_string(kase->state)) + ".");
    domain::Rating rating;
    rating.case_id = kase->id;
    rating.channel = channel_for(actor, *kase, request);
    rating.level = request.level;
    rating.comment = request.comment;
    rating.rated_by = actor.account_id;
    rating.rated_at_ms = node_.now_ms();
    if (!tx.insert_rating(rating))
      throw ProblemError("conflict", "Case " + case_id + " was rated on " +
                                         std::string(domain::to_string(rating.channel)) + " already.");
    if (domain::is_bad_rating(rating.level)) tx.insert_rating_follow_up(open_follow_up(*kase, rating));
    record_case_event(
        tx, *kase,
        {actor.account_id, actor.role, CaseAction::rate, kase->state,
         "level=" + std::to_string(rating.level) + " channel=" + std::string(domain::to_string(rating.channel)),
         rating.rated_at_ms, actor.organisation},
        rating.rated_at_ms);
    return rating;
  });
}

CaseRatings RatingDesk::of_case(const domain::Actor& actor, const std::string& case_id) const {
  CaseDesk(node_).get(actor, case_id);  // not-found unless the actor may see the case
  CaseRatings result;
  result.ratings = node_.store().list_case_ratings(case_id);
  for (const auto& rating : result.ratings)
    if (auto follow_up = node_.store().find_rating_follow_up(case_id, rating.channel))
      result.follow_ups.push_back(view(*follow_up));
  return result;
}

std::vector<FollowUpView> RatingDesk::follow_ups(const domain::Actor& actor, bool open_only) const {
  std::string authority;
  if (actor.role == Role::admin) {
    authority = "*";
  } else if (actor.role == Role::reviewer && !actor.authority.empty()) {
    authority = actor.authority;
  } else {
    throw ProblemError("forbidden", "The follow-ups of bad ratings are answered by the authority's reviewers.");
  }
  std::vector<FollowUpView> views;
  for (const auto& follow_up : node_.store().list_rating_follow_ups(authority, open_only))
    views.push_back(view(follow_up));
  return views;
}

FollowUpView RatingDesk::respond(const domain::Actor& actor, const std::string& case_id, domain::Channel channel,
                                 const std::string& response) {
  check_text("response", response, true);
  auto stored = node_.store().transact([&](store::Transaction& tx) {
    auto kase = tx.find_case(case_id);
    if (!kase || !CaseDesk::may_see(actor, *kase)) throw ProblemError("not-found", "No case " + case_id + ".");
    auto follow_up = stored_follow_up(tx, *kase, channel);
    if (actor.role != Role::reviewer || actor.authority != follow_up.authority)
      throw ProblemError("forbidden", "A follow-up is answered by a reviewer of " + follow_up.authority + ".");
    if (!follow_up.open())
      throw ProblemError("conflict", "The follow-up of case " + case_id + " was answered already.");
    const std::int64_t now = node_.now_ms();
    follow_up.response = response;
    follow_up.responded_by = actor.account_id;
    follow_up.responded_at_ms = now;
    follow_up.responded_on = domain::local_date(now, node_.utc_offset_minutes(kase->jurisdiction));
    tx.update_rating_follow_up(follow_up);
    record_case_event(tx, *kase,
                      {actor.account_id, actor.role, CaseAction::rating_follow_up, kase->state,
                       "channel=" + std::string(domain::to_string(channel)) + ": " + response, now},
                      now);
    return follow_up;
  });
  return view(stored);
}

FollowUpView RatingDesk::answer(const domain::Actor& actor, const std::string& case_id, domain::Channel channel,
                                domain::FollowUpAnswer answer, const std::string& comment) {
  if (answer == domain::FollowUpAnswer::none)
    invalid("answer", "enum", "The answer is \"satisfied\" or \"unsatisfied\".");
  check_text("comment", comment, false);
  auto stored = node_.store().transact([&](store::Transaction& tx) {
    auto kase = tx.find_case(case_id);
    if (!kase || !CaseDesk::may_see(actor, *kase)) throw ProblemError("not-found", "No case " + case_id + ".");
    if (actor.role != Role::applicant)
      throw ProblemError("forbidden", "Only the applicant answers the follow-up of their rating.");
    auto follow_up = stored_follow_up(tx, *kase, channel);
    if (follow_up.open())
      throw ProblemError("conflict", "The authority has not answered the rating of case " + case_id + " yet.");
    if (follow_up.answer != domain::FollowUpAnswer::none)
      throw ProblemError("conflict", "The follow-up of case " + case_id + " was answered already.");
    const std::int64_t now = node_.now_ms();
    follow_up.answer = answer;
    follow_up.answer_comment = comment;
    follow_up.answered_at_ms = now;
    tx.update_rating_follow_up(follow_up);
    record_case_event(
        tx, *kase,
        {actor.account_id, actor.role, CaseAction::rating_answer, kase->state,
         "channel=" + std::string(domain::to_string(channel)) + " answer=" + std::string(domain::to_string(answer)),
         now},
        now);
    return follow_up;
  });
  return view(stored);
}

int RatingDesk::import_legacy_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return 0;
  struct Line {
    std::string case_id;
    int level = 0;
    std::int64_t at_ms = 0;
  };
  std::vector<Line> lines;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    try {
      auto object = boost::json::parse(text).as_object();
      Line line{std::string(object.at("case").as_string()), static_cast<int>(object.at("level").as_int64()),
                object.contains("at_ms") ? object.at("at_ms").as_int64() : 0};
      if (!domain::rating_level_problem(line.level).empty()) throw std::invalid_argument("level");
      lines.push_back(std::move(line));
    } catch (const std::exception&) {
      throw std::runtime_error(file.string() + " line " + std::to_string(number) + " is not a rating");
    }
  }
  int stored = node_.store().transact([&](store::Transaction& tx) {
    int count = 0;
    for (const auto& line : lines) {
      auto kase = tx.find_case(line.case_id);
      if (!kase) continue;
      domain::Rating rating{kase->id, domain::Channel::web, line.level,
                            "",       kase->applicant_id,   line.at_ms > 0 ? line.at_ms : kase->updated_at_ms};
      if (!tx.insert_rating(rating)) continue;
      if (domain::is_bad_rating(rating.level)) tx.insert_rating_follow_up(open_follow_up(*kase, rating));
      record_case_event(
          tx, *kase,
          {kase->applicant_id, Role::applicant, CaseAction::rate, kase->state,
           "level=" + std::to_string(rating.level) + " channel=web (from ratings.jsonl)", rating.rated_at_ms},
          node_.now_ms());
      ++count;
    }
    return count;
  });
  std::filesystem::path imported = file;
  imported += ".imported";
  std::filesystem::rename(file, imported);
  return stored;
}

}  // namespace tongban::node
