#pragma once

#include <iosfwd>
#include <mutex>
#include <optional>
#include <string_view>

namespace pedalpower::http {

enum class log_level { error, warn, info, debug };

std::string_view to_string(log_level level);
/// "error", "warn", "info" or "debug"; nullopt for anything else.
std::optional<log_level> log_level_from_string(std::string_view text);

/// Writes whole lines to a stream from any thread; lines below the threshold are dropped.
class logger {
public:
  explicit logger(log_level threshold, std::ostream& out);
  logger(const logger&) = delete;
  logger& operator=(const logger&) = delete;

  bool enabled(log_level level) const noexcept { return level <= threshold_; }
  /// Writes `message` as one line prefixed by the time and level.
  void write(log_level level, std::string_view message);
  /// Writes a line as it is, e.g. an access-log line that carries its own time.
  void write_line(log_level level, std::string_view line);

private:
  log_level threshold_;
  std::ostream& out_;
  std::mutex mutex_;
};

}  // namespace pedalpower::http
