#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pedalpower/core/environment.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/server_options.hpp"
#include "pedalpower/mail/smtp_relay.hpp"

namespace pedalpower::server {

/// Where and how the server sends its email.
struct mail_settings {
  mail::relay_settings relay;      ///< used when relay.host is set
  std::string password_file;       ///< the relay password, read at start so it is never on a command line
  std::string scheme_name = "Pedal Power";
  int working_hours_from = 8;      ///< non-urgent mail waits for [from, until) on weekdays
  int working_hours_until = 18;
  bool weekends = false;           ///< true: every day counts as a working day
  int reminder_days = 3;
  std::chrono::seconds first_retry{60};  ///< after a failed delivery; doubles each time up to an hour
  std::chrono::seconds poll_interval{5};  ///< how often due mail is looked for
};

/// Everything the server executable is told by its flags and environment.
struct launch_settings {
  http::server_options server;
  std::string database_path = "data/pedalpower.sqlite";
  db::synchronous_mode synchronous = db::synchronous_mode::full;
  std::string port_file;  ///< written with the bound port once listening
  std::string admin_root;  ///< the web admin's built pages; empty: those built with this program
  bool demo = false;      ///< seed demo data into an empty database
  http::log_level log = http::log_level::info;
  mail_settings mail;
  /// Reports show a count of fewer people than this in a pay band × site breakdown as "<N".
  int report_suppress_below = 5;
  /// The scheme's address as its users reach it (no trailing slash); links in messages start with it.
  std::string public_url;
  /// For tests only: the report pack job takes the start of this UTC day (seconds since the epoch) as now.
  std::optional<std::int64_t> report_packs_as_of;
};

struct command_line {
  bool help_requested = false;
  launch_settings settings;
};

/// A flag or environment variable with a bad value; the message names it and says what is allowed.
class usage_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Reads `args` (without the program name) over the PEDALPOWER_* environment over the defaults:
/// a flag wins over its variable. Accepts `--flag value` and `--flag=value`. Throws usage_error.
command_line parse_command_line(const std::vector<std::string_view>& args, const environment_lookup& environment);

/// The --help text: every flag, its variable, its default and what it does.
std::string usage_text(std::string_view program);

}  // namespace pedalpower::server
