// The Bay Area information platform on the pages (issue 12 §3, docs/notices.md): the notices this node shows — its
// own and those its peers published — as a list with filters, a page per notice, Atom feeds per node, per topic and
// per language, and an applicant's subscriptions to topics, items and zones. Everything works without script.
//
//   GET  /notices                      the published notices in force or announced, newest first; ?topic= ?item=
//                                      ?zone= ?node= narrow the list (unknown values are refused with a 400 page)
//   GET  /notices/feed.atom            the same list as an Atom feed in the page's language (/pt/notices/feed.atom);
//                                      ?topic= and ?node= give the feed of one topic, of one node
//   GET  /notices/subscriptions        an applicant's subscriptions, with the form to add one
//   POST /notices/subscriptions        subscribe or unsubscribe (action=subscribe|unsubscribe, kind, value)
//   GET  /notices/{id}                 one published notice
// The texts are the notice's own in the page's language; a notice lacks none (four languages are required to
// publish). Dates are the notice's validity dates as its origin node gave them, in the page's language.
#include <string>

#include "domain/notice.h"
#include "node/notice_desk.h"
#include "web/atom_feed.h"
#include "web/locale_format.h"
#include "web/notice_view.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

constexpr std::size_t kFeedEntries = 50;

// The list's filters from the query, or nullopt when one is not a word or code this node knows (the page says so).
std::optional<domain::NoticeQuery> query_of(const Page& page) {
  domain::NoticeQuery query;
  auto snapshot = page.site.node.catalog();
  if (auto topic = page.request.query_param("topic"); topic && !topic->empty()) {
    query.topic = domain::parse_notice_topic(*topic);
    if (!query.topic) return std::nullopt;
  }
  if (auto item = page.request.query_param("item"); item && !item->empty()) {
    if (!snapshot->catalog.find_item(*item)) return std::nullopt;
    query.item_code = std::string(*item);
  }
  if (auto zone = page.request.query_param("zone"); zone && !zone->empty()) {
    if (!snapshot->catalog.find_zone(*zone)) return std::nullopt;
    query.zone_code = std::string(*zone);
  }
  if (auto node = page.request.query_param("node"); node && !node->empty()) {
    if (!domain::is_notice_code(*node)) return std::nullopt;
    query.origin_node = std::string(*node);
  }
  return query;
}

http::Response bad_filter(const Page& page) {
  return problem_page(page, {"validation-failed", "", {}});
}

http::Response notices_list(Page& page) {
  auto query = query_of(page);
  if (!query) return bad_filter(page);
  node::NoticeDesk desk(page.site.node);
  auto notices = desk.published(*query);
  Data data;
  data.set("title", page.t("Notices"));
  Data list{Data::type::list};
  for (const auto& notice : notices) list.push_back(notice_summary(page, notice));
  data.set("notices", list);
  data.set("none", notices.empty());
  data.set("topics", topic_choices(page, query->topic ? std::string(domain::to_string(*query->topic)) : ""));
  data.set("action", page.link("/notices"));
  std::string feed = page.link("/notices/feed.atom");
  if (query->topic) feed += "?topic=" + std::string(domain::to_string(*query->topic));
  data.set("feed_href", feed);
  data.set("applicant", page.has_role({domain::Role::applicant}));
  data.set("subscriptions_href", page.link("/notices/subscriptions"));
  return page.render("notices", data);
}

http::Response notice_page(Page& page) {
  node::NoticeDesk desk(page.site.node);
  const domain::Actor* actor = page.actor ? &*page.actor : nullptr;
  domain::Notice notice = desk.find(actor, page.request.path_params.at("id"));
  Data data = notice_detail(page, notice);
  data.set("title", notice.title.in(page.language));
  data.set("list_href", page.link("/notices"));
  return page.render("notice", data);
}

http::Response notices_feed(Page& page) {
  auto query = query_of(page);
  if (!query || query->item_code || query->zone_code) return bad_filter(page);
  node::NoticeDesk desk(page.site.node);
  auto notices = desk.published(*query);
  if (notices.size() > kFeedEntries) notices.resize(kFeedEntries);
  std::string text = atom_feed(notice_feed(page, *query, notices));
  return page.finish(http::Response::text(200, std::move(text), "application/atom+xml; charset=utf-8"));
}

http::Response subscriptions_page(Page& page, int status, const std::string& problem) {
  node::NoticeDesk desk(page.site.node);
  Data data;
  data.set("title", page.t("Notice subscriptions"));
  Data list{Data::type::list};
  for (const auto& subscription : desk.subscriptions(*page.actor)) {
    Data row;
    row.set("kind", std::string(domain::to_string(subscription.kind)));
    row.set("kind_name", word(page, "subscription:", domain::to_string(subscription.kind)));
    row.set("value", subscription.value);
    row.set("value_name", subscription_value_name(page, subscription));
    list.push_back(row);
  }
  data.set("subscriptions", list);
  data.set("none", list.is_empty_list());
  data.set("topics", topic_choices(page, ""));
  data.set("action", page.link("/notices/subscriptions"));
  data.set("list_href", page.link("/notices"));
  if (!problem.empty()) data.set("problem", page.t(problem));
  return page.render("notice_subscriptions", data, status);
}

http::Response subscriptions_get(Page& page) {
  if (auto denied = page.require({domain::Role::applicant})) return *denied;
  return subscriptions_page(page, 200, "");
}

http::Response subscriptions_post(Page& page) {
  if (auto denied = page.require({domain::Role::applicant})) return *denied;
  node::NoticeDesk desk(page.site.node);
  auto kind = domain::parse_notice_subscription_kind(page.form.value("kind"));
  std::string value = page.form.value(kind == domain::NoticeSubscriptionKind::topic ? "topic" : "value");
  if (!kind || value.empty())
    return subscriptions_page(page, 422, "Choose what to subscribe to: a topic, or the code of an item or a zone.");
  try {
    if (page.form.value("action") == "unsubscribe")
      desk.unsubscribe(*page.actor, *kind, value);
    else
      desk.subscribe(*page.actor, *kind, value);
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug != "validation-failed") throw;
    return subscriptions_page(page, 422, "This node's catalog has no item or zone with that code.");
  }
  return page.redirect("/notices/subscriptions");
}

}  // namespace

void add_notice_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/notices", notices_list);
  add_page(router, site, "GET", "/notices/feed.atom", notices_feed);
  add_page(router, site, "GET", "/notices/subscriptions", subscriptions_get);
  add_page(router, site, "POST", "/notices/subscriptions", subscriptions_post);
  add_page(router, site, "GET", "/notices/{id}", notice_page);
}

}  // namespace tongban::web
