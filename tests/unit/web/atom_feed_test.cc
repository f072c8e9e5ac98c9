#include "web/atom_feed.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::web {
namespace {

namespace json = boost::json;

constexpr std::int64_t kMarch9 = 1'773'044'130'000;  // 2026-03-09T08:15:30Z

AtomEntry entry(std::string id, std::string title) {
  AtomEntry e;
  e.id = std::move(id);
  e.title = std::move(title);
  e.updated_ms = kMarch9;
  e.alternate_href = "https://jm.gba.example/en/notices/x";
  return e;
}

AtomFeed feed_of(std::vector<AtomEntry> entries) {
  AtomFeed feed;
  feed.id = "tag:jm.gba.example,2026:notices/all/en";
  feed.title = "Jiangmen notices";
  feed.updated_ms = kMarch9;
  feed.author_name = "Jiangmen Government Services";
  feed.entries = std::move(entries);
  return feed;
}

TEST(AtomFeed, TimesAreRfc3339InUtcAtWholeSeconds) {
  EXPECT_EQ(rfc3339_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339_utc(kMarch9), "2026-03-09T08:15:30Z");
  EXPECT_EQ(rfc3339_utc(1'772'000'000'123), "2026-02-25T06:13:20Z");  // floor, milliseconds dropped
  EXPECT_EQ(rfc3339_utc(1'709'210'096'999), "2024-02-29T12:34:56Z");
  EXPECT_EQ(rfc3339_utc(253'402'300'799'999), "9999-12-31T23:59:59Z");
  EXPECT_THROW(rfc3339_utc(-1), std::invalid_argument);
  EXPECT_THROW(rfc3339_utc(253'402'300'800'000), std::invalid_argument);
}

TEST(AtomFeed, TextIsEscapedAndCharactersXmlForbidsAreDropped) {
  EXPECT_EQ(xml_text("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(xml_text("a\x01"
                     "b\x1F"
                     "c\x7F"
                     "d\xC2\x85"
                     "e\xEF\xBF\xBE"
                     "f\xEF\xBF\xBF"
                     "g" +
                     std::string(1, '\0')),
            "abcdefg");
  EXPECT_EQ(xml_text("tab\tline\nCR\r"), "tab\tline\nCR&#xD;");
  EXPECT_EQ(xml_text("澳門 São João 🇲🇴"), "澳門 São João 🇲🇴");
  EXPECT_EQ(xml_text("bad \xFF byte, cut \xE6\xBE"), "bad \xEF\xBF\xBD byte, cut \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate: three bad bytes
  EXPECT_EQ(xml_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(xml_attribute("a\tb\nc\rd&\"<'"), "a&#x9;b&#xA;c&#xD;d&amp;&quot;&lt;&apos;");
}

TEST(AtomFeed, TagUrisFollowRfc4151) {
  EXPECT_EQ(tag_uri("jm.gba.example", "2026", "notices/holiday_hours/zh-Hant"),
            "tag:jm.gba.example,2026:notices/holiday_hours/zh-Hant");
  EXPECT_EQ(tag_uri("MO.GBA.Example", "2026-03-09", "notice/MO-N-7"), "tag:mo.gba.example,2026-03-09:notice/MO-N-7");
  EXPECT_EQ(tag_uri("hk.example", "2026-03", "a%20b?x=1;y@z:w"), "tag:hk.example,2026-03:a%20b?x=1;y@z:w");
  EXPECT_THROW(tag_uri("", "2026", "x"), std::invalid_argument);
  EXPECT_THROW(tag_uri("-jm.example", "2026", "x"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm..example", "2026", "x"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm_node.example", "2026", "x"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm.example", "26", "x"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm.example", "2026-3-9", "x"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm.example", "2026", "with space"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm.example", "2026", "frag#ment"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm.example", "2026", "bad%zz"), std::invalid_argument);
  EXPECT_THROW(tag_uri("jm.example", "2026", "通知"), std::invalid_argument);
}

TEST(AtomFeed, WritesTheExactDocument) {
  AtomFeed feed = feed_of({});
  feed.id = "tag:jm.gba.example,2026:notices/policy/pt";
  feed.title = "Avisos & <políticas>";
  feed.subtitle = "Jiangmen";
  feed.self_href = "https://jm.gba.example/pt/notices.atom?topic=policy&lang=pt";
  feed.alternate_href = "https://jm.gba.example/pt/notices?topic=policy";
  feed.language = "pt";
  feed.author_uri = "https://jm.gba.example/";
  AtomEntry e = entry("tag:mo.gba.example,2026:notice/MO-N-7", "Renovação do BIR \"urgente\"");
  e.published_ms = kMarch9 - 86'400'000;
  e.alternate_href = "https://jm.gba.example/pt/notices/MO-N-7";
  e.language = "pt";
  e.categories.push_back({"policy", "tag:jm.gba.example,2026:notice-topics", "Política"});
  e.summary = "Resumo";
  e.content = "Linha 1\nLinha <2>";
  e.authors = {"DSI"};
  feed.entries.push_back(e);
  EXPECT_EQ(atom_feed(feed),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"pt\">\n"
            "  <id>tag:jm.gba.example,2026:notices/policy/pt</id>\n"
            "  <title type=\"text\">Avisos &amp; &lt;políticas&gt;</title>\n"
            "  <subtitle type=\"text\">Jiangmen</subtitle>\n"
            "  <updated>2026-03-09T08:15:30Z</updated>\n"
            "  <link rel=\"self\" type=\"application/atom+xml\" "
            "href=\"https://jm.gba.example/pt/notices.atom?topic=policy&amp;lang=pt\"/>\n"
            "  <link rel=\"alternate\" type=\"text/html\" href=\"https://jm.gba.example/pt/notices?topic=policy\"/>\n"
            "  <author>\n"
            "    <name>Jiangmen Government Services</name>\n"
            "    <uri>https://jm.gba.example/</uri>\n"
            "  </author>\n"
            "  <entry xml:lang=\"pt\">\n"
            "    <id>tag:mo.gba.example,2026:notice/MO-N-7</id>\n"
            "    <title type=\"text\">Renovação do BIR &quot;urgente&quot;</title>\n"
            "    <updated>2026-03-09T08:15:30Z</updated>\n"
            "    <published>2026-03-08T08:15:30Z</published>\n"
            "    <author>\n"
            "      <name>DSI</name>\n"
            "    </author>\n"
            "    <link rel=\"alternate\" type=\"text/html\" href=\"https://jm.gba.example/pt/notices/MO-N-7\"/>\n"
            "    <category term=\"policy\" scheme=\"tag:jm.gba.example,2026:notice-topics\" label=\"Política\"/>\n"
            "    <summary type=\"text\">Resumo</summary>\n"
            "    <content type=\"text\">Linha 1\nLinha &lt;2&gt;</content>\n"
            "  </entry>\n"
            "</feed>\n");
}

TEST(AtomFeed, AnEmptyFeedHasOnlyTheFeedElements) {
  EXPECT_EQ(atom_feed(feed_of({})),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            "  <id>tag:jm.gba.example,2026:notices/all/en</id>\n"
            "  <title type=\"text\">Jiangmen notices</title>\n"
            "  <updated>2026-03-09T08:15:30Z</updated>\n"
            "  <author>\n"
            "    <name>Jiangmen Government Services</name>\n"
            "  </author>\n"
            "</feed>\n");
}

TEST(AtomFeed, WhatRfc4287RequiresIsEnforced) {
  const AtomFeed good = feed_of({entry("tag:x.example,2026:n/1", "One")});
  EXPECT_NO_THROW(atom_feed(good));
  const std::vector<std::pair<std::string_view, std::function<void(AtomFeed&)>>> breaks = {
      {"no feed id", [](AtomFeed& f) { f.id.clear(); }},
      {"relative feed id", [](AtomFeed& f) { f.id = "notices/all/en"; }},
      {"white space in the id", [](AtomFeed& f) { f.id = "tag:x.example,2026:with space"; }},
      {"blank feed title", [](AtomFeed& f) { f.title = " \x01 "; }},
      {"no feed updated", [](AtomFeed& f) { f.updated_ms = -1; }},
      {"no entry id", [](AtomFeed& f) { f.entries[0].id.clear(); }},
      {"no entry title", [](AtomFeed& f) { f.entries[0].title.clear(); }},
      {"no entry updated", [](AtomFeed& f) { f.entries[0].updated_ms = -1; }},
      {"bad published", [](AtomFeed& f) { f.entries[0].published_ms = -5; }},
      {"neither content nor link", [](AtomFeed& f) { f.entries[0].alternate_href.clear(); }},
      {"space in a link", [](AtomFeed& f) { f.entries[0].alternate_href = "https://x.example/a b"; }},
      {"bad entry language", [](AtomFeed& f) { f.entries[0].language = "p"; }},
      {"bad feed language", [](AtomFeed& f) { f.language = "zh_Hant"; }},
      {"category without term",
       [](AtomFeed& f) {
         f.entries[0].categories = {{"", "", ""}};
       }},
      {"relative category scheme",
       [](AtomFeed& f) {
         f.entries[0].categories = {{"policy", "relative", ""}};
       }},
      {"no author anywhere", [](AtomFeed& f) { f.author_name.clear(); }},
      {"author uri without name",
       [](AtomFeed& f) {
         f.author_name.clear();
         f.entries[0].authors = {"DSI"};
         f.author_uri = "https://x.example/";
       }},
      {"blank entry author", [](AtomFeed& f) { f.entries[0].authors = {" "}; }},
  };
  for (const auto& [what, change] : breaks) {
    AtomFeed feed = good;
    change(feed);
    EXPECT_THROW(atom_feed(feed), std::invalid_argument) << what;
  }
}

TEST(AtomFeed, EntriesMayCarryTheAuthorsInsteadOfTheFeed) {
  AtomFeed feed = feed_of({entry("tag:x.example,2026:n/1", "One"), entry("tag:x.example,2026:n/2", "Two")});
  feed.author_name.clear();
  feed.entries[0].authors = {"MO-DSI"};
  EXPECT_THROW(atom_feed(feed), std::invalid_argument);  // the second has none
  feed.entries[1].authors = {"JM-HRSS"};
  const std::string xml = atom_feed(feed);
  EXPECT_EQ(xml.find("\n  <author>"), std::string::npos);  // no feed-level author
  EXPECT_NE(xml.find("    <author>\n      <name>JM-HRSS</name>\n    </author>\n"), std::string::npos);
  AtomFeed content_only = feed_of({entry("tag:x.example,2026:n/1", "One")});
  content_only.entries[0].alternate_href.clear();
  content_only.entries[0].content = "the text itself";
  EXPECT_NO_THROW(atom_feed(content_only));
}

// Runs a shell command; its standard output, and its exit status in *status.
std::string run(const std::string& command, int* status) {
  std::string out;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int raw = ::pclose(pipe);
  *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

// The feed as python3-feedparser (a build dependency) reads it, with the distribution's own interpreter.
TEST(AtomFeed, ARealFeedParserReadsEveryTitleBackExactly) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/python3"))
      << "/usr/bin/python3 is missing: python3-feedparser (Debian package) is a build dependency of the tests";
  int status = 0;
  run("/usr/bin/python3 -c 'import feedparser' 2>&1", &status);
  ASSERT_EQ(status, 0) << "python3-feedparser is not installed for /usr/bin/python3: it is a build dependency "
                          "(apt-get install python3-feedparser)";

  const std::vector<std::pair<std::string, std::string>> notices = {
      {"tag:jm.gba.example,2026:notice/CN-GD-JM-N-1", "春节期间江门政务服务中心开放时间调整"},
      {"tag:mo.gba.example,2026:notice/MO-N-7", "澳門居民身份證續期服務延伸至江門"},
      {"tag:mo.gba.example,2026:notice/MO-N-8", "Horário de atendimento no Natal — São João, 24 de Dezembro"},
      {"tag:hk.gba.example,2026:notice/HK-N-3", "<script>alert('x')</script> & \"quoted\" 'apos' <b>not bold</b>"},
      {"tag:jm.gba.example,2026:notice/CN-GD-JM-N-2", "Control\x01 chars\x7F dropped\xC2\x85 here"},
  };
  AtomFeed feed = feed_of({});
  feed.title = "江门通知 & Avisos <Jiangmen>";
  feed.language = "zh-Hans";
  feed.self_href = "https://jm.gba.example/zh-Hans/notices.atom?topic=all&lang=zh-Hans";
  for (const auto& [id, title] : notices) {
    AtomEntry e = entry(id, title);
    e.content = "正文 body\r\nline 2\t<tab> & \x02 \xFF";
    e.summary = title;
    e.categories.push_back({"holiday_hours", "", "假期 \"hours\""});
    feed.entries.push_back(e);
  }
  feed.entries[2].language = "pt";

  const auto path =
      std::filesystem::temp_directory_path() / ("tongban-atom-feed-test-" + std::to_string(::getpid()) + ".xml");
  {
    std::ofstream out(path, std::ios::binary);
    out << atom_feed(feed);
  }
  const std::string output =
      run("/usr/bin/python3 -c 'import feedparser,sys,json; d=feedparser.parse(sys.argv[1]); "
          "print(json.dumps({\"bozo\":d.bozo, \"title\":d.feed.title, "
          "\"entries\":[[e.id,e.title] for e in d.entries], "
          "\"content\":[e.content[0].value for e in d.entries], "
          "\"lang\":[e.content[0].language for e in d.entries], "
          "\"terms\":[e.tags[0].term for e in d.entries]}))' '" +
              path.string() + "'",
          &status);
  std::filesystem::remove(path);
  ASSERT_EQ(status, 0) << output;

  const json::object parsed = json::parse(output).as_object();
  const json::value& bozo = parsed.at("bozo");
  EXPECT_TRUE(bozo.is_bool() ? !bozo.as_bool() : bozo.to_number<std::int64_t>() == 0) << output;
  EXPECT_EQ(parsed.at("title").as_string(), "江门通知 & Avisos <Jiangmen>");
  const json::array& entries = parsed.at("entries").as_array();
  ASSERT_EQ(entries.size(), notices.size()) << output;
  for (std::size_t i = 0; i < notices.size(); ++i) {
    const std::string expected_title = i == 4 ? "Control chars dropped here" : notices[i].second;
    EXPECT_EQ(entries[i].as_array().at(0).as_string(), notices[i].first);
    EXPECT_EQ(entries[i].as_array().at(1).as_string(), expected_title);
    EXPECT_EQ(parsed.at("content").as_array().at(i).as_string(), "正文 body\r\nline 2\t<tab> &  \xEF\xBF\xBD");
    EXPECT_EQ(parsed.at("lang").as_array().at(i).as_string(), i == 2 ? "pt" : "zh-Hans");
    EXPECT_EQ(parsed.at("terms").as_array().at(i).as_string(), "holiday_hours");
  }
}

}  // namespace
}  // namespace tongban::web
