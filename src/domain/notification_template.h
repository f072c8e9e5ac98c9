// Notification templates (issue 11 §4): the words of each notification kind (domain/notification_kind.h) in each of
// the four languages, versioned, with personalisation placeholders, as GOV.UK Notify templates are.
//
// A template has a subject (the e-mail subject and the in-app title), a body (the e-mail text and the in-app text)
// and a short SMS text. Placeholders are written `{name}`; the names a template may use are fixed:
//   case_id     the case id ("JM-2026-000123")
//   item_name   the item's name in the recipient's language (from the catalog)
//   date        the event's date in the recipient's jurisdiction, written in the recipient's language
//   note        the reason or remark the authority gave ("" when none)
//   reference   a shipment's item id or a certificate's identifier ("" when none)
// Rendering fails (NotificationTemplateError) on an unknown placeholder or one whose value was not given, so a
// template can never reach a person with a raw `{…}` in it. A `{{` writes a literal `{`.
//
// Versions: every change to a template's words bumps its version; a notification records the kind, language and
// version it was rendered from, so what a person was sent can always be told. The texts are compiled in
// (notification_templates_*.cc, one file per language) so that a node needs no template files to run and a missing
// one is a test failure, not a silent drop at run time. zh-Hant follows Macao and Hong Kong usage, pt Macao
// spelling. Pure data and string work, no I/O.
#pragma once

#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/calendar_date.h"
#include "domain/language.h"

namespace tongban::domain {

struct NotificationTemplate {
  std::string_view kind;
  Language language = Language::en;
  int version = 1;
  std::string_view subject;
  std::string_view body;
  std::string_view sms;
};

class NotificationTemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every template of every language.
std::span<const NotificationTemplate> notification_templates();
// The template of `kind` in `language`, or nullptr.
const NotificationTemplate* find_notification_template(std::string_view kind, Language language);

// The placeholder names a template may use, in the order listed above.
std::span<const std::string_view> notification_placeholders();

using Personalisation = std::map<std::string, std::string, std::less<>>;

struct RenderedNotification {
  std::string kind;
  Language language = Language::en;
  int version = 1;
  std::string subject;
  std::string body;
  std::string sms;
};

// Fills one text. NotificationTemplateError names the placeholder that is unknown, not given or not closed.
std::string fill_placeholders(std::string_view text, const Personalisation& values);
// Fills subject, body and SMS text of the template.
RenderedNotification render_notification(const NotificationTemplate& source, const Personalisation& values);

// "2026年12月2日" (both Chinese), "2 de Dezembro de 2026" (pt, months capitalised as in Macao), "2 December 2026".
std::string format_notification_date(CalendarDate date, Language language);

// The templates of one language (defined in notification_templates_<language>.cc).
std::span<const NotificationTemplate> notification_templates_zh_hans();
std::span<const NotificationTemplate> notification_templates_zh_hant();
std::span<const NotificationTemplate> notification_templates_pt();
std::span<const NotificationTemplate> notification_templates_en();

}  // namespace tongban::domain
