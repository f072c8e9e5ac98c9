// The Portuguese notification templates (domain/notification_template.h), in Macao spelling (electrónico, objecto,
// Direcção). Bump `version` on any change.
#include <array>

#include "domain/notification_template.h"

namespace tongban::domain {
namespace {

constexpr Language L = Language::pt;

constexpr std::array kTemplates = {
    NotificationTemplate{"received", L, 1, "Recebemos o seu pedido {case_id}",
                         "Exmo.(a) Senhor(a),\n\nO seu pedido relativo a «{item_name}», n.º {case_id}, foi recebido em "
                         "{date}. Será informado(a) da sua admissão.\n\nTongban",
                         "Tongban: pedido {case_id} («{item_name}») recebido em {date}."},
    NotificationTemplate{"accepted", L, 1, "O seu pedido {case_id} foi admitido",
                         "Exmo.(a) Senhor(a),\n\nO seu pedido relativo a «{item_name}», n.º {case_id}, foi admitido em "
                         "{date}. O prazo conta-se a partir do dia útil seguinte.\n\nTongban",
                         "Tongban: pedido {case_id} admitido em {date}."},
    NotificationTemplate{
        "not_accepted", L, 1, "O seu pedido {case_id} não foi admitido",
        "Exmo.(a) Senhor(a),\n\nO seu pedido relativo a «{item_name}», n.º {case_id}, não foi admitido "
        "em {date}.\nMotivo: {note}\n\nTongban",
        "Tongban: pedido {case_id} não admitido: {note}"},
    NotificationTemplate{"supplement_requested", L, 1, "Pedido {case_id}: documentos em falta",
                         "Exmo.(a) Senhor(a),\n\nO seu pedido relativo a «{item_name}», n.º {case_id}, precisa de "
                         "documentos complementares ({date}).\nIndicação: {note}\nO prazo fica suspenso até à "
                         "entrega; pode entregá-los na Internet ou no balcão de atendimento.\n\nTongban",
                         "Tongban: pedido {case_id} precisa de documentos: {note}"},
    NotificationTemplate{"decided_approved", L, 1, "O pedido {case_id} foi deferido",
                         "Exmo.(a) Senhor(a),\n\nO seu pedido relativo a «{item_name}», n.º {case_id}, foi deferido em "
                         "{date}. {note}\n\nTongban",
                         "Tongban: pedido {case_id} («{item_name}») deferido."},
    NotificationTemplate{"decided_rejected", L, 1, "O pedido {case_id} foi indeferido",
                         "Exmo.(a) Senhor(a),\n\nO seu pedido relativo a «{item_name}», n.º {case_id}, foi indeferido "
                         "em {date}.\nFundamento: {note}\nDesta decisão cabe reclamação, recurso hierárquico ou "
                         "recurso contencioso nos termos da lei.\n\nTongban",
                         "Tongban: pedido {case_id} indeferido: {note}"},
    NotificationTemplate{
        "result_issued", L, 1, "Resultado do pedido {case_id} emitido",
        "Exmo.(a) Senhor(a),\n\nO resultado do seu pedido relativo a «{item_name}», n.º {case_id}, foi "
        "emitido em {date}. {note}\n\nTongban",
        "Tongban: resultado do pedido {case_id} emitido."},
    NotificationTemplate{"shipment_failed_attempt", L, 1, "Tentativa de entrega falhada: objecto {reference}",
                         "Exmo.(a) Senhor(a),\n\nA entrega do objecto postal {reference}, do pedido {case_id} "
                         "(«{item_name}»), falhou em {date}.\nMotivo: {note}\nOs correios tentarão nova entrega; pode "
                         "também contactar o balcão de atendimento.\n\nTongban",
                         "Tongban: entrega do objecto {reference} falhada: {note}"},
    NotificationTemplate{"shipment_held_by_customs", L, 1, "Objecto {reference} retido na alfândega",
                         "Exmo.(a) Senhor(a),\n\nO objecto postal {reference}, do pedido {case_id} («{item_name}»), "
                         "está retido na alfândega desde {date}. {note}\nO balcão de atendimento acompanha o caso e "
                         "contacta-o(a) se forem precisos dados seus.\n\nTongban",
                         "Tongban: objecto {reference} retido na alfândega."},
    NotificationTemplate{
        "shipment_delivered", L, 1, "Objecto {reference} entregue",
        "Exmo.(a) Senhor(a),\n\nO objecto postal {reference}, do pedido {case_id} («{item_name}»), foi "
        "entregue em {date}.\n\nTongban",
        "Tongban: objecto {reference} entregue em {date}."},
    NotificationTemplate{"certificate_issued", L, 1, "Certificado electrónico do pedido {case_id} emitido",
                         "Exmo.(a) Senhor(a),\n\nO certificado electrónico do seu pedido relativo a «{item_name}», "
                         "n.º {case_id}, foi emitido em {date}, com o identificador {reference}. Pode descarregá-lo na "
                         "Internet e apresentá-lo às autoridades de outras jurisdições.\n\nTongban",
                         "Tongban: certificado electrónico do pedido {case_id} emitido."},
    NotificationTemplate{"notice_published", L, 1, "Novo aviso: {note}",
                         "Exmo.(a) Senhor(a),\n\nFoi publicado em {date} um aviso que subscreveu: «{note}» "
                         "({reference}). Pode lê-lo na página de avisos do portal.\n\nTongban",
                         "Tongban: novo aviso «{note}» ({reference})."},
};

}  // namespace

std::span<const NotificationTemplate> notification_templates_pt() {
  return kTemplates;
}

}  // namespace tongban::domain
