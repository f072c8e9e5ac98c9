// The item guide (/items/{code}) and the apply URL of an item not offered online, on the shipped catalog of a
// Jiangmen node: one action per item (apply online only on the web channel), the service points of this node's
// jurisdiction first, hours grouped by days, plural-correct time limits, "Free" once, no form link that 404s.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "page_browser.h"
#include "web/opening_hours_text.h"
#include "web/translations.h"

namespace tongban::web::testing {
namespace {

using domain::Channel;
using domain::Language;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool on_web(const domain::Item& item) {
  return std::find(item.channels.begin(), item.channels.end(), Channel::web) != item.channels.end();
}

// An item of `jurisdiction` that is not offered on the web and that service points of both this node's jurisdiction
// and its own take in.
const domain::Item& offline_item(node::Node& node, const std::string& jurisdiction) {
  const auto& catalog = node.catalog()->catalog;
  for (const auto& item : catalog.items) {
    if (item.jurisdiction != jurisdiction || on_web(item)) continue;
    bool here = false;
    bool there = false;
    for (const auto& point : catalog.service_points) {
      if (!catalog.point_accepts_item(point, item)) continue;
      here = here || point.jurisdiction == node.config().jurisdiction;
      there = there || point.jurisdiction == item.jurisdiction;
    }
    if (here && there) return item;
  }
  throw std::runtime_error("no such item in the seed catalog");
}

const domain::Item& item_where(node::Node& node, const std::function<bool(const domain::Item&)>& fits) {
  for (const auto& item : node.catalog()->catalog.items)
    if (item.jurisdiction == node.config().jurisdiction && fits(item)) return item;
  throw std::runtime_error("no such item in the seed catalog");
}

// The service points of the page's cards, in page order (the names are the English ones on an /en page).
std::vector<const domain::ServicePoint*> cards(node::Node& node, const std::string& body) {
  std::vector<const domain::ServicePoint*> points;
  std::regex card(R"re(<li class="guide-point">\s*<h3>([^<]*?)(?: <strong|</h3>))re");
  for (std::sregex_iterator it(body.begin(), body.end(), card), end; it != end; ++it) {
    const domain::ServicePoint* found = nullptr;
    for (const auto& point : node.catalog()->catalog.service_points)
      if (point.name.in(Language::en) == (*it)[1].str()) found = &point;
    EXPECT_NE(found, nullptr) << (*it)[1];
    if (found) points.push_back(found);
  }
  return points;
}

TEST(ItemGuide, NotOnTheWebOffersServicePointsWithThisJurisdictionsFirst) {
  PageBrowser browser;
  const auto& item = offline_item(browser.node(), "MO");
  auto page = browser.get("/en/items/" + item.code);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "Apply online"));
  EXPECT_FALSE(contains(page.body, "/items/" + item.code + "/apply"));
  EXPECT_TRUE(contains(page.body, "href=\"#where-to-go\">Go to a service point</a>"));
  EXPECT_TRUE(contains(page.body, "id=\"where-to-go\""));
  auto points = cards(browser.node(), page.body);
  ASSERT_GE(points.size(), 2u);
  const std::string here = browser.node().config().jurisdiction;
  auto first_elsewhere = std::find_if(points.begin(), points.end(), [&](auto* p) { return p->jurisdiction != here; });
  ASSERT_NE(first_elsewhere, points.begin()) << "no point of " << here << " first";
  ASSERT_NE(first_elsewhere, points.end()) << "no point of " << item.jurisdiction;
  for (auto it = first_elsewhere; it != points.end(); ++it) EXPECT_NE((*it)->jurisdiction, here) << (*it)->code;
  auto by_name = [](auto* a, auto* b) { return a->name.in(Language::en) < b->name.in(Language::en); };
  EXPECT_TRUE(std::is_sorted(points.begin(), first_elsewhere, by_name));
  EXPECT_TRUE(std::is_sorted(first_elsewhere, points.end(), by_name));
  // Every point takes the item in through one of its channels, and each card has a phone and a map link.
  for (auto* point : points) {
    EXPECT_TRUE(std::any_of(point->channels.begin(), point->channels.end(), [&](Channel c) {
      return std::find(item.channels.begin(), item.channels.end(), c) != item.channels.end();
    })) << point->code;
  }
  EXPECT_TRUE(contains(page.body, "href=\"tel:+"));
  EXPECT_TRUE(contains(page.body, "href=\"https://www.openstreetmap.org/search?query="));
}

TEST(ItemGuide, OnTheWebOffersApplyOnline) {
  PageBrowser browser;
  const auto& item = item_where(browser.node(), on_web);
  auto page = browser.get("/en/items/" + item.code);
  EXPECT_TRUE(contains(page.body, "href=\"/en/items/" + item.code + "/apply\">Apply online</a>"));
}

TEST(ItemGuide, ApplyUrlOfAnItemNotOnTheWebSendsToTheServicePoints) {
  PageBrowser browser;
  const auto& item = offline_item(browser.node(), "MO");
  const std::string points = "href=\"/pt/items/" + item.code + "#where-to-go\"";
  auto form = browser.get("/pt/items/" + item.code + "/apply");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "Este serviço não pode ser pedido online")) << form.body;
  EXPECT_TRUE(contains(form.body, points));
  EXPECT_FALSE(contains(form.body, "enctype=\"multipart/form-data\""));
  // A signed-in applicant who posts the form anyway (an upload-sized POST is read only for a signed-in person).
  browser.get("/en/register");
  ASSERT_EQ(browser
                .post("/en/register", {{"display_name", "Offline"},
                                       {"login", "offline@example.org"},
                                       {"password", "correct horse battery"},
                                       {"id_document.type", "CN_RIC"},
                                       {"id_document.number", valid_cn_ric(7)}})
                .status,
            303);
  browser.get("/en/sign-in");
  ASSERT_EQ(
      browser.post("/en/sign-in", {{"login", "offline@example.org"}, {"password", "correct horse battery"}}).status,
      303);
  EXPECT_TRUE(contains(browser.get("/pt/items/" + item.code + "/apply").body, points));
  auto posted = browser.post("/pt/items/" + item.code + "/apply", {{"step", "submit"}});
  EXPECT_EQ(posted.status, 409);
  EXPECT_TRUE(contains(posted.body, points));
}

TEST(ItemGuide, OpeningHoursAreGroupedByDaysInEachLanguage) {
  std::vector<domain::OpeningPeriod> periods;
  for (int day = 1; day <= 5; ++day) {
    periods.push_back({day, 9 * 60, 12 * 60});
    periods.push_back({day, 14 * 60, 17 * 60 + 30});
  }
  periods.push_back({6, 9 * 60, 12 * 60});
  periods.push_back({7, 0, 24 * 60});
  auto lines = [&](Language language, const std::vector<domain::OpeningPeriod>& hours) {
    return opening_hours_lines(hours, [&](std::string_view key) {
      EXPECT_TRUE(Translations::shipped().has(language, key)) << key;
      return Translations::shipped().text(language, key);
    });
  };
  using Lines = std::vector<std::string>;
  EXPECT_EQ(lines(Language::en, periods),
            (Lines{"Mon–Fri 09:00–12:00, 14:00–17:30", "Sat 09:00–12:00", "Sun 24 hours"}));
  EXPECT_EQ(lines(Language::zh_Hans, periods),
            (Lines{"星期一至五 09:00–12:00、14:00–17:30", "星期六 09:00–12:00", "星期日 24小时"}));
  EXPECT_EQ(lines(Language::pt, periods)[0], "2.ª a 6.ª feira 09:00–12:00, 14:00–17:30");
  std::vector<domain::OpeningPeriod> always;
  for (int day = 1; day <= 7; ++day) always.push_back({day, 0, 24 * 60});
  EXPECT_EQ(lines(Language::en, always), (Lines{"Open 24 hours, every day"}));
  EXPECT_EQ(lines(Language::zh_Hant, always), (Lines{"全天24小時開放"}));
}

TEST(ItemGuide, PageShowsGroupedHours) {
  PageBrowser browser;
  const auto& item = item_where(browser.node(), [](const auto& item) {
    return std::find(item.channels.begin(), item.channels.end(), Channel::window) != item.channels.end();
  });
  auto page = browser.get("/en/items/" + item.code);
  EXPECT_TRUE(contains(page.body, "Mon–Fri 09:00–12:00, 14:00–17:30")) << page.body;
  EXPECT_FALSE(contains(page.body, "Mon 09:00–12:00; Mon 14:00"));
}

TEST(ItemGuide, TimeLimitsArePluralCorrectAndFeesSayFreeOnce) {
  PageBrowser browser;
  const auto& one_day = item_where(browser.node(), [](const auto& item) { return item.promised_days == 1; });
  auto en = browser.get("/en/items/" + one_day.code);
  EXPECT_TRUE(contains(en.body, "It usually takes up to 1 working day.")) << en.body;
  EXPECT_FALSE(contains(en.body, "1 working days"));
  auto pt = browser.get("/pt/items/" + one_day.code);
  EXPECT_TRUE(contains(pt.body, "Normalmente demora até 1 dia útil."));
  EXPECT_TRUE(contains(pt.body, "O prazo legal é de " + std::to_string(one_day.legal_days) + " dias úteis."));
  auto zh = browser.get("/zh-Hans/items/" + one_day.code);
  EXPECT_TRUE(contains(zh.body, "一般在1个工作日内办结。"));
  EXPECT_FALSE(contains(zh.body, "(working days)"));
  EXPECT_FALSE(contains(zh.body, "): "));

  const auto& free = item_where(browser.node(), [](const auto& item) {
    return !item.fees.empty() &&
           std::all_of(item.fees.begin(), item.fees.end(), [](const auto& fee) { return fee.amount_minor == 0; });
  });
  auto page = browser.get("/en/items/" + free.code);
  EXPECT_TRUE(contains(page.body, "<p>Free</p>"));
  EXPECT_FALSE(contains(page.body, free.fees.front().name.in(Language::en) + ": "));
}

// Crawls every shipped item: every blank or sample form link on its guide answers 200 (resolved as a browser would:
// a relative href against /en/items/). The shipped catalog names paper forms by path; the guide says they are at
// the service point instead of linking to a file the node does not have.
TEST(ItemGuide, EveryFormLinkOfEveryShippedItemResolves) {
  PageBrowser browser;
  std::regex form_link(R"re(<a href="([^"]*)">(?:Blank form|Sample)</a>)re");
  int paper_forms = 0;
  int links = 0;
  for (const auto& item : browser.node().catalog()->catalog.items) {
    auto page = browser.get("/en/items/" + item.code);
    ASSERT_EQ(page.status, 200) << item.code;
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), form_link), end; it != end; ++it) {
      std::string href = (*it)[1];
      if (href.front() != '/') href = "/en/items/" + href;
      ++links;
      EXPECT_EQ(browser.get(href).status, 200) << item.code << ": " << (*it)[1];
    }
    bool paper = std::any_of(item.materials.begin(), item.materials.end(),
                             [](const auto& m) { return !m.blank_form.empty() || !m.sample_form.empty(); });
    if (paper) {
      ++paper_forms;
      EXPECT_TRUE(contains(page.body, "The form is available at the service point.")) << item.code;
    }
  }
  EXPECT_GT(paper_forms, 100);
  EXPECT_EQ(links, 0);  // no shipped form has an https address: nothing to link yet
}

// The summary is short: one or two sentences, none of the generated paragraph that repeated documents, fees and
// time limits (and said "entirely online" of items not offered online).
TEST(ItemGuide, ShippedDescriptionsAreShortSummaries) {
  PageBrowser browser;
  for (const auto& item : browser.node().catalog()->catalog.items) {
    for (auto language : domain::kAllLanguages) {
      const std::string& text = item.description.in(language);
      bool chinese = language == Language::zh_Hans || language == Language::zh_Hant;
      std::size_t sentences = 0;
      std::string end = chinese ? "。" : ". ";
      for (auto at = text.find(end); at != std::string::npos; at = text.find(end, at + end.size())) ++sentences;
      if (!chinese && text.ends_with(".")) ++sentences;
      EXPECT_LE(sentences, 2u) << item.code << " " << text;
      EXPECT_FALSE(contains(text, "entirely online")) << item.code << " " << text;
    }
  }
}

// The words the guide builds from keys (not t("…") literals, so translations_test cannot see them).
TEST(ItemGuide, EveryBuiltKeyIsTranslated) {
  std::vector<std::string> keys = {
      "guide:copies:one", "guide:copies:other", "guide:working_days:one", "guide:working_days:other", "hours:and",
      "hours:all_day",    "hours:always"};
  for (auto channel : {"web", "window", "bank", "post", "kiosk", "cabin"})
    keys.push_back(std::string("channel:") + channel);
  for (int first = 1; first <= 7; ++first)
    for (int last = first; last <= 7; ++last)
      keys.push_back("hours:days:" + std::to_string(first) + "-" + std::to_string(last));
  for (auto language : domain::kAllLanguages)
    for (const auto& key : keys)
      EXPECT_TRUE(Translations::shipped().has(language, key)) << catalog_name(language) << " lacks " << key;
}

}  // namespace
}  // namespace tongban::web::testing
