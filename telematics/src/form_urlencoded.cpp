#include "pedalpower/telematics/form_urlencoded.hpp"

#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics {

namespace {

int hex_value(char c) noexcept
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(std::string_view text, bool plus_is_space)
{
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      decoded.push_back(' ');
    } else if (c == '%') {
      const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
      if (low < 0) {
        throw invalid_input("encoding", "bad percent escape at '" + std::string(text.substr(i, 3)) + "'");
      }
      decoded.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      decoded.push_back(c);
    }
  }
  return decoded;
}

key_values parse_form_urlencoded(std::string_view text)
{
  key_values pairs;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto part = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) {
      pairs.emplace_back(url_decode(part), std::string{});
    } else {
      pairs.emplace_back(url_decode(part.substr(0, eq)), url_decode(part.substr(eq + 1)));
    }
  }
  return pairs;
}

}  // namespace pedalpower::telematics
