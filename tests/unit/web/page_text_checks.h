// What a person reads on a page, and the checks the page crawl (page_crawl_test.cc) runs on it.
//
// visible_text(): the text nodes of the page (without <script>, <style> and comments), its <title>, and the
// attribute values a person reads or hears (alt, title, aria-label, placeholder, label, and the value of buttons),
// one chunk per node, entities decoded.
//
// check_page_text() reports, for a page in a language:
//   - a raw catalog key: a word shaped like "prefix:value" in lowercase ("life_event:birth", "rule:too_short");
//   - English left untranslated on a page in another language: a sentence of the English catalog (two words or
//     more) whose translation differs, found verbatim; on a Chinese page, three Latin words in a row; on a Portuguese
//     page, an English function word ("the", "your", "is", …).
// The English phrases come from the shipped catalogs (src/web/po/en/*.po and Translations), read once.
#pragma once

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "domain/language.h"
#include "web/translations.h"

namespace tongban::web::testing {

inline std::string unescape_html(std::string text) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities)
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
      text.replace(at, std::string_view(entity).size(), plain);
  return text;
}

inline std::vector<std::string> visible_text(std::string html) {
  static const std::regex kHidden(R"re(<script[\s\S]*?</script>|<style[\s\S]*?</style>|<!--[\s\S]*?-->)re",
                                  std::regex::icase);
  static const std::regex kReadAttribute(R"re(\b(?:alt|title|aria-label|placeholder|label)="([^"]*)")re");
  static const std::regex kButtonValue(R"re(<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)")re");
  static const std::regex kTag(R"re(<[^>]*>)re");
  html = std::regex_replace(html, kHidden, " ");
  std::vector<std::string> chunks;
  for (const auto* pattern : {&kReadAttribute, &kButtonValue})
    for (std::sregex_iterator it(html.begin(), html.end(), *pattern), end; it != end; ++it)
      chunks.push_back(unescape_html((*it)[1]));
  std::string text = std::regex_replace(html, kTag, "\n");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) chunks.push_back(unescape_html(line));
  return chunks;
}

// The English sentences of the catalogs whose translation into `language` differs from the English.
inline const std::vector<std::string>& english_phrases(domain::Language language) {
  static const auto kPhrases = [] {
    std::array<std::vector<std::string>, 4> phrases;
    namespace fs = std::filesystem;
    fs::path folder = fs::path(TONGBAN_SOURCE_DIR) / "src" / "web" / "po" / "en";
    std::vector<std::string> msgids;
    static const std::regex kMsgid(R"re(^msgid "(.+)"$)re");
    for (const auto& entry : fs::directory_iterator(folder)) {
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        std::smatch match;
        if (std::regex_match(line, match, kMsgid)) msgids.push_back(match[1]);
      }
    }
    const auto& translations = Translations::shipped();
    for (auto language : domain::kAllLanguages) {
      if (language == domain::Language::en) continue;
      for (const auto& msgid : msgids) {
        std::string english = translations.text(domain::Language::en, msgid);
        if (translations.text(language, msgid) == english) continue;
        // The longest run without a placeholder ("{owner}") is what shows verbatim.
        std::string best;
        std::size_t start = 0;
        while (start <= english.size()) {
          auto open = english.find('{', start);
          std::string run = english.substr(start, open == std::string::npos ? std::string::npos : open - start);
          if (run.size() > best.size()) best = run;
          if (open == std::string::npos) break;
          auto close = english.find('}', open);
          if (close == std::string::npos) break;
          start = close + 1;
        }
        while (!best.empty() && (best.back() == ' ' || best.back() == ':')) best.pop_back();
        while (!best.empty() && best.front() == ' ') best.erase(0, 1);
        if (best.size() >= 9 && best.find(' ') != std::string::npos)
          phrases[static_cast<std::size_t>(language)].push_back(best);
      }
    }
    return phrases;
  }();
  return kPhrases[static_cast<std::size_t>(language)];
}

inline bool is_raw_key(const std::string& word) {
  static const std::regex kKey(R"re([a-z][a-z_]*:[a-z0-9_][a-z0-9_.\-]*)re");
  return std::regex_match(word, kKey);
}

inline std::vector<std::string> check_page_text(domain::Language language, const std::string& html) {
  static const std::regex kWord(R"re([^\s()（）,，。;；"“”'‘’\[\]]+)re");
  static const std::regex kLatinRun(R"re([A-Za-z]{2,}(?: [A-Za-z]{2,}){2,})re");
  // Delimited by ASCII space or punctuation: \b would split "notários" after "not" (á is not a word character).
  static const std::regex kEnglishWord(
      R"re((?:^|[\s(«"'])(?:the|The|your|Your|you|You|is|are|not|with|this|This)(?=$|[\s.,;:!?)»"']))re");
  std::vector<std::string> findings;
  for (const auto& chunk : visible_text(html)) {
    for (std::sregex_iterator it(chunk.begin(), chunk.end(), kWord), end; it != end; ++it) {
      std::string word = it->str();
      while (!word.empty() && (word.back() == '.' || word.back() == ':' || word.back() == '-')) word.pop_back();
      if (is_raw_key(word)) findings.push_back("raw key \"" + word + "\" in \"" + chunk + "\"");
    }
    if (language == domain::Language::en) continue;
    bool reported = false;
    for (const auto& phrase : english_phrases(language))
      if (chunk.find(phrase) != std::string::npos) {
        findings.push_back("English \"" + phrase + "\" in \"" + chunk + "\"");
        reported = true;
        break;
      }
    if (reported) continue;
    std::smatch match;
    bool chinese = language == domain::Language::zh_Hans || language == domain::Language::zh_Hant;
    if (chinese && std::regex_search(chunk, match, kLatinRun))
      findings.push_back("Latin words \"" + match.str() + "\" in \"" + chunk + "\"");
    else if (language == domain::Language::pt && std::regex_search(chunk, match, kEnglishWord))
      findings.push_back("English word \"" + match.str() + "\" in \"" + chunk + "\"");
  }
  return findings;
}

}  // namespace tongban::web::testing
