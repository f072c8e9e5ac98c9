// What travels with a case across a border, shared by every cross-border mode (remote intake, delegated, joint,
// online): the minimum-data form (only the item's crosses_border fields),
// the materials with their blobs, the consent record, the history so far, the owner's clock, and on arrival the
// replay of a travelled history into the local hash chain. Plain functions over domain values and the store; every
// malformed member of an incoming payload is MessageRejected (see crossborder/payload.h).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "crossborder/case_refs.h"
#include "crossborder/payload.h"
#include "domain/case.h"
#include "federation/blob_transfer.h"
#include "store/store.h"

namespace tongban::crossborder {

// The case.supplement payload for a supplement just made on the origin side: the event, and only the materials
// (with their blobs) that were not on the case before.
boost::json::object supplement_payload(const domain::Case& before, const domain::Case& after,
                                       const domain::Event& event, const store::Store& store,
                                       std::string_view self_node);

// Only the fields of form_json that `item` declares crosses_border.
boost::json::object crossing_form(const domain::Item& item, const std::string& form_json);

boost::json::array materials_json(const std::vector<domain::CaseMaterial>& materials);
// The distinct blob hashes of the materials.
std::vector<std::string> blob_ids(const std::vector<domain::CaseMaterial>& materials);
// The materials named in payload "materials", each of which must be one of `blobs` (else MessageRejected
// "blob_missing").
std::vector<domain::CaseMaterial> read_materials(const PayloadReader& payload,
                                                 const std::vector<federation::BlobReference>& blobs);

// Our copy of a case that a peer sends (case.forward, the online application, subcase.request), not yet stored:
// the item's authority and jurisdiction, the remote party `from` as applicant, the payload's channel (or `fallback`
// when it names none we know), the already checked form, the materials (read against the received blobs), the
// payload's delivery method, `state`, created now. Every mode builds its copy here, so they cannot drift apart.
domain::Case incoming_case(const domain::Item& item, const OriginRef& from, domain::HandlingMode mode,
                           domain::Channel fallback, const PayloadReader& payload, const boost::json::object& form,
                           const std::vector<federation::BlobReference>& blobs, domain::CaseState state,
                           std::int64_t now_ms);

// {"to_transfer": true, "recorded_at_ms", "recorded_by": "applicant"}: the consent given when the case was opened.
boost::json::object consent_json(const domain::Case& kase);

// The case's events as they travel (event_json), in order.
boost::json::array history_json(const store::Reader& reader, const std::string& case_id, std::string_view node_id);
// Appends each travelled event of `history` to case_id with note_prefix before its note, each attributed to
// `peer` (travelled_actor in crossborder/case_refs.h): a remote event, never one of our accounts.
void replay_history(store::Transaction& tx, const std::string& case_id, const boost::json::array& history,
                    std::string_view peer, const std::string& note_prefix);
// Appends one travelled event (a PayloadReader over event_json) to case_id, attributed to `peer`.
void append_travelled_event(store::Transaction& tx, const std::string& case_id, const PayloadReader& event,
                            std::string_view peer, const std::string& note_prefix);

// "[remote <node> <case id>] ": the note prefix of events mirrored from a peer.
std::string remote_tag(std::string_view node, std::string_view case_id);

boost::json::object clock_json(const domain::CaseClock& clock);

// The data categories a payload carrying this form and these materials needs: "case", "personal", "documents".
std::vector<std::string> data_categories(const boost::json::object& form,
                                         const std::vector<domain::CaseMaterial>& materials);

}  // namespace tongban::crossborder
