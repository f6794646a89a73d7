#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pedalpower {

/// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);
/// Decodes standard padded base64; nullopt if `text` is not that.
std::optional<std::string> base64_decode(std::string_view text);
/// base64url without padding, safe in cookies, headers and URLs.
std::string base64url_encode(std::string_view bytes);

}  // namespace pedalpower
