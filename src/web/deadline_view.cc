#include "web/deadline_view.h"

#include "node/deadline_recompute.h"
#include "web/locale_format.h"

namespace tongban::web {

namespace {

bool is_chinese(domain::Language language) {
  return language == domain::Language::zh_Hans || language == domain::Language::zh_Hant;
}

std::string replace_all(std::string text, std::string_view placeholder, std::string_view value) {
  for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
  return text;
}

}  // namespace

std::string provisional_note(const Page& page, const node::CaseTiming& timing) {
  if (timing.unofficial_years.empty()) return {};
  std::string years;
  for (int year : timing.unofficial_years) {
    if (!years.empty()) years += is_chinese(page.language) ? "、" : ", ";
    years += std::to_string(year);
  }
  return replace_all(page.t("Provisional: the official holiday calendar for {years} is not yet published."), "{years}",
                     years);
}

void set_provisional_note(const Page& page, const node::CaseTiming& timing, Data& data) {
  std::string note = provisional_note(page, timing);
  if (!note.empty()) data.set("provisional_note", note);
}

std::string timeline_note(const Page& page, const domain::Event& event) {
  const auto moves = node::parse_deadlines_recomputed_note(event.note);
  if (!moves) return event.note;
  const bool chinese = is_chinese(page.language);
  std::string text = page.t(node::kDeadlinesRecomputedNote);
  for (const auto& move : *moves) {
    text += chinese ? "" : " ";
    text += move.field == "legal_due" ? page.t("Legal deadline") : page.t("Promised by");
    text += chinese ? "：" : ": ";
    text += format_date(page.language, move.from) + " → " + format_date(page.language, move.to);
    text += chinese ? "。" : ".";
  }
  return text;
}

}  // namespace tongban::web
