// The JSON of a notice as it travels between nodes (federation message notice.published, docs/notices.md) and as
// the API answers it: {"format":"tongban.notice.v1","id","origin_node","origin_jurisdiction","topic","state",
// "title":{"zh-Hans","zh-Hant","pt","en"},"body":{…},"item_codes":[…],"zone_codes":[…],"valid_from":"YYYY-MM-DD",
// "valid_until":"YYYY-MM-DD"|null,"author","approver","created_at_ms","published_at_ms","updated_at_ms",
// "revision"}. The reviewer's reject reason is the origin node's own business and never travels.
//
// parse_notice_json() is strict (node/strict_json.h): every member present with its type, nothing else, words and
// dates that parse, at most kMaxNoticeJsonBytes; JsonShapeError names the member. Whether the notice itself is
// acceptable (lengths, codes, four-eyes) is the NoticeDesk's check, not the codec's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/notice.h"

namespace tongban::node {

inline constexpr std::size_t kMaxNoticeJsonBytes = std::size_t{256} * 1024;

std::string notice_json(const domain::Notice& notice);
domain::Notice parse_notice_json(std::string_view text);

}  // namespace tongban::node
