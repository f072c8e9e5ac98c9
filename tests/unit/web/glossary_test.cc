// The catalogs against the glossary (docs/glossary.md): a catalog entry whose English is exactly a glossary term (its
// msgid, or its English text for a key such as "mode:delegated") is translated with the glossary's term, and no text of
// a language — page catalogs (src/web/po/<language>/*.po) and the shipped catalog (data/catalog, its `zh_hans =
// "…"`-style strings) — uses a variant the glossary rules out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "web/translations.h"

namespace tongban::web {
namespace {

namespace fs = std::filesystem;
using domain::Language;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim(std::string text) {
  auto first = text.find_first_not_of(' ');
  auto last = text.find_last_not_of(' ');
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(trim(part));
  return parts;
}

struct GlossaryRow {
  std::string english;
  std::map<Language, std::string> terms;
  std::map<Language, std::vector<std::string>> avoid;
};

std::optional<Language> language_of_column(const std::string& tag) {
  if (tag == "zh-Hans") return Language::zh_Hans;
  if (tag == "zh-Hant") return Language::zh_Hant;
  if (tag == "pt") return Language::pt;
  if (tag == "en") return Language::en;
  return std::nullopt;
}

std::vector<GlossaryRow> glossary() {
  std::vector<GlossaryRow> rows;
  std::istringstream lines(read(fs::path(TONGBAN_SOURCE_DIR) / "docs" / "glossary.md"));
  bool in_table = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| English |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|---", 0) == 0) continue;
    if (line.empty() || line[0] != '|') break;
    auto cells = split(line.substr(1, line.size() - 2), '|');
    if (cells.size() < 4) continue;
    GlossaryRow row;
    row.english = cells[0];
    row.terms = {{Language::zh_Hans, cells[1]}, {Language::zh_Hant, cells[2]}, {Language::pt, cells[3]}};
    if (cells.size() > 4)
      for (const auto& group : split(cells[4], ';')) {
        auto colon = group.find(':');
        if (colon == std::string::npos) continue;
        auto language = language_of_column(trim(group.substr(0, colon)));
        if (!language) continue;
        for (const auto& variant : split(group.substr(colon + 1), ','))
          if (!variant.empty()) row.avoid[*language].push_back(variant);
      }
    rows.push_back(row);
  }
  return rows;
}

// Every text of a language: the msgstr lines of its page catalogs and the catalog strings tagged with it.
std::vector<std::string> texts_of(Language language) {
  std::vector<std::string> texts;
  fs::path po = fs::path(TONGBAN_SOURCE_DIR) / "src" / "web" / "po" / std::string(catalog_name(language));
  static const std::regex kMsgstr(R"re(^msgstr "(.*)"$)re");
  for (const auto& entry : fs::directory_iterator(po)) {
    std::istringstream lines(read(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      if (std::regex_match(line, match, kMsgstr)) texts.push_back(match[1]);
    }
  }
  static const std::map<Language, std::string> kTomlKey = {
      {Language::zh_Hans, "zh_hans"}, {Language::zh_Hant, "zh_hant"}, {Language::pt, "pt"}, {Language::en, "en"}};
  std::regex in_toml("\\b" + kTomlKey.at(language) + R"re( = "((?:[^"\\]|\\.)*)")re");
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(TONGBAN_SOURCE_DIR) / "data" / "catalog")) {
    if (entry.path().extension() != ".toml") continue;
    std::string text = read(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), in_toml), end; it != end; ++it) texts.push_back((*it)[1]);
  }
  return texts;
}

// Every msgid of the English page catalogs by the text it reads as (its msgstr, or the msgid itself when the msgstr
// is empty): the terms themselves, and keys such as "mode:delegated" that read as a term.
std::multimap<std::string, std::string> msgids_by_english_text() {
  std::multimap<std::string, std::string> msgids;
  fs::path po = fs::path(TONGBAN_SOURCE_DIR) / "src" / "web" / "po" / std::string(catalog_name(Language::en));
  static const std::regex kMsgid(R"re(^msgid "(.*)"$)re");
  static const std::regex kMsgstr(R"re(^msgstr "(.*)"$)re");
  for (const auto& entry : fs::directory_iterator(po)) {
    std::istringstream lines(read(entry.path()));
    std::string msgid;
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      if (std::regex_match(line, match, kMsgid))
        msgid = match[1];
      else if (std::regex_match(line, match, kMsgstr) && !msgid.empty())
        msgids.emplace(match[1].length() == 0 ? msgid : std::string(match[1]), msgid);
    }
  }
  return msgids;
}

// The text without the titles in 《…》: a law is cited by its official name, whatever the usage around it.
std::string without_titles(std::string text) {
  for (auto open = text.find("《"); open != std::string::npos; open = text.find("《", open)) {
    auto close = text.find("》", open);
    if (close == std::string::npos) break;
    text.erase(open, close + std::string_view("》").size() - open);
  }
  return text;
}

// A variant is found as a word in Latin script (so "ação" does not match "identificação"), anywhere in Chinese
// outside the titles of laws.
bool uses(const std::string& text, const std::string& variant, Language language) {
  if (language == Language::zh_Hans || language == Language::zh_Hant)
    return without_titles(text).find(variant) != std::string::npos;
  for (auto at = text.find(variant); at != std::string::npos; at = text.find(variant, at + 1)) {
    auto letter = [](unsigned char c) { return std::isalpha(c) || c >= 0x80; };
    bool starts = at == 0 || !letter(static_cast<unsigned char>(text[at - 1]));
    auto after = at + variant.size();
    bool ends = after == text.size() || !letter(static_cast<unsigned char>(text[after]));
    if (starts && ends) return true;
  }
  return false;
}

TEST(Glossary, HasTheDomainsTerms) {
  auto rows = glossary();
  EXPECT_GE(rows.size(), 30u);
}

TEST(Glossary, CatalogEntriesForATermUseTheGlossarysTranslation) {
  const auto& translations = Translations::shipped();
  const auto msgids = msgids_by_english_text();
  int checked = 0;
  for (const auto& row : glossary()) {
    for (auto [it, end] = msgids.equal_range(row.english); it != end; ++it) {
      const std::string& msgid = it->second;
      if (!translations.has(Language::zh_Hans, msgid)) continue;  // not a page message: the row is for the data
      ++checked;
      for (const auto& [language, term] : row.terms)
        EXPECT_EQ(translations.text(language, msgid), term)
            << catalog_name(language) << " translates \"" << msgid << "\" (" << row.english
            << ") otherwise than docs/glossary.md";
    }
  }
  EXPECT_GE(checked, 20);
}

TEST(Glossary, NoCatalogUsesAVariantTheGlossaryRulesOut) {
  auto rows = glossary();
  for (auto language : domain::kAllLanguages) {
    auto texts = texts_of(language);
    ASSERT_GT(texts.size(), 100u) << catalog_name(language);
    for (const auto& row : rows) {
      auto avoided = row.avoid.find(language);
      if (avoided == row.avoid.end()) continue;
      for (const auto& variant : avoided->second) {
        int found = 0;
        std::string example;
        for (const auto& text : texts)
          if (uses(text, variant, language) && found++ == 0) example = text.substr(0, 200);
        EXPECT_EQ(found, 0) << catalog_name(language) << ": \"" << variant << "\" (glossary: " << row.english << " → "
                            << (row.terms.count(language) ? row.terms.at(language) : row.english) << ") in " << found
                            << " texts, e.g. \"" << example << "\"";
      }
    }
  }
}

}  // namespace
}  // namespace tongban::web
