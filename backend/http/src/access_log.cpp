#include "pedalpower/http/access_log.hpp"

#include <cstdio>

#include "utc_timestamp.hpp"

namespace pedalpower::http {
namespace {

void append_escaped(std::string& out, std::string_view text)
{
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == ' ' || c == '\\') {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string format_access_line(const access_entry& entry)
{
  const auto path = entry.target.substr(0, entry.target.find('?'));
  const double millis = std::chrono::duration<double, std::milli>(entry.duration).count();
  char figures[64];
  std::snprintf(figures, sizeof figures, " %u %.1fms %zuB", entry.status, millis, entry.body_bytes);

  std::string line = utc_timestamp(entry.started);
  line += ' ';
  line += entry.remote_address;
  line += ' ';
  append_escaped(line, entry.method);
  line += ' ';
  append_escaped(line, path.empty() ? std::string_view("-") : path);
  line += figures;
  if (entry.broken) line += " broken";
  return line;
}

}  // namespace pedalpower::http
