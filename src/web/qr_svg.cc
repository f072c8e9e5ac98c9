#include "web/qr_svg.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace tongban::web {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string qr_svg(std::string_view text, std::string_view title) {
  if (text.empty()) throw std::runtime_error("a QR code needs some text");
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) throw std::runtime_error("the text does not fit in a QR code");
  const int width = code->width;
  const int size = width + 8;
  std::string path;
  for (int y = 0; y < width; ++y)
    for (int x = 0; x < width; ++x)
      if (code->data[y * width + x] & 1) path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
  std::string size_text = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" viewBox=\"0 0 " + size_text + " " +
         size_text + "\" shape-rendering=\"crispEdges\"><title>" + escape(title) + "</title><rect width=\"" +
         size_text + "\" height=\"" + size_text + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace tongban::web
