#include "federation/message_handler.h"

namespace tongban::federation {

MessageDispatch& MessageDispatch::on(std::string type, Apply apply) {
  by_type_[std::move(type)] = std::move(apply);
  return *this;
}

bool MessageDispatch::handles(std::string_view type) const {
  return by_type_.find(type) != by_type_.end();
}

void MessageDispatch::apply(const Envelope& envelope, store::Transaction& tx) {
  auto found = by_type_.find(envelope.type);
  if (found == by_type_.end()) throw MessageRejected("unsupported_type", "no handler for " + envelope.type);
  found->second(envelope, tx);
}

}  // namespace tongban::federation
