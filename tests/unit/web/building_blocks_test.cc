// Locale formats, tracking codes, CSRF tokens and QR codes.
#include <gtest/gtest.h>

#include <filesystem>

#include "web/csrf.h"
#include "web/locale_format.h"
#include "web/qr_svg.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

using domain::Language;
using namespace std::chrono;

TEST(LocaleFormat, DatesPerLanguage) {
  domain::CalendarDate date{year{2026}, month{3}, day{5}};
  EXPECT_EQ(format_date(Language::zh_Hans, date), "2026年3月5日");
  EXPECT_EQ(format_date(Language::pt, date), "5 de março de 2026");
  EXPECT_EQ(format_date(Language::en, date), "5 March 2026");
}

TEST(LocaleFormat, MoneyPerLanguage) {
  EXPECT_EQ(format_money(Language::en, 123450, "MOP"), "MOP 1,234.50");
  EXPECT_EQ(format_money(Language::pt, 123450, "MOP"), "MOP 1.234,50");
  EXPECT_EQ(format_money(Language::zh_Hans, 5, "CNY"), "CNY 0.05");
  EXPECT_EQ(format_money(Language::en, 100000000, "HKD"), "HKD 1,000,000.00");
}

TEST(TrackingCode, StableKeyedAndChecked) {
  NodeSecret secret(std::array<unsigned char, 32>{1, 2, 3});
  NodeSecret other(std::array<unsigned char, 32>{9});
  auto code = tracking_code(secret, "JM-2026-000001");
  EXPECT_EQ(code.size(), 8u);
  EXPECT_EQ(code, tracking_code(secret, "JM-2026-000001"));
  EXPECT_NE(code, tracking_code(secret, "JM-2026-000002"));
  EXPECT_NE(code, tracking_code(other, "JM-2026-000001"));
  std::string lower = code;
  for (auto& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_TRUE(tracking_code_matches(secret, "JM-2026-000001", lower.substr(0, 4) + "-" + lower.substr(4)));
  EXPECT_FALSE(tracking_code_matches(secret, "JM-2026-000002", code));
  EXPECT_FALSE(tracking_code_matches(secret, "JM-2026-000001", ""));
}

TEST(Csrf, OnlyTheKeyedTokenOfTheCookiePasses) {
  NodeSecret secret(std::array<unsigned char, 32>{7});
  std::string id(64, 'a');
  auto token = csrf_token(secret, id);
  EXPECT_TRUE(csrf_valid(secret, id, token));
  EXPECT_FALSE(csrf_valid(secret, std::string(64, 'b'), token));
  EXPECT_FALSE(csrf_valid(secret, id, ""));
  EXPECT_FALSE(csrf_valid(secret, "", csrf_token(secret, "")));
}

TEST(NodeSecret, CreatedOnceAndKept) {
  auto dir = std::filesystem::temp_directory_path() / ("tongban-web-secret-" + random_hex(6));
  std::filesystem::create_directories(dir);
  auto first = NodeSecret::load_or_create(dir).keyed("x", "y");
  EXPECT_EQ(NodeSecret::load_or_create(dir).keyed("x", "y"), first);
  EXPECT_EQ(std::filesystem::status(dir / "web-secret.key").permissions() & std::filesystem::perms::group_read,
            std::filesystem::perms::none);
  std::filesystem::remove_all(dir);
}

TEST(QrSvg, EncodesAndEscapesTheTitle) {
  auto svg = qr_svg("http://127.0.0.1/track?case=JM-2026-000001&code=ABCD2345", "<track>");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("<title>&lt;track&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
  EXPECT_THROW(qr_svg("", "x"), std::runtime_error);
}

}  // namespace
}  // namespace tongban::web
