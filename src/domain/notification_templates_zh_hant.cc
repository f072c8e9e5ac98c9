// The Traditional Chinese notification templates (domain/notification_template.h), in Macao and Hong Kong usage
// (網上, 資料, 補交). Bump `version` on any change.
#include <array>

#include "domain/notification_template.h"

namespace tongban::domain {
namespace {

constexpr Language L = Language::zh_Hant;

constexpr std::array kTemplates = {
    NotificationTemplate{"received", L, 1, "已收到閣下的申請 {case_id}",
                         "您好：\n\n我們已於{date}收到閣下辦理「{item_name}」的申請，申請編號 {case_id}。"
                         "是否受理將另行通知。\n\n通辦",
                         "【通辦】已收到閣下「{item_name}」的申請，編號{case_id}（{date}）。"},
    NotificationTemplate{"accepted", L, 1, "閣下的申請 {case_id} 已受理",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）已於{date}受理，"
                         "辦理期限由下一個工作日起計算。\n\n通辦",
                         "【通辦】申請{case_id}（{item_name}）已於{date}受理。"},
    NotificationTemplate{"not_accepted", L, 1, "閣下的申請 {case_id} 不予受理",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）於{date}決定不予受理。\n"
                         "理由：{note}\n\n通辦",
                         "【通辦】申請{case_id}不予受理：{note}"},
    NotificationTemplate{"supplement_requested", L, 1, "申請 {case_id} 須補交資料",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）須補交資料（{date}）。\n"
                         "說明：{note}\n補交期間辦理期限暫停，請盡快在網上或到受理櫃檯補交。\n\n通辦",
                         "【通辦】申請{case_id}須補交資料：{note}"},
    NotificationTemplate{"decided_approved", L, 1, "申請 {case_id} 已獲批准",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）已於{date}獲批准。{note}\n\n通辦",
                         "【通辦】申請{case_id}（{item_name}）已獲批准。"},
    NotificationTemplate{"decided_rejected", L, 1, "申請 {case_id} 不獲批准",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）於{date}決定不予批准。\n"
                         "理由：{note}\n如不服，可依法提出聲明異議、訴願或司法上訴。\n\n通辦",
                         "【通辦】申請{case_id}不獲批准：{note}"},
    NotificationTemplate{"result_issued", L, 1, "申請 {case_id} 的辦理結果已發出",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）的辦理結果已於{date}發出。{note}"
                         "\n\n通辦",
                         "【通辦】申請{case_id}的辦理結果已發出。"},
    NotificationTemplate{"shipment_failed_attempt", L, 1, "郵件 {reference} 派遞不成功",
                         "您好：\n\n與申請 {case_id}（「{item_name}」）有關的郵件 {reference} 於{date}派遞不成功。\n"
                         "原因：{note}\n郵政將再次派遞，閣下亦可聯絡受理櫃檯。\n\n通辦",
                         "【通辦】郵件{reference}派遞不成功：{note}"},
    NotificationTemplate{"shipment_held_by_customs", L, 1, "郵件 {reference} 正由海關查驗",
                         "您好：\n\n與申請 {case_id}（「{item_name}」）有關的郵件 {reference} 於{date}正由海關查驗。"
                         "{note}\n受理櫃檯會跟進，如須閣下提供資料將另行聯絡。\n\n通辦",
                         "【通辦】郵件{reference}正由海關查驗。"},
    NotificationTemplate{"shipment_delivered", L, 1, "郵件 {reference} 已成功派遞",
                         "您好：\n\n與申請 {case_id}（「{item_name}」）有關的郵件 {reference} 已於{date}成功派遞。"
                         "\n\n通辦",
                         "【通辦】郵件{reference}已於{date}成功派遞。"},
    NotificationTemplate{"certificate_issued", L, 1, "申請 {case_id} 的電子證照已發出",
                         "您好：\n\n閣下辦理「{item_name}」的申請（編號 {case_id}）的電子證照已於{date}發出，"
                         "證照識別碼 {reference}。閣下可在網上下載，並向其他地區的機關出示。\n\n通辦",
                         "【通辦】申請{case_id}的電子證照已發出。"},
    NotificationTemplate{"notice_published", L, 1, "新通告：{note}",
                         "您好：\n\n閣下訂閱的通告已於{date}發布：「{note}」（{reference}）。"
                         "請在入口網站的通告頁面查閱。\n\n通辦",
                         "【通辦】新通告「{note}」（{reference}）。"},
};

}  // namespace

std::span<const NotificationTemplate> notification_templates_zh_hant() {
  return kTemplates;
}

}  // namespace tongban::domain
