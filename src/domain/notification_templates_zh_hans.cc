// The Simplified Chinese notification templates (domain/notification_template.h). Bump `version` on any change.
#include <array>

#include "domain/notification_template.h"

namespace tongban::domain {
namespace {

constexpr Language L = Language::zh_Hans;

constexpr std::array kTemplates = {
    NotificationTemplate{"received", L, 1, "已收到您的申请 {case_id}",
                         "您好：\n\n我们已于{date}收到您办理“{item_name}”的申请，申请编号 {case_id}。"
                         "受理与否将另行通知。\n\n通办",
                         "【通办】已收到您的“{item_name}”申请，编号{case_id}（{date}）。"},
    NotificationTemplate{"accepted", L, 1, "您的申请 {case_id} 已受理",
                         "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）已于{date}受理，"
                         "办理时限自下一个工作日起计算。\n\n通办",
                         "【通办】申请{case_id}（{item_name}）已于{date}受理。"},
    NotificationTemplate{"not_accepted", L, 1, "您的申请 {case_id} 不予受理",
                         "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）于{date}决定不予受理。\n"
                         "理由：{note}\n\n通办",
                         "【通办】申请{case_id}不予受理：{note}"},
    NotificationTemplate{"supplement_requested", L, 1, "申请 {case_id} 需要补正材料",
                         "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）需要补正材料（{date}）。\n"
                         "说明：{note}\n补正期间办理时限暂停，请尽快在网上或到受理窗口补正。\n\n通办",
                         "【通办】申请{case_id}需补正材料：{note}"},
    NotificationTemplate{"decided_approved", L, 1, "申请 {case_id} 已获批准",
                         "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）已于{date}获批准。{note}\n\n通办",
                         "【通办】申请{case_id}（{item_name}）已获批准。"},
    NotificationTemplate{"decided_rejected", L, 1, "申请 {case_id} 未获批准",
                         "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）于{date}决定不予批准。\n"
                         "理由：{note}\n如不服，可依法申请行政复议或提起行政诉讼。\n\n通办",
                         "【通办】申请{case_id}未获批准：{note}"},
    NotificationTemplate{
        "result_issued", L, 1, "申请 {case_id} 的办理结果已出具",
        "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）的办理结果已于{date}出具。{note}\n\n通办",
        "【通办】申请{case_id}的办理结果已出具。"},
    NotificationTemplate{"shipment_failed_attempt", L, 1, "邮件 {reference} 投递未成功",
                         "您好：\n\n与申请 {case_id}（“{item_name}”）有关的邮件 {reference} 于{date}投递未成功。\n"
                         "原因：{note}\n邮政将再次投递，您也可联系受理窗口。\n\n通办",
                         "【通办】邮件{reference}投递未成功：{note}"},
    NotificationTemplate{"shipment_held_by_customs", L, 1, "邮件 {reference} 在海关待查验",
                         "您好：\n\n与申请 {case_id}（“{item_name}”）有关的邮件 {reference} 于{date}在海关待查验。"
                         "{note}\n受理窗口会跟进，如需您提供资料将另行联系。\n\n通办",
                         "【通办】邮件{reference}在海关待查验。"},
    NotificationTemplate{"shipment_delivered", L, 1, "邮件 {reference} 已妥投",
                         "您好：\n\n与申请 {case_id}（“{item_name}”）有关的邮件 {reference} 已于{date}妥投。\n\n通办",
                         "【通办】邮件{reference}已于{date}妥投。"},
    NotificationTemplate{"certificate_issued", L, 1, "申请 {case_id} 的电子证照已签发",
                         "您好：\n\n您办理“{item_name}”的申请（编号 {case_id}）的电子证照已于{date}签发，"
                         "证照标识 {reference}。您可在网上下载，并向其他地区的机关出示。\n\n通办",
                         "【通办】申请{case_id}的电子证照已签发。"},
    NotificationTemplate{"notice_published", L, 1, "新通告：{note}",
                         "您好：\n\n您订阅的通告已于{date}发布：「{note}」（{reference}）。"
                         "请在门户网站的通告页面查阅。\n\n通办",
                         "【通办】新通告「{note}」（{reference}）。"},
};

}  // namespace

std::span<const NotificationTemplate> notification_templates_zh_hans() {
  return kTemplates;
}

}  // namespace tongban::domain
