// NoticeView: a notice as the pages show it (web/notice_pages.cc, web/notice_desk_pages.cc, the item page) and as
// the Atom feeds carry it — the words of a topic, state and subscription kind from the catalogs, the notice's own
// texts in the page's language, its validity dates in the page's language, links to its items and zones by their
// names. Pure formatting over a Page; no store access.
//
// Feed ids (web/atom_feed.h): a notice id is unique across the network ("<origin node>-N-<serial>"), so an entry's
// id is minted under the network's own tag authority, kNoticeTagAuthority, and is the same in every node's feed and
// every language: a reader that follows two nodes' feeds sees one entry for one notice. A feed's id names the
// node that serves it, its filter and its language.
#pragma once

#include <string>
#include <vector>

#include "domain/notice.h"
#include "web/atom_feed.h"
#include "web/page_context.h"

namespace tongban::web {

inline constexpr std::string_view kNoticeTagAuthority = "tongban.network";
inline constexpr std::string_view kNoticeTagDate = "2026";

// A line of a list: href, title, topic, origin (the origin jurisdiction's name), valid (the dates), published.
Data notice_summary(const Page& page, const domain::Notice& notice);
// The page of one notice: notice_summary plus the body as paragraphs, the items and zones it concerns (href, name).
Data notice_detail(const Page& page, const domain::Notice& notice);
// The topics as <select> options, `selected` chosen.
Data topic_choices(const Page& page, const std::string& selected);
// What a subscription is to, as a person reads it: the topic's word, or the item's or zone's name.
std::string subscription_value_name(const Page& page, const domain::NoticeSubscription& subscription);
// "1 February 2027 – 20 February 2027", "from 1 February 2027" in the page's language.
std::string validity_text(const Page& page, const domain::Notice& notice);
// The Atom feed of `notices` (already filtered and ordered) for the query, in the page's language.
AtomFeed notice_feed(const Page& page, const domain::NoticeQuery& query, const std::vector<domain::Notice>& notices);
// The links to the published notices that name the item, for its page: href, title. Empty list when none.
Data item_notice_links(const Page& page, const std::string& item_code);

}  // namespace tongban::web
