// Dates and money as each language writes them (GOV.UK style: the month in words, no ambiguity).
//   zh-Hans/zh-Hant: 2026年3月5日      MOP 1,234.50 → "MOP 1,234.50"
//   pt:              5 de março de 2026 → "MOP 1.234,50"
//   en:              5 March 2026       → "MOP 1,234.50"
// A zero amount is "free" in the page's language (the caller passes the translated word).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/calendar_date.h"
#include "domain/language.h"

namespace tongban::web {

std::string format_date(domain::Language language, domain::CalendarDate date);
// Local date and time (HH:MM) of a UTC instant at a UTC offset.
std::string format_date_time(domain::Language language, std::int64_t utc_ms, int utc_offset_minutes);
// amount_minor in hundredths of the currency unit (fen, avos, cents).
std::string format_money(domain::Language language, std::int64_t amount_minor, std::string_view currency);
// A count with the language's thousands grouping: "12,345" (zh, en), "12.345" (pt).
std::string format_count(domain::Language language, std::int64_t count);
// One decimal: "2.5" (zh, en), "2,5" (pt).
std::string format_decimal(domain::Language language, double value);
// A ratio 0..1 as a percentage with one decimal: "87.5%" (zh, en), "87,5 %" (pt).
std::string format_percent(domain::Language language, double ratio);

}  // namespace tongban::web
