#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pedalpower/core/environment.hpp"

namespace pedalpower::kiosk {

/// Everything the kiosk agent is told by its flags and environment.
struct agent_options {
  std::string backend_url;
  std::string device_token;
  std::string ca_file;
  std::string listen = "127.0.0.1";
  unsigned short port = 8090;
  std::string journal = "kiosk-journal.sqlite";
  std::string site;
  std::string ui_root;  ///< empty: the UI folder this build was made from
  std::string port_file;
  std::chrono::milliseconds retry_max{30000};
  std::chrono::milliseconds health_interval{5000};
  int offline_days = 7;
  bool help = false;
};

class agent_usage_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Reads `args` (without the program name). The device token comes from --device-token, else
/// --device-token-file, else PEDALPOWER_KIOSK_TOKEN. Throws agent_usage_error naming the flag.
agent_options parse_agent_options(const std::vector<std::string_view>& args,
                                  const environment_lookup& environment);

std::string agent_usage(std::string_view program);

}  // namespace pedalpower::kiosk
