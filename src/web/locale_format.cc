#include "web/locale_format.h"

#include <fmt/format.h>

#include <array>

namespace tongban::web {

std::string format_date(domain::Language language, domain::CalendarDate date) {
  static constexpr std::array<const char*, 12> kPortuguese = {"janeiro",  "fevereiro", "março",    "abril",
                                                              "maio",     "junho",     "julho",    "agosto",
                                                              "setembro", "outubro",   "novembro", "dezembro"};
  static constexpr std::array<const char*, 12> kEnglish = {"January",   "February", "March",    "April",
                                                           "May",       "June",     "July",     "August",
                                                           "September", "October",  "November", "December"};
  int year = static_cast<int>(date.year());
  unsigned month = static_cast<unsigned>(date.month());
  unsigned day = static_cast<unsigned>(date.day());
  switch (language) {
    case domain::Language::zh_Hans:
    case domain::Language::zh_Hant: return fmt::format("{}年{}月{}日", year, month, day);
    case domain::Language::pt: return fmt::format("{} de {} de {}", day, kPortuguese[month - 1], year);
    case domain::Language::en: return fmt::format("{} {} {}", day, kEnglish[month - 1], year);
  }
  return domain::format_date(date);
}

std::string format_date_time(domain::Language language, std::int64_t utc_ms, int utc_offset_minutes) {
  std::int64_t local_minutes = utc_ms / 60000 + utc_offset_minutes;
  std::int64_t minute_of_day = ((local_minutes % 1440) + 1440) % 1440;
  return fmt::format("{} {:02}:{:02}", format_date(language, domain::local_date(utc_ms, utc_offset_minutes)),
                     minute_of_day / 60, minute_of_day % 60);
}

namespace {

// The decimal digits of `magnitude` grouped by thousands in the language's way: "1,234,567" (zh, en), "1.234.567"
// (pt).
std::string grouped_digits(domain::Language language, std::uint64_t magnitude) {
  std::string units = std::to_string(magnitude);
  char group = language == domain::Language::pt ? '.' : ',';
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped.push_back(group);
    grouped.push_back(units[i]);
  }
  return grouped;
}

std::uint64_t magnitude_of(std::int64_t value) {
  return value < 0 ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
}

}  // namespace

std::string format_money(domain::Language language, std::int64_t amount_minor, std::string_view currency) {
  std::uint64_t magnitude = magnitude_of(amount_minor);
  char decimal = language == domain::Language::pt ? ',' : '.';
  return fmt::format("{}{} {}{}{:02}", amount_minor < 0 ? "-" : "", currency, grouped_digits(language, magnitude / 100),
                     decimal, magnitude % 100);
}

std::string format_count(domain::Language language, std::int64_t count) {
  return (count < 0 ? "-" : "") + grouped_digits(language, magnitude_of(count));
}

std::string format_decimal(domain::Language language, double value) {
  std::string text = fmt::format("{:.1f}", value);
  if (language == domain::Language::pt)
    for (char& c : text)
      if (c == '.') c = ',';
  return text;
}

std::string format_percent(domain::Language language, double ratio) {
  return format_decimal(language, ratio * 100.0) + (language == domain::Language::pt ? " %" : "%");
}

}  // namespace tongban::web
