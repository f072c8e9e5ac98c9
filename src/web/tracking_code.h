// The public tracking code of a case: 8 characters (digits and capitals without 0/O/1/I) derived from the case id
// with the node's secret (NodeSecret::keyed, purpose "tracking"). It is printed on receipts; with the case number it
// lets anyone holding the receipt see the case's state and dates — nothing personal — at /track. It needs no
// storage and cannot be guessed from the case number. Rotating the secret invalidates every printed code.
#pragma once

#include <string>
#include <string_view>

#include "web/node_secret.h"

namespace tongban::web {

std::string tracking_code(const NodeSecret& secret, std::string_view case_id);
// Case-insensitive, ignores spaces and dashes; constant time in the code's length.
bool tracking_code_matches(const NodeSecret& secret, std::string_view case_id, std::string_view given);

}  // namespace tongban::web
