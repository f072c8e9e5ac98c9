// The English notification templates (domain/notification_template.h). Bump `version` on any change.
#include <array>

#include "domain/notification_template.h"

namespace tongban::domain {
namespace {

constexpr Language L = Language::en;

constexpr std::array kTemplates = {
    NotificationTemplate{"received", L, 1, "We have received your application {case_id}",
                         "Hello,\n\nWe received your application for \"{item_name}\" on {date}. Its number is "
                         "{case_id}. We will tell you whether it is accepted.\n\nTongban",
                         "Tongban: application {case_id} ({item_name}) received on {date}."},
    NotificationTemplate{"accepted", L, 1, "Your application {case_id} has been accepted",
                         "Hello,\n\nYour application for \"{item_name}\" ({case_id}) was accepted on {date}. The time "
                         "limit counts from the next working day.\n\nTongban",
                         "Tongban: application {case_id} accepted on {date}."},
    NotificationTemplate{"not_accepted", L, 1, "Your application {case_id} was not accepted",
                         "Hello,\n\nYour application for \"{item_name}\" ({case_id}) was not accepted on {date}.\n"
                         "Reason: {note}\n\nTongban",
                         "Tongban: application {case_id} not accepted: {note}"},
    NotificationTemplate{"supplement_requested", L, 1, "Application {case_id}: more documents needed",
                         "Hello,\n\nYour application for \"{item_name}\" ({case_id}) needs more documents ({date}).\n"
                         "What is needed: {note}\nThe time limit stops until you send them, online or at the service "
                         "counter.\n\nTongban",
                         "Tongban: application {case_id} needs documents: {note}"},
    NotificationTemplate{"decided_approved", L, 1, "Application {case_id} approved",
                         "Hello,\n\nYour application for \"{item_name}\" ({case_id}) was approved on {date}. {note}\n\n"
                         "Tongban",
                         "Tongban: application {case_id} ({item_name}) approved."},
    NotificationTemplate{"decided_rejected", L, 1, "Application {case_id} refused",
                         "Hello,\n\nYour application for \"{item_name}\" ({case_id}) was refused on {date}.\n"
                         "Reason: {note}\nYou may challenge this decision as the law provides.\n\nTongban",
                         "Tongban: application {case_id} refused: {note}"},
    NotificationTemplate{"result_issued", L, 1, "The result of application {case_id} has been issued",
                         "Hello,\n\nThe result of your application for \"{item_name}\" ({case_id}) was issued on "
                         "{date}. {note}\n\nTongban",
                         "Tongban: result of application {case_id} issued."},
    NotificationTemplate{"shipment_failed_attempt", L, 1, "Delivery attempt failed: item {reference}",
                         "Hello,\n\nDelivery of postal item {reference} for application {case_id} (\"{item_name}\") "
                         "failed on {date}.\nReason: {note}\nThe post will try again; you may also contact the service "
                         "counter.\n\nTongban",
                         "Tongban: delivery of item {reference} failed: {note}"},
    NotificationTemplate{
        "shipment_held_by_customs", L, 1, "Item {reference} held by customs",
        "Hello,\n\nPostal item {reference} for application {case_id} (\"{item_name}\") has been held by "
        "customs since {date}. {note}\nThe service counter follows it up and will contact you if "
        "anything is needed from you.\n\nTongban",
        "Tongban: item {reference} held by customs."},
    NotificationTemplate{"shipment_delivered", L, 1, "Item {reference} delivered",
                         "Hello,\n\nPostal item {reference} for application {case_id} (\"{item_name}\") was delivered "
                         "on {date}.\n\nTongban",
                         "Tongban: item {reference} delivered on {date}."},
    NotificationTemplate{"certificate_issued", L, 1, "The e-certificate of application {case_id} has been issued",
                         "Hello,\n\nThe e-certificate for your application for \"{item_name}\" ({case_id}) was issued "
                         "on {date}, identifier {reference}. You can download it online and show it to authorities "
                         "of other jurisdictions.\n\nTongban",
                         "Tongban: e-certificate of application {case_id} issued."},
    NotificationTemplate{"notice_published", L, 1, "New notice: {note}",
                         "Hello,\n\nA notice you subscribed to was published on {date}: \"{note}\" ({reference}). "
                         "You can read it on the notices page of the portal.\n\nTongban",
                         "Tongban: new notice \"{note}\" ({reference})."},
};

}  // namespace

std::span<const NotificationTemplate> notification_templates_en() {
  return kTemplates;
}

}  // namespace tongban::domain
