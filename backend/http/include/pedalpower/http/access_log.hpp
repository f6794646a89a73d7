#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace pedalpower::http {

/// What the access log keeps of one request. No query string: it may carry personal data.
struct access_entry {
  std::chrono::system_clock::time_point started;
  std::string_view remote_address;
  std::string_view method;
  std::string_view target;  ///< as received; only the path before '?' is logged
  unsigned status = 0;
  std::chrono::steady_clock::duration duration{};
  std::size_t body_bytes = 0;  ///< of the body, as far as it was sent
  bool broken = false;         ///< the answer was not sent whole: the client left or was too slow
};

/// One line: `2025-03-01T08:15:02.123Z 10.1.2.3 POST /api/v1/loans 201 4.2ms 311B`, with ` broken`
/// after the bytes when the answer was cut off.
/// Control characters in the path are escaped so a request cannot forge log lines.
std::string format_access_line(const access_entry& entry);

}  // namespace pedalpower::http
