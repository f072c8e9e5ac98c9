#include "web/rating_view.h"

#include <algorithm>

#include "domain/problem.h"
#include "node/rating_desk.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Role;

// The value after "<key>=" in a space-separated note, up to the next space or ':'.
std::string note_value(const std::string& note, std::string_view key) {
  std::string prefix = std::string(key) + "=";
  auto at = note.find(prefix);
  if (at == std::string::npos) return "";
  at += prefix.size();
  auto end = note.find_first_of(" :", at);
  return note.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

int posted_level(const Page& page) {
  std::string text = page.form.value("level");
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') return text[0] - '0';
  throw domain::ProblemError("validation-failed", "Choose one of the five ratings.",
                             {{"level", "required", "Choose one of the five ratings."}});
}

http::Response rating_post(Page& page) {
  if (auto denied = page.require({Role::applicant})) return *denied;
  const std::string& id = page.request.path_params.at("id");
  node::RatingRequest request{posted_level(page), page.form.value("comment"), domain::Channel::web};
  node::RatingDesk(page.site.node).rate(*page.actor, id, request);
  return page.redirect("/cases/" + id);
}

http::Response follow_up_post(Page& page) {
  if (auto denied = page.require({Role::reviewer})) return *denied;
  const std::string& id = page.request.path_params.at("id");
  auto channel = domain::parse_channel(page.form.value("channel"));
  if (!channel) throw domain::ProblemError("not-found", "No such rating.");
  node::RatingDesk(page.site.node).respond(*page.actor, id, *channel, page.form.value("response"));
  return page.redirect("/cases/" + id);
}

http::Response answer_post(Page& page) {
  if (auto denied = page.require({Role::applicant})) return *denied;
  const std::string& id = page.request.path_params.at("id");
  auto channel = domain::parse_channel(page.form.value("channel"));
  if (!channel) throw domain::ProblemError("not-found", "No such rating.");
  auto answer = domain::parse_follow_up_answer(page.form.value("answer"));
  if (!answer || *answer == domain::FollowUpAnswer::none)
    throw domain::ProblemError("validation-failed", "Say whether the answer satisfies you.",
                               {{"answer", "required", "Say whether the answer satisfies you."}});
  node::RatingDesk(page.site.node).answer(*page.actor, id, *channel, *answer, page.form.value("comment"));
  return page.redirect("/cases/" + id);
}

Data follow_up_data(const Page& page, const domain::Case& kase, const node::FollowUpView& view) {
  const auto& follow_up = view.follow_up;
  Data data;
  data.set("channel", std::string(domain::to_string(follow_up.channel)));
  std::string due = format_date(page.language, follow_up.due_on);
  if (view.due_provisional) due += " (" + page.t("follow_up:due_provisional") + ")";
  data.set("due", due);
  data.set("overdue", view.overdue);
  if (!follow_up.open()) {
    data.set("response", follow_up.response);
    data.set("responded_late", !follow_up.responded_in_time());
  }
  bool applicant = page.actor->role == Role::applicant;
  data.set("can_answer", applicant && !follow_up.open() && follow_up.answer == domain::FollowUpAnswer::none);
  data.set("can_respond",
           page.actor->role == Role::reviewer && page.actor->authority == kase.authority && follow_up.open());
  if (follow_up.answer != domain::FollowUpAnswer::none)
    data.set("answer", page.t("follow_up_answer:" + std::string(domain::to_string(follow_up.answer))));
  return data;
}

}  // namespace

Data rating_section(const Page& page, const domain::Case& kase) {
  auto found = node::RatingDesk(page.site.node).of_case(*page.actor, kase.id);
  Data data;
  bool applicant = page.actor->role == Role::applicant;
  auto web_rating = std::find_if(found.ratings.begin(), found.ratings.end(),
                                 [](const domain::Rating& r) { return r.channel == domain::Channel::web; });
  data.set("rateable", applicant && domain::may_be_rated(kase.state) && web_rating == found.ratings.end());
  Data given{Data::type::list};
  for (const auto& rating : found.ratings) {
    Data entry;
    entry.set("level", page.t("rating:" + std::to_string(rating.level)));
    entry.set("channel", page.t("channel:" + std::string(domain::to_string(rating.channel))));
    if (!rating.comment.empty()) entry.set("comment", rating.comment);
    given.push_back(entry);
  }
  data.set("ratings_any", !found.ratings.empty());
  data.set("ratings", given);
  Data follow_ups{Data::type::list};
  for (const auto& view : found.follow_ups) follow_ups.push_back(follow_up_data(page, kase, view));
  data.set("follow_ups", follow_ups);
  data.set("rate_href", page.link("/cases/" + kase.id + "/rating"));
  data.set("respond_href", page.link("/cases/" + kase.id + "/rating/follow-up"));
  data.set("answer_href", page.link("/cases/" + kase.id + "/rating/answer"));
  return data;
}

std::optional<std::string> rating_note(const Page& page, const domain::Event& event) {
  using domain::CaseAction;
  switch (event.action) {
    case CaseAction::rate: return page.t("rating:" + note_value(event.note, "level"));
    case CaseAction::rating_follow_up: {
      auto colon = event.note.find(": ");
      return colon == std::string::npos ? std::string() : event.note.substr(colon + 2);
    }
    case CaseAction::rating_answer: return page.t("follow_up_answer:" + note_value(event.note, "answer"));
    default: return std::nullopt;
  }
}

void add_rating_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "POST", "/cases/{id}/rating", rating_post);
  add_page(router, site, "POST", "/cases/{id}/rating/follow-up", follow_up_post);
  add_page(router, site, "POST", "/cases/{id}/rating/answer", answer_post);
}

}  // namespace tongban::web
