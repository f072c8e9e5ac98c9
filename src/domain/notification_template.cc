#include "domain/notification_template.h"

#include <algorithm>
#include <array>
#include <vector>

namespace tongban::domain {
namespace {

constexpr std::array<std::string_view, 5> kPlaceholders = {"case_id", "item_name", "date", "note", "reference"};

const std::vector<NotificationTemplate>& all_templates() {
  static const std::vector<NotificationTemplate> all = [] {
    std::vector<NotificationTemplate> list;
    for (auto part : {notification_templates_zh_hans(), notification_templates_zh_hant(), notification_templates_pt(),
                      notification_templates_en()})
      list.insert(list.end(), part.begin(), part.end());
    return list;
  }();
  return all;
}

}  // namespace

std::span<const NotificationTemplate> notification_templates() {
  return all_templates();
}

const NotificationTemplate* find_notification_template(std::string_view kind, Language language) {
  for (const auto& entry : all_templates())
    if (entry.kind == kind && entry.language == language) return &entry;
  return nullptr;
}

std::span<const std::string_view> notification_placeholders() {
  return kPlaceholders;
}

std::string fill_placeholders(std::string_view text, const Personalisation& values) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) throw NotificationTemplateError("a placeholder is not closed with '}'");
    std::string_view name = text.substr(i + 1, close - i - 1);
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
      throw NotificationTemplateError("unknown placeholder {" + std::string(name) + "}");
    auto value = values.find(name);
    if (value == values.end()) throw NotificationTemplateError("no value given for {" + std::string(name) + "}");
    out += value->second;
    i = close;
  }
  return out;
}

RenderedNotification render_notification(const NotificationTemplate& source, const Personalisation& values) {
  RenderedNotification rendered;
  rendered.kind = std::string(source.kind);
  rendered.language = source.language;
  rendered.version = source.version;
  rendered.subject = fill_placeholders(source.subject, values);
  rendered.body = fill_placeholders(source.body, values);
  rendered.sms = fill_placeholders(source.sms, values);
  return rendered;
}

std::string format_notification_date(CalendarDate date, Language language) {
  int year = static_cast<int>(date.year());
  unsigned month = static_cast<unsigned>(date.month());
  unsigned day = static_cast<unsigned>(date.day());
  static constexpr std::array<std::string_view, 12> kPortuguese = {"Janeiro",  "Fevereiro", "Março",    "Abril",
                                                                   "Maio",     "Junho",     "Julho",    "Agosto",
                                                                   "Setembro", "Outubro",   "Novembro", "Dezembro"};
  static constexpr std::array<std::string_view, 12> kEnglish = {"January",   "February", "March",    "April",
                                                                "May",       "June",     "July",     "August",
                                                                "September", "October",  "November", "December"};
  switch (language) {
    case Language::zh_Hans:
    case Language::zh_Hant:
      return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
    case Language::pt:
      return std::to_string(day) + " de " + std::string(kPortuguese[month - 1]) + " de " + std::to_string(year);
    case Language::en: break;
  }
  return std::to_string(day) + " " + std::string(kEnglish[month - 1]) + " " + std::to_string(year);
}

}  // namespace tongban::domain
