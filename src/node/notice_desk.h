// NoticeDesk (issue 12 §3, domain/notice.h, docs/notices.md): the notices of the Bay Area information platform on
// one node — written by its staff, reviewed by a second member of staff, published on its pages and handed to the
// region's exchange for the peers that subscribe — and the copies the peers published, and the applicants'
// subscriptions.
//
//   - Writing (create, edit, submit): a reviewer or an admin of this node. Item and zone codes must be in the
//     node's catalog (a notice names what the node offers). The notice's id and origin are this node's
//     (Node::network_node_id); its jurisdiction is the node's unless the draft names another of the catalog's (a
//     Macao node writes about Macao; a zone's host node may write about the items it hosts).
//   - Review (approve, reject): a reviewer or an admin other than the author (domain::may_approve). Approving
//     publishes: the subscribers whose subscription matches are told through the notification channels
//     (node/notifier.h, kind notice_published) and the region port queues the notice for the peers, in the same
//     store job. Withdrawing a published notice is handed to the peers the same way.
//   - Reading: anyone reads the published notices (own and peers'); staff of this node read every notice of the
//     node in any state (the desk).
//   - Peers' copies (keep_copy, called by the region's exchange inside the inbox's transaction): a copy must come
//     from its origin node, concern that node's own jurisdiction (a peer does not speak for another's services; a
//     federation node's id is its jurisdiction), be published or withdrawn, pass the checks a local notice passes to be
//     published (notice_submit_problems, an approver other than the author) and supersede the held copy; one that newly
//     publishes tells the subscribers here. Never trusted more than a local member of staff: a copy whose origin
//     is this node is refused.
//   - Subscriptions: an applicant subscribes to a topic, an item or a zone of the catalog, and unsubscribes.
// Every refusal is a ProblemError (validation-failed with the fields, forbidden, not-found, conflict) and changes
// nothing. Borrows the Node; stateless otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "domain/notice.h"
#include "node/node.h"

namespace tongban::node {

// What the author writes: everything of a notice that is not its life.
struct NoticeDraft {
  domain::NoticeTopic topic = domain::NoticeTopic::policy;
  domain::LocalizedText title;
  domain::LocalizedText body;
  std::vector<std::string> item_codes;
  std::vector<std::string> zone_codes;
  domain::CalendarDate valid_from{};
  std::optional<domain::CalendarDate> valid_until;
  std::string jurisdiction;  // the jurisdiction it concerns; "" = the node's
};

class NoticeDesk {
 public:
  explicit NoticeDesk(Node& node) : node_(node) {}

  domain::Notice create(const domain::Actor& actor, const NoticeDraft& draft);
  domain::Notice edit(const domain::Actor& actor, const std::string& id, const NoticeDraft& draft);
  // submit, approve, reject (reason required), withdraw.
  domain::Notice step(const domain::Actor& actor, const std::string& id, domain::NoticeAction action,
                      const std::string& reason = "");

  // This node's own notices in every state, last changed first (staff of the node only).
  std::vector<domain::Notice> desk(const domain::Actor& actor) const;
  // The published notices matching the query, own and peers' (domain::notices_for); query.today is set to the
  // node's today when left unset.
  std::vector<domain::Notice> published(domain::NoticeQuery query) const;
  // A notice as `actor` may see it: published ones for anyone (actor may be null), every own one for the node's
  // staff. not-found otherwise.
  domain::Notice find(const domain::Actor* actor, const std::string& id) const;
  // The node's local date (its jurisdiction's offset).
  domain::CalendarDate today() const;

  std::vector<domain::NoticeSubscription> subscriptions(const domain::Actor& actor) const;
  // False when the applicant had it already (subscribe) / did not have it (unsubscribe).
  bool subscribe(const domain::Actor& actor, domain::NoticeSubscriptionKind kind, const std::string& value);
  bool unsubscribe(const domain::Actor& actor, domain::NoticeSubscriptionKind kind, const std::string& value);

  // A peer's copy, inside the inbox's transaction. Returns false when it does not supersede the held copy (a late
  // or repeated delivery). Throws ProblemError (validation-failed) for a copy that may not be kept.
  bool keep_copy(store::Transaction& tx, const domain::Notice& copy, std::string_view from_node);

 private:
  domain::Notice apply_draft(domain::Notice notice, const NoticeDraft& draft) const;
  void check_codes(const domain::Notice& notice) const;
  void tell_subscribers(store::Transaction& tx, const domain::Notice& notice);

  Node& node_;
};

// Whether a role writes and reviews notices: reviewers and admins.
bool writes_notices(domain::Role role);

}  // namespace tongban::node
