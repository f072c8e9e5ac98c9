#include "web/notice_view.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>

#include "node/notice_desk.h"
#include "web/application_view.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

constexpr domain::NoticeTopic kTopics[] = {domain::NoticeTopic::policy, domain::NoticeTopic::service_change,
                                           domain::NoticeTopic::holiday_hours, domain::NoticeTopic::zone_item};

std::string jurisdiction_name(const Page& page, const std::string& code) {
  auto snapshot = page.site.node.catalog();
  const auto* jurisdiction = snapshot->catalog.find_jurisdiction(code);
  return jurisdiction ? jurisdiction->name.in(page.language) : code;
}

// The host of the node's public address, for feed ids; the network's authority when none is configured.
std::string feed_authority(const Page& page) {
  std::string url = page.site.public_url;
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return std::string(kNoticeTagAuthority);
  std::string host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return host.empty() ? std::string(kNoticeTagAuthority) : host;
}

Data link_to(const std::string& name, const std::string& href) {
  Data link;
  link.set("name", name);
  link.set("href", href);
  return link;
}

// One entry per code: its link when the catalog knows it (`resolve`), else the code itself without a link.
Data code_links(const std::vector<std::string>& codes,
                const std::function<std::optional<Data>(const std::string&)>& resolve) {
  Data links{Data::type::list};
  for (const std::string& code : codes) {
    if (auto link = resolve(code))
      links.push_back(*link);
    else
      links.push_back(Data("name", code));
  }
  return links;
}

std::string absolute(const Page& page, const std::string& path) {
  return page.site.public_url.empty() ? path : page.site.public_url + path;
}

}  // namespace

std::string validity_text(const Page& page, const domain::Notice& notice) {
  std::string from = format_date(page.language, notice.valid_from);
  if (!notice.valid_until) return fill(page.t("From {date}"), "date", from);
  return from + " – " + format_date(page.language, *notice.valid_until);
}

Data notice_summary(const Page& page, const domain::Notice& notice) {
  Data entry;
  entry.set("id", notice.id);
  entry.set("href", page.link("/notices/" + notice.id));
  entry.set("title", notice.title.in(page.language));
  entry.set("topic", word(page, "topic:", domain::to_string(notice.topic)));
  entry.set("origin", jurisdiction_name(page, notice.origin_jurisdiction));
  entry.set("valid", validity_text(page, notice));
  return entry;
}

Data notice_detail(const Page& page, const domain::Notice& notice) {
  Data data = notice_summary(page, notice);
  Data paragraphs{Data::type::list};
  std::istringstream lines(notice.body.in(page.language));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    Data paragraph;
    paragraph.set("text", line);
    paragraphs.push_back(paragraph);
  }
  data.set("paragraphs", paragraphs);
  auto snapshot = page.site.node.catalog();
  const domain::Catalog& catalog = snapshot->catalog;
  data.set("items", code_links(notice.item_codes, [&](const std::string& code) -> std::optional<Data> {
             const auto* item = catalog.find_item(code);
             if (!item) return std::nullopt;
             return link_to(item->name.in(page.language), page.link("/items/" + code));
           }));
  data.set("has_items", !notice.item_codes.empty());
  data.set("zones", code_links(notice.zone_codes, [&](const std::string& code) -> std::optional<Data> {
             const auto* zone = catalog.find_zone(code);
             if (!zone) return std::nullopt;
             return link_to(zone->name.in(page.language), page.link("/?zone=" + code));
           }));
  data.set("has_zones", !notice.zone_codes.empty());
  return data;
}

Data topic_choices(const Page& page, const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> values;
  for (domain::NoticeTopic topic : kTopics)
    values.emplace_back(std::string(domain::to_string(topic)), word(page, "topic:", domain::to_string(topic)));
  return choice_list(values, selected);
}

std::string subscription_value_name(const Page& page, const domain::NoticeSubscription& subscription) {
  auto snapshot = page.site.node.catalog();
  switch (subscription.kind) {
    case domain::NoticeSubscriptionKind::topic: return word(page, "topic:", subscription.value);
    case domain::NoticeSubscriptionKind::item:
      if (const auto* item = snapshot->catalog.find_item(subscription.value)) return item->name.in(page.language);
      break;
    case domain::NoticeSubscriptionKind::zone:
      if (const auto* zone = snapshot->catalog.find_zone(subscription.value)) return zone->name.in(page.language);
      break;
  }
  return subscription.value;
}

AtomFeed notice_feed(const Page& page, const domain::NoticeQuery& query, const std::vector<domain::Notice>& notices) {
  const std::string tag = std::string(domain::language_tag(page.language));
  const std::string node = query.origin_node.value_or("all");
  const std::string topic = query.topic ? std::string(domain::to_string(*query.topic)) : "all";
  AtomFeed feed;
  feed.id = tag_uri(feed_authority(page), kNoticeTagDate,
                    "notices/" + page.site.node.network_node_id() + "/" + node + "/" + topic + "/" + tag);
  feed.title = page.t("Notices") + " — " + jurisdiction_name(page, page.site.node.config().jurisdiction);
  if (query.topic) feed.title += " — " + word(page, "topic:", topic);
  feed.language = tag;
  feed.author_name = jurisdiction_name(page, page.site.node.config().jurisdiction);
  std::string self = page.link("/notices/feed.atom");
  std::string list = page.link("/notices");
  if (query.topic) {
    self += "?topic=" + topic;
    list += "?topic=" + topic;
  }
  feed.self_href = absolute(page, self);
  feed.alternate_href = absolute(page, list);
  feed.updated_ms = 0;
  for (const auto& notice : notices) {
    AtomEntry entry;
    entry.id = tag_uri(kNoticeTagAuthority, kNoticeTagDate, "notice/" + notice.id);
    entry.title = notice.title.in(page.language);
    entry.summary = validity_text(page, notice);
    entry.content = notice.body.in(page.language);
    entry.updated_ms = std::max(notice.published_at_ms, notice.updated_at_ms);
    entry.published_ms = notice.published_at_ms;
    entry.alternate_href = absolute(page, page.link("/notices/" + notice.id));
    entry.language = tag;
    entry.categories.push_back(
        {std::string(domain::to_string(notice.topic)), "", word(page, "topic:", domain::to_string(notice.topic))});
    entry.authors.push_back(jurisdiction_name(page, notice.origin_jurisdiction));
    feed.updated_ms = std::max(feed.updated_ms, entry.updated_ms);
    feed.entries.push_back(std::move(entry));
  }
  return feed;
}

Data item_notice_links(const Page& page, const std::string& item_code) {
  domain::NoticeQuery query;
  query.item_code = item_code;
  Data links{Data::type::list};
  for (const auto& notice : node::NoticeDesk(page.site.node).published(query)) {
    Data link;
    link.set("href", page.link("/notices/" + notice.id));
    link.set("title", notice.title.in(page.language));
    links.push_back(link);
  }
  return links;
}

}  // namespace tongban::web
