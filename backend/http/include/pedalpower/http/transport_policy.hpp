#pragma once

#include <string_view>

namespace pedalpower::http {

/// True for 127.0.0.0/8, ::1, IPv4-mapped loopback and "localhost". Throws std::invalid_argument
/// for text that is not an IP address.
bool is_loopback(std::string_view address);

/// Plain HTTP carries passwords and tokens in clear, so it is served only to and from loopback
/// unless the operator allowed it explicitly.
bool plain_http_permitted(std::string_view address, bool allow_plain_http);

}  // namespace pedalpower::http
