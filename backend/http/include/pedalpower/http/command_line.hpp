#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/server_options.hpp"

namespace pedalpower::http {

/// Everything the server executable is told by its flags and environment.
struct launch_settings {
  server_options server;
  std::string database_path = "data/pedalpower.sqlite";
  db::synchronous_mode synchronous = db::synchronous_mode::full;
  std::string port_file;  ///< written with the bound port once listening
  std::string admin_root;  ///< the web admin's built pages; empty: those built with this program
  bool demo = false;      ///< seed demo data into an empty database
  log_level log = log_level::info;
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

/// Looks up an environment variable; nullopt when unset.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The real process environment.
std::optional<std::string> process_environment(std::string_view name);

/// Reads `args` (without the program name) over the PEDALPOWER_* environment over the defaults:
/// a flag wins over its variable. Accepts `--flag value` and `--flag=value`. Throws usage_error.
command_line parse_command_line(const std::vector<std::string_view>& args, const environment_lookup& environment);

/// The --help text: every flag, its variable, its default and what it does.
std::string usage_text(std::string_view program);

}  // namespace pedalpower::http
