#include "pedalpower/kiosk/agent_options.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace pedalpower::kiosk {
namespace {

long whole_number(std::string_view flag, std::string_view text, long lowest, long highest)
{
  long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < lowest || value > highest) {
    throw agent_usage_error(std::string(flag) + " must be a whole number from " + std::to_string(lowest) + " to " +
                            std::to_string(highest));
  }
  return value;
}

std::string read_token_file(const std::string& path)
{
  std::ifstream in(path);
  if (!in) throw agent_usage_error("--device-token-file: cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  auto token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  return token;
}

}  // namespace

agent_options parse_agent_options(const std::vector<std::string_view>& args,
                                  const environment_lookup& environment)
{
  agent_options options;
  std::string token_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view flag = args[i];
    std::string value;
    bool has_inline_value = false;
    if (const auto equals = flag.find('='); equals != std::string_view::npos) {
      value = std::string(flag.substr(equals + 1));
      flag = flag.substr(0, equals);
      has_inline_value = true;
    }
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      continue;
    }
    if (!has_inline_value) {
      if (i + 1 >= args.size()) throw agent_usage_error(std::string(flag) + " needs a value");
      value = std::string(args[++i]);
    }
    if (flag == "--backend-url") options.backend_url = value;
    else if (flag == "--device-token") options.device_token = value;
    else if (flag == "--device-token-file") token_file = value;
    else if (flag == "--ca-file") options.ca_file = value;
    else if (flag == "--listen") options.listen = value;
    else if (flag == "--port") options.port = static_cast<unsigned short>(whole_number(flag, value, 0, 65535));
    else if (flag == "--journal") options.journal = value;
    else if (flag == "--site") options.site = value;
    else if (flag == "--ui-root") options.ui_root = value;
    else if (flag == "--port-file") options.port_file = value;
    else if (flag == "--retry-max-seconds") options.retry_max = std::chrono::seconds(whole_number(flag, value, 1, 3600));
    else if (flag == "--health-seconds") options.health_interval = std::chrono::seconds(whole_number(flag, value, 1, 600));
    else if (flag == "--offline-days") options.offline_days = static_cast<int>(whole_number(flag, value, 0, 30));
    else throw agent_usage_error("unknown flag " + std::string(flag) + "; see --help");
  }
  if (options.help) return options;
  if (options.device_token.empty() && !token_file.empty()) options.device_token = read_token_file(token_file);
  if (options.device_token.empty()) options.device_token = environment("PEDALPOWER_KIOSK_TOKEN").value_or("");
  if (options.backend_url.empty()) throw agent_usage_error("--backend-url is required");
  if (options.device_token.empty()) {
    throw agent_usage_error("a device token is required: --device-token, --device-token-file or PEDALPOWER_KIOSK_TOKEN");
  }
  return options;
}

std::string agent_usage(std::string_view program)
{
  return "Usage: " + std::string(program) + R"( --backend-url URL [options]

Serves the kiosk's touch screen on this machine and keeps a journal of every action, replayed to
the backend in order whenever it can be reached.

  --backend-url URL         the backend, https://host[:port] (http:// only for a loopback backend)
  --device-token TOKEN      this kiosk's device token (prefer the file or the variable below)
  --device-token-file PATH  a file holding the device token
                            (else the environment variable PEDALPOWER_KIOSK_TOKEN)
  --ca-file PATH            PEM certificates the backend's certificate must chain to
                            (default: the system's trusted certificates)
  --listen ADDRESS          where the touch UI is served (default 127.0.0.1; keep it local)
  --port N                  its port (default 8090; 0 picks a free one)
  --port-file PATH          write the bound port here once listening
  --journal PATH            the kiosk's SQLite journal and offline cache (default kiosk-journal.sqlite)
  --site NAME               the site's name shown on the screen
  --ui-root PATH            the folder of the UI files (default: the one this build came from)
  --retry-max-seconds N     longest wait between replay attempts while offline (default 30)
  --health-seconds N        how often the backend is checked while idle (default 5)
  --offline-days N          how long someone who signed in online may sign in offline (default 7;
                            0 turns offline sign-in off)
  --help                    this text
)";
}

}  // namespace pedalpower::kiosk
