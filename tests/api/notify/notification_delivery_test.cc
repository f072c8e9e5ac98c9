// Notifications delivered for real: mails through a real local SMTP server (aiosmtpd, smtp_server.h) read back and
// checked for language and content — one applicant writing in Portuguese, one in Traditional Chinese, each case
// from submitted to decided — and SMS through the gateway simulator, with a temporary failure retried and a
// permanent one recorded. Also: the sender thread wakes on the commit of a case event.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "notify/notification_sender.h"
#include "notify/sms_gateway.h"
#include "notify/sms_simulator.h"
#include "notify/smtp_mailer.h"
#include "notify_fixture.h"
#include "smtp_server.h"

namespace tongban::notify_test {
namespace {

using store::NotificationStatus;

store::NotificationPreferencesRecord prefs(std::string language, std::string jurisdiction, std::string email,
                                           std::string phone, bool sms_on) {
  return {"", std::move(language), std::move(jurisdiction), std::move(email), std::move(phone), true, sms_on, true, 0};
}

std::unique_ptr<notify::SmtpMailer> mailer(const SmtpServer& smtp) {
  notify::SmtpSettings settings;
  settings.url = smtp.url();
  settings.from = "notices@tongban.test";
  settings.timeout = std::chrono::seconds(10);
  return std::make_unique<notify::SmtpMailer>(settings);
}

std::unique_ptr<notify::SmsGateway> gateway(const notify::SmsSimulator& simulator, const std::string& key) {
  return std::make_unique<notify::SmsGateway>(
      notify::SmsGatewaySettings{simulator.url(), key, std::chrono::seconds(5)});
}

std::vector<ReceivedMail> mails_of(const SmtpServer& smtp, const std::string& case_id) {
  std::vector<ReceivedMail> mails;
  for (auto& mail : smtp.messages())
    if (mail.case_id == case_id) mails.push_back(mail);
  return mails;
}

const ReceivedMail* with_subject_part(const std::vector<ReceivedMail>& mails, const std::string& part) {
  for (const auto& mail : mails)
    if (mail.subject.find(part) != std::string::npos) return &mail;
  return nullptr;
}

TEST(NotificationDelivery, MailsReachARealSmtpServerInEachApplicantsLanguage) {
  SmtpServer smtp;
  NodeUnderTest node;
  auto maria = applicant_with_preferences(node, "maria", prefs("pt", "MO", "maria@example.mo", "", false));
  auto chan = applicant_with_preferences(node, "chan", prefs("zh-Hant", "HK", "chan@example.hk", "", false));
  auto reviewer = node.add_reviewer("mail-reviewer", std::string(api_test::kItemAuthority));
  std::string maria_case = submit_case(node, maria);
  std::string chan_case = submit_case(node, chan);
  accept_and_approve(node, reviewer, maria_case, "Registo encontrado.");
  accept_and_approve(node, reviewer, chan_case, "已找到紀錄。");

  notify::NotificationSender sender(node.node(), {}, mailer(smtp), nullptr);
  EXPECT_EQ(sender.run_once(), 6);  // received, accepted, decided for each
  EXPECT_EQ(sender.run_once(), 0);
  EXPECT_EQ(sender.counts().delivered, 6);
  for (const auto& row : rows_of(node, maria_case, "email")) {
    EXPECT_EQ(row.status, NotificationStatus::delivered) << row.last_error;
    EXPECT_EQ(row.attempts, 1);
  }

  const auto* item = node.node().catalog()->catalog.find_item(api_test::kItemCode);
  auto pt_mails = mails_of(smtp, maria_case);
  ASSERT_EQ(pt_mails.size(), 3u);
  for (const auto& mail : pt_mails) {
    EXPECT_EQ(mail.to, "<maria@example.mo>");
    EXPECT_EQ(mail.content_language, "pt");
    EXPECT_NE(mail.body.find(item->name.pt), std::string::npos) << mail.body;
  }
  const ReceivedMail* pt_decision = with_subject_part(pt_mails, "foi deferido");
  ASSERT_NE(pt_decision, nullptr);
  EXPECT_EQ(pt_decision->subject, "O pedido " + maria_case + " foi deferido");
  EXPECT_NE(pt_decision->body.find("Registo encontrado."), std::string::npos);
  EXPECT_NE(pt_decision->body.find("2 de Março de 2026"), std::string::npos) << pt_decision->body;
  EXPECT_NE(with_subject_part(pt_mails, "Recebemos o seu pedido"), nullptr);
  EXPECT_NE(with_subject_part(pt_mails, "foi admitido"), nullptr);

  auto hant_mails = mails_of(smtp, chan_case);
  ASSERT_EQ(hant_mails.size(), 3u);
  for (const auto& mail : hant_mails) {
    EXPECT_EQ(mail.content_language, "zh-Hant");
    EXPECT_NE(mail.body.find(item->name.zh_hant), std::string::npos) << mail.body;
    EXPECT_EQ(mail.body.find(item->name.pt), std::string::npos);
  }
  const ReceivedMail* hant_decision = with_subject_part(hant_mails, "已獲批准");
  ASSERT_NE(hant_decision, nullptr);
  EXPECT_NE(hant_decision->body.find("已找到紀錄。"), std::string::npos);
  EXPECT_NE(hant_decision->body.find("2026年3月2日"), std::string::npos);
  EXPECT_NE(with_subject_part(hant_mails, "已受理"), nullptr);
}

TEST(NotificationDelivery, TheSenderThreadWakesWhenACaseEventCommits) {
  SmtpServer smtp;
  NodeUnderTest node;
  notify::SenderSettings settings;
  settings.poll = std::chrono::milliseconds(60'000);  // only the wake can make it send in time
  notify::NotificationSender sender(node.node(), settings, mailer(smtp), nullptr);
  sender.start();
  auto applicant = applicant_with_preferences(node, "wake", prefs("en", "MO", "wake@example.mo", "", false));
  std::string id = submit_case(node, applicant);
  std::vector<ReceivedMail> mails;
  for (int i = 0; i < 200 && mails.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    mails = mails_of(smtp, id);
  }
  sender.stop();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, "We have received your application " + id);
  EXPECT_EQ(mails[0].content_language, "en");
}

TEST(NotificationDelivery, SmsTemporaryFailureIsRetriedAndPermanentFailureIsRecorded) {
  const std::string key = "sim-key-0123456789";
  notify::SmsSimulator simulator(key);
  NodeUnderTest node;
  auto ana = applicant_with_preferences(node, "ana", prefs("pt", "MO", "", "+85361234567", true));
  auto bad = applicant_with_preferences(node, "bad", prefs("zh-Hant", "MO", "", "+85369999999", true));
  simulator.fail_next("+85361234567", 503);
  simulator.fail_next("+85369999999", 400);
  std::string ana_case = submit_case(node, ana);
  std::string bad_case = submit_case(node, bad);

  notify::NotificationSender sender(node.node(), {}, nullptr, gateway(simulator, key));
  EXPECT_EQ(sender.run_once(), 2);
  auto ana_sms = rows_of(node, ana_case, "sms");
  ASSERT_EQ(ana_sms.size(), 1u);
  EXPECT_EQ(ana_sms[0].status, NotificationStatus::temporary_failure);
  EXPECT_FALSE(ana_sms[0].settled);
  EXPECT_EQ(ana_sms[0].attempts, 1);
  EXPECT_EQ(ana_sms[0].next_attempt_at_ms, node.now_ms() + 30'000);  // the first back-off
  EXPECT_NE(ana_sms[0].last_error.find("503"), std::string::npos);
  auto bad_sms = rows_of(node, bad_case, "sms");
  ASSERT_EQ(bad_sms.size(), 1u);
  EXPECT_EQ(bad_sms[0].status, NotificationStatus::permanent_failure);
  EXPECT_TRUE(bad_sms[0].settled);
  EXPECT_NE(bad_sms[0].last_error.find("400"), std::string::npos);

  EXPECT_EQ(sender.run_once(), 0);  // not due before its back-off
  node.set_today({std::chrono::year{2026}, std::chrono::March, std::chrono::day{3}});
  EXPECT_EQ(sender.run_once(), 1);  // only the temporary failure comes back
  ana_sms = rows_of(node, ana_case, "sms");
  EXPECT_EQ(ana_sms[0].status, NotificationStatus::delivered);
  EXPECT_EQ(ana_sms[0].attempts, 2);
  EXPECT_EQ(ana_sms[0].provider_reference, "SIM-1");
  auto received = simulator.messages();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].to, "+85361234567");
  EXPECT_EQ(received[0].reference, ana_sms[0].id);
  EXPECT_NE(received[0].text.find(ana_case), std::string::npos);
  EXPECT_NE(received[0].text.find("recebido"), std::string::npos) << received[0].text;
  EXPECT_EQ(simulator.refusals(), (std::vector<std::string>{"503 +85361234567", "400 +85369999999"}));
  EXPECT_EQ(sender.run_once(), 0);
}

TEST(NotificationDelivery, AWrongGatewayKeyIsATechnicalFailureRetriedThenSettled) {
  notify::SmsSimulator simulator("the-right-key-000");
  NodeUnderTest node;
  auto ana = applicant_with_preferences(node, "key", prefs("en", "MO", "", "+85361230000", true));
  std::string id = submit_case(node, ana);
  notify::SenderSettings settings;
  settings.max_attempts = 2;
  notify::NotificationSender sender(node.node(), settings, nullptr, gateway(simulator, "a-wrong-key-0000"));
  EXPECT_EQ(sender.run_once(), 1);
  EXPECT_EQ(rows_of(node, id, "sms")[0].status, NotificationStatus::technical_failure);
  EXPECT_FALSE(rows_of(node, id, "sms")[0].settled);
  node.set_today({std::chrono::year{2026}, std::chrono::March, std::chrono::day{3}});
  EXPECT_EQ(sender.run_once(), 1);
  auto row = rows_of(node, id, "sms")[0];
  EXPECT_EQ(row.status, NotificationStatus::technical_failure);
  EXPECT_TRUE(row.settled);  // out of attempts
  EXPECT_EQ(row.attempts, 2);
  EXPECT_TRUE(simulator.messages().empty());
  EXPECT_EQ(row.last_error.find("the-right-key"), std::string::npos);
}

TEST(NotificationDelivery, AnEmailWithoutAnAdapterIsATechnicalFailureAndAnUnsafeAddressPermanent) {
  NodeUnderTest node;
  auto odd = applicant_with_preferences(node, "odd", prefs("en", "MO", "x@y.test\r\nBcc: z@evil.test", "", false));
  std::string id = submit_case(node, odd);
  SmtpServer smtp;
  notify::NotificationSender sender(node.node(), {}, mailer(smtp), nullptr);
  EXPECT_EQ(sender.run_once(), 1);
  auto row = rows_of(node, id, "email")[0];
  EXPECT_EQ(row.status, NotificationStatus::permanent_failure);
  EXPECT_TRUE(smtp.messages().empty());

  auto fine = applicant_with_preferences(node, "fine", prefs("en", "MO", "fine@example.mo", "", false));
  std::string other = submit_case(node, fine);
  notify::NotificationSender no_mail(node.node(), {}, nullptr, nullptr);
  EXPECT_EQ(no_mail.run_once(), 1);
  EXPECT_EQ(rows_of(node, other, "email")[0].status, NotificationStatus::technical_failure);
  EXPECT_NE(rows_of(node, other, "email")[0].last_error.find("no adapter"), std::string::npos);
}

TEST(NotificationDelivery, SmtpAnswersAreClassifiedAsNotifyStatuses) {
  EXPECT_EQ(notify::classify_smtp(0, 250), NotificationStatus::delivered);
  EXPECT_EQ(notify::classify_smtp(55, 550), NotificationStatus::permanent_failure);  // no such mailbox
  EXPECT_EQ(notify::classify_smtp(56, 451), NotificationStatus::temporary_failure);  // try again later
  EXPECT_EQ(notify::classify_smtp(7, 0), NotificationStatus::technical_failure);     // could not connect
  EXPECT_EQ(notify::classify_smtp(67, 535), NotificationStatus::technical_failure);  // our login refused
  EXPECT_EQ(notify::classify_sms_gateway(0, 202), NotificationStatus::delivered);
  EXPECT_EQ(notify::classify_sms_gateway(0, 429), NotificationStatus::temporary_failure);
  EXPECT_EQ(notify::classify_sms_gateway(0, 422), NotificationStatus::permanent_failure);
  EXPECT_EQ(notify::classify_sms_gateway(0, 401), NotificationStatus::technical_failure);
  EXPECT_FALSE(notify::plain_email_address("a@b.test\r\nBcc: c@d.test"));
  EXPECT_FALSE(notify::plain_email_address("<a@b.test>"));
  EXPECT_TRUE(notify::plain_email_address("maria.lopes@example.mo"));
  EXPECT_TRUE(notify::e164_phone_number("+85361234567"));
  EXPECT_FALSE(notify::e164_phone_number("61234567"));
}

}  // namespace
}  // namespace tongban::notify_test
