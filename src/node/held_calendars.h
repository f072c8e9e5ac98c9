// HeldCalendars: the working-day calendars one computation over many cases needs (the channel and case figures),
// taken from the node once per jurisdiction and held while the computation runs — the node may swap a calendar
// meanwhile, and the figures must be counted in one. lookup() is valid while this object lives.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "domain/channel_figures.h"
#include "node/node.h"

namespace tongban::node {

class HeldCalendars {
 public:
  explicit HeldCalendars(const Node& node) : node_(node) {}

  // Takes the jurisdiction's calendar from the node unless held already (nullptr when the node has none).
  void hold(const std::string& jurisdiction) {
    if (!held_.contains(jurisdiction)) held_[jurisdiction] = node_.calendar(jurisdiction);
  }
  domain::CalendarLookup lookup() const {
    return [this](std::string_view jurisdiction) -> const domain::WorkingCalendar* {
      auto found = held_.find(jurisdiction);
      return found == held_.end() ? nullptr : found->second.get();
    };
  }

 private:
  const Node& node_;
  std::map<std::string, std::shared_ptr<const domain::WorkingCalendar>, std::less<>> held_;
};

}  // namespace tongban::node
