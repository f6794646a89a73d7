#include "pedalpower/http/logger.hpp"

#include <array>
#include <chrono>
#include <ostream>
#include <string>

#include "utc_timestamp.hpp"

namespace pedalpower::http {
namespace {

constexpr std::array level_names{std::string_view("error"), std::string_view("warn"), std::string_view("info"),
                                 std::string_view("debug")};

}  // namespace

std::string_view to_string(log_level level) { return level_names.at(static_cast<std::size_t>(level)); }

std::optional<log_level> log_level_from_string(std::string_view text)
{
  for (std::size_t i = 0; i < level_names.size(); ++i) {
    if (level_names[i] == text) return static_cast<log_level>(i);
  }
  return std::nullopt;
}

logger::logger(log_level threshold, std::ostream& out) : threshold_(threshold), out_(out) {}

void logger::write(log_level level, std::string_view message)
{
  if (!enabled(level)) return;
  std::string line = utc_timestamp(std::chrono::system_clock::now());
  line += ' ';
  line += to_string(level);
  line += ": ";
  line += message;
  write_line(level, line);
}

void logger::write_line(log_level level, std::string_view line)
{
  if (!enabled(level)) return;
  const std::lock_guard lock(mutex_);
  out_ << line << '\n' << std::flush;
}

}  // namespace pedalpower::http
