#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>
#include <sys/types.h>

#include <nlohmann/json.hpp>

#include "temp_folder.hpp"

/// A real SMTP server on loopback (tests/support/smtp_sink.py, on Debian's python3-aiosmtpd) that
/// keeps every message it accepts. Recipients whose address starts with "refuse" get a 550.
class smtp_sink {
public:
  /// Starts listening on `port`, or on a free port when absent; waits until it listens.
  explicit smtp_sink(std::optional<unsigned short> port = std::nullopt);
  ~smtp_sink();
  smtp_sink(const smtp_sink&) = delete;
  smtp_sink& operator=(const smtp_sink&) = delete;

  unsigned short port() const { return port_; }

  /// Stops listening; the messages stay readable.
  void stop();

  /// Every accepted message as a mail client reads it: JSON with envelope_to, to, from, subject,
  /// message_id, text and html; in the order accepted.
  std::vector<nlohmann::json> messages() const;

  /// Waits until at least `count` messages arrived or `limit` passed; returns the messages.
  std::vector<nlohmann::json> wait_for(std::size_t count, std::chrono::seconds limit = std::chrono::seconds(60)) const;

private:
  temp_folder folder_;
  pid_t child_ = -1;
  unsigned short port_ = 0;
};
