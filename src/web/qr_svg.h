// A QR code (libqrencode, error correction M) as an inline SVG: one <path> of dark modules on a white square with
// the 4-module quiet zone, scaled by CSS. The text is encoded as 8-bit data; throws std::runtime_error if it cannot
// be encoded (empty, or longer than a QR code holds).
#pragma once

#include <string>
#include <string_view>

namespace tongban::web {

std::string qr_svg(std::string_view text, std::string_view title);

}  // namespace tongban::web
