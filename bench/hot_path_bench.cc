// The request hot paths against their former code, side by side in one run (issue 9 §2). Each pair's "before" is
// what the code did until this change, kept here as a baseline function:
// - form patterns: std::regex compiled and matched per answer  vs  FieldPatterns (RE2, compiled per snapshot);
// - the hostile pattern (a+)+$ on "a…ab": std::regex (exponential, so only short answers) vs RE2 on 10 000 chars;
// - a whole application form of the shipped JM-CA-006 (check_application_form, patterns compiled once);
// - GET /api/v1/items/{code}: serialize(item_to_json) per request  vs  the snapshot's cached bytes (+ ETag);
// - GET /api/v1/items?q=: summaries encoded per hit  vs  spliced from the cached summaries (+ SHA-256 for the ETag);
// - what a catalog snapshot costs to make (index, patterns, documents): is building the cache eagerly affordable?
#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <regex>
#include <sstream>

#include "calendar/ics_calendar.h"
#include "catalog/catalog_validation.h"
#include "catalog/item_json.h"
#include "domain/canonical_bytes.h"
#include "domain/deadline.h"
#include "http/entity_tag.h"
#include "node/application_form.h"
#include "node/node.h"
#include "web/page_renderer.h"
#include "web/translations.h"

namespace {

using namespace tongban;

const domain::Catalog& shipped() {
  static const domain::Catalog catalog = [] {
    auto loaded = catalog::load_catalog(TONGBAN_SOURCE_DIR "/data/catalog");
    if (!loaded.ok()) throw std::runtime_error("the shipped catalog does not load");
    return std::move(loaded.catalog);
  }();
  return catalog;
}

const node::CatalogSnapshot& snapshot() {
  static const node::CatalogSnapshot made(shipped());
  return made;
}

const std::string kPhonePattern = "^(\\+86)?1[3-9][0-9]{9}$|^(\\+853)?6[0-9]{7}$|^(\\+852)?[4-9][0-9]{7}$";

void BM_Pattern_StdRegexPerAnswer(benchmark::State& state) {
  const std::string answer = "+85361234567";
  for (auto _ : state) benchmark::DoNotOptimize(std::regex_match(answer, std::regex(kPhonePattern)));
}
BENCHMARK(BM_Pattern_StdRegexPerAnswer);

void BM_Pattern_Re2CompiledPerSnapshot(benchmark::State& state) {
  const std::string answer = "+85361234567";
  const auto& patterns = snapshot().patterns;
  for (auto _ : state) benchmark::DoNotOptimize(patterns.full_match(kPhonePattern, answer));
}
BENCHMARK(BM_Pattern_Re2CompiledPerSnapshot);

void BM_Hostile_StdRegex(benchmark::State& state) {
  const std::string answer = std::string(static_cast<std::size_t>(state.range(0)), 'a') + "b";
  const std::regex hostile("(a+)+$");
  for (auto _ : state) benchmark::DoNotOptimize(std::regex_match(answer, hostile));
  state.SetLabel(std::to_string(answer.size()) + " chars");
}
BENCHMARK(BM_Hostile_StdRegex)->Arg(12)->Arg(16)->Arg(20)->Unit(benchmark::kMicrosecond);

void BM_Hostile_Re2(benchmark::State& state) {
  const std::string answer = std::string(static_cast<std::size_t>(state.range(0)), 'a') + "b";
  domain::Item item;
  domain::FormField field;
  field.pattern = "(a+)+$";
  item.form.push_back(field);
  catalog::FieldPatterns patterns(std::vector{item});
  for (auto _ : state) benchmark::DoNotOptimize(patterns.full_match("(a+)+$", answer));
  state.SetLabel(std::to_string(answer.size()) + " chars");
}
BENCHMARK(BM_Hostile_Re2)->Arg(12)->Arg(16)->Arg(20)->Arg(10'000)->Unit(benchmark::kMicrosecond);

// Valid answers for every field of an item: what a successful POST /api/v1/cases checks.
boost::json::object answers_for(const domain::Item& item) {
  boost::json::object answers;
  for (const auto& field : item.form) {
    switch (field.type) {
      case domain::FieldType::phone: answers[field.id] = "+85361234567"; break;
      case domain::FieldType::email: answers[field.id] = "chan@example.mo"; break;
      case domain::FieldType::date: answers[field.id] = "2026-03-02"; break;
      case domain::FieldType::number: answers[field.id] = field.min_value.value_or(1); break;
      case domain::FieldType::boolean: answers[field.id] = true; break;
      case domain::FieldType::choice: answers[field.id] = field.choices.front(); break;
      case domain::FieldType::id_document:
        answers[field.id] = {{"type", "CN_RIC"}, {"number", "440703199001011239"}};
        break;
      default: answers[field.id] = field.pattern.empty() ? "陈大文" : "13812345678";
    }
  }
  return answers;
}

void BM_Form_JM_CA_006(benchmark::State& state) {
  const domain::Item& item = *snapshot().catalog.find_item("JM-CA-006");
  const auto answers = answers_for(item);
  if (!node::check_application_form(item, answers, snapshot().patterns).ok()) state.SkipWithError("answers invalid");
  for (auto _ : state) benchmark::DoNotOptimize(node::check_application_form(item, answers, snapshot().patterns));
}
BENCHMARK(BM_Form_JM_CA_006);

// The former check of the same form: everything as now, plus what it compiled per answer with std::regex — the
// field's pattern and, for a phone field, the phone shape (\+?[0-9][0-9 \-]{5,19}).
void BM_Form_JM_CA_006_FormerStdRegex(benchmark::State& state) {
  const domain::Item& item = *snapshot().catalog.find_item("JM-CA-006");
  const auto answers = answers_for(item);
  for (auto _ : state) {
    benchmark::DoNotOptimize(node::check_application_form(item, answers, snapshot().patterns));
    for (const auto& field : item.form) {
      std::string answer = answers.at(field.id).is_string() ? std::string(answers.at(field.id).as_string()) : "";
      if (!field.pattern.empty()) benchmark::DoNotOptimize(std::regex_match(answer, std::regex(field.pattern)));
      if (field.type == domain::FieldType::phone)
        benchmark::DoNotOptimize(std::regex_match(answer, std::regex(R"(\+?[0-9][0-9 \-]{5,19})")));
    }
  }
}
BENCHMARK(BM_Form_JM_CA_006_FormerStdRegex);

void BM_Item_SerialisedPerRequest(benchmark::State& state) {
  const domain::Item& item = *snapshot().catalog.find_item("JM-CA-006");
  for (auto _ : state) {
    std::string body = boost::json::serialize(catalog::item_to_json(item));
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_Item_SerialisedPerRequest);

void BM_Item_CachedWithETag(benchmark::State& state) {
  for (auto _ : state) {
    const auto* document = snapshot().documents.find("JM-CA-006");
    std::string body = document->json;  // the copy into the response
    std::string tag = http::strong_entity_tag(document->sha256);
    benchmark::DoNotOptimize(body);
    benchmark::DoNotOptimize(tag);
  }
}
BENCHMARK(BM_Item_CachedWithETag);

search::ItemPage page_of(std::string text, std::size_t limit) {
  search::ItemQuery query;
  query.text = std::move(text);
  query.limit = limit;
  return snapshot().index.search(query);
}

void BM_SearchQuery(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(page_of("婚姻", 20));
}
BENCHMARK(BM_SearchQuery);

void BM_SearchBody_EncodedPerHit(benchmark::State& state) {
  const auto page = page_of("证明", 20);
  for (auto _ : state) {
    boost::json::array items;
    for (const auto& hit : page.hits) {
      auto summary = catalog::item_summary_json(*hit.item, domain::Language::en);
      summary["score"] = hit.score;
      items.push_back(std::move(summary));
    }
    boost::json::object body{{"items", std::move(items)}, {"total", page.total}, {"offset", 0}, {"limit", 20}};
    benchmark::DoNotOptimize(boost::json::serialize(body));
  }
  state.SetLabel(std::to_string(page.hits.size()) + " hits");
}
BENCHMARK(BM_SearchBody_EncodedPerHit);

std::string spliced(const search::ItemPage& page) {
  std::string body = "{\"items\":[";
  for (const auto& hit : page.hits) {
    const std::string& summary = snapshot().documents.find(hit.item->code)->summary(domain::Language::en);
    if (body.back() != '[') body += ',';
    body.append(summary, 0, summary.size() - 1);
    body += ",\"score\":";
    body += boost::json::serialize(boost::json::value(hit.score));
    body += '}';
  }
  body += "],\"total\":" + std::to_string(page.total) + ",\"offset\":0,\"limit\":20}";
  return body;
}

void BM_SearchBody_SplicedFromCache(benchmark::State& state) {
  const auto page = page_of("证明", 20);
  for (auto _ : state) benchmark::DoNotOptimize(spliced(page));
  state.SetLabel(std::to_string(page.hits.size()) + " hits");
}
BENCHMARK(BM_SearchBody_SplicedFromCache);

// The list's ETag is the SHA-256 of bytes made per request: libsodium's portable SHA-256 against OpenSSL's.
void BM_SearchBody_SplicedPlusETag_Sodium(benchmark::State& state) {
  const auto page = page_of("证明", 20);
  for (auto _ : state) {
    std::string body = spliced(page);
    benchmark::DoNotOptimize(http::strong_entity_tag(domain::sha256_hex(body)));
  }
  state.SetLabel(std::to_string(spliced(page).size()) + " bytes");
}
BENCHMARK(BM_SearchBody_SplicedPlusETag_Sodium);

void BM_SearchBody_SplicedPlusETag_OpenSsl(benchmark::State& state) {
  const auto page = page_of("证明", 20);
  for (auto _ : state) {
    std::string body = spliced(page);
    benchmark::DoNotOptimize(http::strong_entity_tag_of(body));
  }
  state.SetLabel(std::to_string(spliced(page).size()) + " bytes");
}
BENCHMARK(BM_SearchBody_SplicedPlusETag_OpenSsl);

// Pages (not changed here, measured for the report): a page render parses its template every time
// (web/page_renderer.cc), and every translated word looks its gettext facet up again (web/translations.cc).
std::string source_text(const char* path) {
  std::ifstream in(std::string(TONGBAN_SOURCE_DIR "/") + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void BM_Page_ParseTemplate(benchmark::State& state) {
  const std::string text = source_text("src/web/templates/case.mustache");
  for (auto _ : state) {
    kainjow::mustache::mustache parsed{text};
    benchmark::DoNotOptimize(parsed.is_valid());
  }
  state.SetLabel("case.mustache, " + std::to_string(text.size()) + " bytes");
}
BENCHMARK(BM_Page_ParseTemplate);

void BM_Page_RenderTemplate(benchmark::State& state) {
  for (auto _ : state) {
    kainjow::mustache::data data;
    benchmark::DoNotOptimize(web::render_template("case", data, domain::Language::pt));
  }
  state.SetLabel("case, no data");
}
BENCHMARK(BM_Page_RenderTemplate);

void BM_Page_TranslateOneWord(benchmark::State& state) {
  const auto& translations = web::Translations::shipped();
  for (auto _ : state) benchmark::DoNotOptimize(translations.text(domain::Language::pt, "Apply"));
}
BENCHMARK(BM_Page_TranslateOneWord);

// Deadlines (not changed: counted day by day over the calendar's map, fast enough): the clock a case gets at
// acceptance, and the report every case list computes per case, for a case due next week and one a year overdue.
const domain::WorkingCalendar& jiangmen() {
  static const domain::WorkingCalendar calendar =
      calendar::parse_ics(source_text("data/calendars/CN-GD-JM.ics"), "CN-GD-JM.ics");
  return calendar;
}

void BM_Deadline_StartClock(benchmark::State& state) {
  const domain::CalendarDate accepted{std::chrono::year{2026}, std::chrono::March, std::chrono::day{2}};
  for (auto _ : state) benchmark::DoNotOptimize(domain::start_clock(accepted, 20, 10, jiangmen()));
}
BENCHMARK(BM_Deadline_StartClock);

void BM_Deadline_Report(benchmark::State& state) {
  const domain::CalendarDate accepted{std::chrono::year{2026}, std::chrono::March, std::chrono::day{2}};
  const auto clock = domain::start_clock(accepted, 20, 10, jiangmen());
  const auto today = domain::CalendarDate{std::chrono::sys_days{accepted} + std::chrono::days{state.range(0)}};
  for (auto _ : state) benchmark::DoNotOptimize(domain::report_deadline(clock, today, jiangmen()));
  state.SetLabel(std::to_string(state.range(0)) + " days after acceptance");
}
BENCHMARK(BM_Deadline_Report)->Arg(5)->Arg(400);

// What making a snapshot of the shipped catalog costs, part by part (once per install or start).
void BM_Snapshot_Index(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(search::CatalogIndex(shipped()));
}
BENCHMARK(BM_Snapshot_Index)->Unit(benchmark::kMillisecond);

void BM_Snapshot_Patterns(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(catalog::FieldPatterns(shipped()));
}
BENCHMARK(BM_Snapshot_Patterns)->Unit(benchmark::kMillisecond);

void BM_Snapshot_Documents(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(catalog::ItemDocuments(shipped()));
  state.SetLabel(std::to_string(shipped().items.size()) + " items");
}
BENCHMARK(BM_Snapshot_Documents)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  snapshot();  // load the shipped catalog before any timing
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
