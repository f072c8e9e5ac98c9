// The strict multipart parser, urlencoded forms, cookies and language choice.
#include <gtest/gtest.h>

#include "web/cookies.h"
#include "web/form_body.h"
#include "web/language_choice.h"
#include "web/multipart.h"

namespace tongban::web {
namespace {

TEST(Multipart, ReadsFieldsAndFiles) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"material.id\"; filename=\"a b.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n%PDF\r\n--not the end\r\n--XyZ--\r\n";
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "csrf");
  EXPECT_EQ(parts[0].body, "abc");
  EXPECT_EQ(parts[1].filename, "a b.pdf");
  EXPECT_EQ(parts[1].content_type, "application/pdf");
  EXPECT_EQ(parts[1].body, "%PDF\r\n--not the end");
}

TEST(Multipart, RefusesMalformedBodies) {
  EXPECT_THROW(parse_multipart("preamble\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--", "B"),
               MultipartError);
  EXPECT_THROW(parse_multipart("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "B"), MultipartError);
  EXPECT_THROW(parse_multipart("--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--", "B"), MultipartError);
  EXPECT_THROW(parse_multipart("--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--", "B"),
               MultipartError);
  EXPECT_THROW(parse_multipart("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--junk", "B"),
               MultipartError);
  std::string many;
  for (int i = 0; i <= 64; ++i) many += "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  EXPECT_THROW(parse_multipart(many + "--B--", "B"), MultipartError);
}

TEST(Multipart, Boundary) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----abc"), "----abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("text/plain; boundary=x"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}

TEST(FormBody, DecodesUrlencoded) {
  auto fields = parse_urlencoded("a=1+2&b=%E8%BA%AB%3C&c&a=3");
  EXPECT_EQ(fields.count("a"), 2u);
  EXPECT_EQ(fields.find("a")->second, "1 2");
  EXPECT_EQ(fields.find("b")->second, "身<");
  EXPECT_EQ(fields.find("c")->second, "");
  EXPECT_THROW(parse_urlencoded("a=%zz"), FormBodyError);
  EXPECT_THROW(parse_urlencoded("a=%4"), FormBodyError);
}

TEST(FormBody, RefusesOtherMediaTypes) {
  http::Request request;
  request.headers["Content-Type"] = "application/json";
  request.body = "{}";
  EXPECT_THROW(read_form(request), FormBodyError);
}

// Found by fuzz/form_body_fuzzer: a malformed multipart body escaped read_form as MultipartError, not the
// FormBodyError its header promises.
TEST(FormBody, RefusesMalformedMultipartAsFormBodyError) {
  http::Request request;
  request.headers["Content-Type"] = "multipart/form-data; boundary=B";
  request.body = "--B\r\nCa; boundary=B\r\n\r\nx\r\n--B--";
  EXPECT_THROW(read_form(request), FormBodyError);
  request.body = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx";
  EXPECT_THROW(read_form(request), FormBodyError);
}

TEST(Cookies, ParseAndSet) {
  auto cookies = parse_cookies("a=1; tb_session=xyz ; =bad; b");
  EXPECT_EQ(cookies.at("a"), "1");
  EXPECT_EQ(cookies.at("tb_session"), "xyz");
  EXPECT_EQ(cookies.size(), 2u);
  auto plain = set_cookie("tb_session", "t", false);
  EXPECT_NE(plain.find("HttpOnly"), std::string::npos);
  EXPECT_NE(plain.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(plain.find("Secure"), std::string::npos);
  EXPECT_NE(set_cookie("tb_session", "t", true).find("; Secure"), std::string::npos);
}

TEST(LanguageChoice, UrlThenCookieThenAcceptLanguage) {
  http::Request request;
  request.path = "/zh-Hant/items/X";
  request.headers["Cookie"] = "tb_lang=pt";
  request.headers["Accept-Language"] = "en";
  EXPECT_EQ(choose_language(request).language, domain::Language::zh_Hant);
  request.path = "/items/X";
  request.query.emplace("lang", "en");
  EXPECT_EQ(choose_language(request).language, domain::Language::en);
  request.query.clear();
  EXPECT_EQ(choose_language(request).language, domain::Language::pt);
  request.headers.erase("Cookie");
  request.headers["Accept-Language"] = "fr;q=1, pt-BR;q=0.5, zh-TW;q=0.8";
  EXPECT_EQ(choose_language(request).language, domain::Language::zh_Hant);
  request.headers["Accept-Language"] = "fr, de";
  EXPECT_EQ(choose_language(request).language, domain::Language::zh_Hans);
}

}  // namespace
}  // namespace tongban::web
