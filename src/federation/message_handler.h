// MessageHandler: what a node does with a verified incoming message — the protocol's apply step, implemented per
// message type by the case-handling code (remote intake, delegated, joint, identity assertions).
//
// The inbox calls apply() inside the store transaction that records the message as applied, exactly once per
// message id, and for messages about a case in sequence order (1, 2, 3, … per sender and case_ref). The handler
// may read and write anything through the Transaction, including Outbox::enqueue for answers: all of it commits
// with the "applied" mark or not at all.
//
// To refuse a message for a reason of substance (e.g. the peer acts on a case it does not own, the payload misses
// a field, a blob does not match its hash) throw MessageRejected with a stable reason code: nothing is applied or
// stored, the inbox answers a signed "rejected" receipt with reason "handler:<code>" and logs it; the sender keeps
// the message queued and retries with backoff. Any other exception is treated as a transient failure: nothing is
// applied, the sender is told to retry (HTTP 503), and the error is logged.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "federation/envelope.h"
#include "store/store.h"

namespace tongban::federation {

class MessageRejected : public std::runtime_error {
 public:
  // code: [a-z0-9_]+, stable (it travels in the receipt); detail: for logs and the problem's detail.
  MessageRejected(std::string code, const std::string& detail) : std::runtime_error(detail), code_(std::move(code)) {}
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

class MessageHandler {
 public:
  virtual ~MessageHandler() = default;
  // True if this node knows how to apply the type (otherwise the message is rejected with "unsupported_type").
  virtual bool handles(std::string_view type) const = 0;
  // The envelope has been verified (signature, sender, type allowed, limits, freshness, order).
  virtual void apply(const Envelope& envelope, store::Transaction& tx) = 0;
};

// A MessageHandler that dispatches on the type to one function per type. Register before the inbox starts.
class MessageDispatch final : public MessageHandler {
 public:
  using Apply = std::function<void(const Envelope&, store::Transaction&)>;
  MessageDispatch& on(std::string type, Apply apply);
  bool handles(std::string_view type) const override;
  void apply(const Envelope& envelope, store::Transaction& tx) override;

 private:
  std::map<std::string, Apply, std::less<>> by_type_;
};

}  // namespace tongban::federation
