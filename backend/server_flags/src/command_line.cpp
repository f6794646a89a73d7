#include "pedalpower/server/command_line.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <tuple>

#include "pedalpower/http/transport_policy.hpp"

namespace pedalpower::server {

using http::log_level;
namespace {

/// A bad value; the caller adds which flag or variable carried it.
class bad_value : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

template <typename Integer>
Integer parse_integer(std::string_view text, Integer low, Integer high)
{
  Integer value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high) {
    throw bad_value("expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", got '" +
                    std::string(text) + "'");
  }
  return value;
}

/// "250ms", "10s" or a bare number of seconds.
std::chrono::milliseconds parse_duration(std::string_view text)
{
  constexpr long long most_millis = 24LL * 3600 * 1000;
  try {
    if (text.ends_with("ms")) return std::chrono::milliseconds(parse_integer<long long>(text.substr(0, text.size() - 2), 1, most_millis));
    if (text.ends_with("s")) text.remove_suffix(1);
    return std::chrono::seconds(parse_integer<long long>(text, 1, most_millis / 1000));
  } catch (const bad_value&) {
    throw bad_value("expected a duration such as 10s or 250ms, got '" + std::string(text) + "'");
  }
}

bool parse_switch(std::string_view text)
{
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off" || text.empty()) return false;
  throw bad_value("expected true or false, got '" + std::string(text) + "'");
}

std::string parse_address(std::string_view text)
{
  try {
    http::is_loopback(text);
  } catch (const std::invalid_argument&) {
    throw bad_value("expected an IP address or localhost, got '" + std::string(text) + "'");
  }
  return std::string(text);
}

std::string parse_path(std::string_view text)
{
  if (text.empty()) throw bad_value("expected a path");
  return std::string(text);
}

db::synchronous_mode parse_synchronous(std::string_view text)
{
  if (text == "full") return db::synchronous_mode::full;
  if (text == "normal") return db::synchronous_mode::normal;
  throw bad_value("expected full or normal, got '" + std::string(text) + "'");
}

log_level parse_log_level(std::string_view text)
{
  if (auto level = http::log_level_from_string(text)) return *level;
  throw bad_value("expected error, warn, info or debug, got '" + std::string(text) + "'");
}

mail::transport_security parse_mail_security(std::string_view text)
{
  if (text == "starttls") return mail::transport_security::starttls;
  if (text == "tls") return mail::transport_security::implicit;
  if (text == "none") return mail::transport_security::none;
  throw bad_value("expected starttls, tls or none, got '" + std::string(text) + "'");
}

/// "8-18": from 08:00 until 18:00 on weekdays; "always": any hour of any day.
std::tuple<int, int, bool> parse_hours(std::string_view text)
{
  if (text == "always") return {0, 24, true};
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) throw bad_value("expected hours such as 8-18, got '" + std::string(text) + "'");
  const auto from = parse_integer(text.substr(0, dash), 0, 23);
  const auto until = parse_integer(text.substr(dash + 1), 1, 24);
  if (until <= from) throw bad_value("the end hour must come after the start hour in '" + std::string(text) + "'");
  return {from, until, false};
}

/// "https://bikes.example.nhs.uk": an http(s) address, kept without a trailing slash.
std::string parse_url(std::string_view text)
{
  if (!(text.starts_with("https://") || text.starts_with("http://")) || text.find_first_of(" \t\r\n") != std::string_view::npos) {
    throw bad_value("expected an address starting with https:// or http://, got '" + std::string(text) + "'");
  }
  while (text.ends_with('/')) text.remove_suffix(1);
  return std::string(text);
}

/// "2026-12-01" as the seconds since the epoch at its start (UTC).
std::int64_t parse_day(std::string_view text)
{
  const auto bad = [&text] { return bad_value("expected a day YYYY-MM-DD, got '" + std::string(text) + "'"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  const std::chrono::year_month_day day{std::chrono::year{parse_integer(text.substr(0, 4), 1970, 9999)},
                                        std::chrono::month{parse_integer(text.substr(5, 2), 1U, 12U)},
                                        std::chrono::day{parse_integer(text.substr(8, 2), 1U, 31U)}};
  if (!day.ok()) throw bad();
  return std::chrono::sys_days{day}.time_since_epoch() / std::chrono::seconds{1};
}

struct option_spec {
  std::string_view flag;
  std::string_view variable;     ///< empty: no environment variable
  std::string_view placeholder;  ///< empty: a switch that takes no value on the command line
  std::string_view help;
  void (*apply)(command_line& line, std::string_view value);
};

constexpr std::size_t max_count = 1'000'000;

// clang-format off
constexpr std::array options{
  option_spec{"--listen", "PEDALPOWER_LISTEN", "ADDR", "IP address to listen on (default 127.0.0.1; plain HTTP only on loopback)",
    [](command_line& l, std::string_view v) { l.settings.server.address = parse_address(v); }},
  option_spec{"--port", "PEDALPOWER_PORT", "N", "TCP port; 0 picks a free one (default 8080)",
    [](command_line& l, std::string_view v) { l.settings.server.port = parse_integer<unsigned short>(v, 0, 65535); }},
  option_spec{"--port-file", "PEDALPOWER_PORT_FILE", "PATH", "write the bound port to PATH once listening",
    [](command_line& l, std::string_view v) { l.settings.port_file = parse_path(v); }},
  option_spec{"--db", "PEDALPOWER_DB", "PATH", "SQLite database file, created if missing (default data/pedalpower.sqlite)",
    [](command_line& l, std::string_view v) { l.settings.database_path = parse_path(v); }},
  option_spec{"--synchronous", "PEDALPOWER_SYNCHRONOUS", "full|normal", "full syncs every commit; normal may lose the last commits on power loss (default full)",
    [](command_line& l, std::string_view v) { l.settings.synchronous = parse_synchronous(v); }},
  option_spec{"--tls-cert", "PEDALPOWER_TLS_CERT", "PATH", "PEM certificate chain; with --tls-key turns HTTPS on",
    [](command_line& l, std::string_view v) { l.settings.server.tls_certificate_file = parse_path(v); }},
  option_spec{"--tls-key", "PEDALPOWER_TLS_KEY", "PATH", "PEM private key of the certificate",
    [](command_line& l, std::string_view v) { l.settings.server.tls_private_key_file = parse_path(v); }},
  option_spec{"--allow-plain-http", "PEDALPOWER_ALLOW_PLAIN_HTTP", "", "serve plain HTTP to and from other hosts than loopback (passwords travel in clear)",
    [](command_line& l, std::string_view v) { l.settings.server.allow_plain_http = parse_switch(v); }},
  option_spec{"--log-level", "PEDALPOWER_LOG_LEVEL", "LEVEL", "error, warn, info (adds the access log) or debug (default info)",
    [](command_line& l, std::string_view v) { l.settings.log = parse_log_level(v); }},
  option_spec{"--threads", "PEDALPOWER_THREADS", "N", "network threads, each serving its share of connections (default 2)",
    [](command_line& l, std::string_view v) { l.settings.server.io_threads = parse_integer(v, 1, 64); }},
  option_spec{"--max-connections", "PEDALPOWER_MAX_CONNECTIONS", "N", "open connections at most; more are closed at once (default 1024)",
    [](command_line& l, std::string_view v) { l.settings.server.max_connections = parse_integer<std::size_t>(v, 1, max_count); }},
  option_spec{"--max-connections-per-address", "PEDALPOWER_MAX_CONNECTIONS_PER_ADDRESS", "N", "open connections from one client address at most; more are closed at once (default 128)",
    [](command_line& l, std::string_view v) { l.settings.server.max_connections_per_address = parse_integer<std::size_t>(v, 1, max_count); }},
  option_spec{"--max-body-bytes", "PEDALPOWER_MAX_BODY_BYTES", "N", "largest request body; larger gets 413 (default 1048576)",
    [](command_line& l, std::string_view v) { l.settings.server.body_limit = parse_integer<std::size_t>(v, 1, std::size_t{1} << 32); }},
  option_spec{"--max-header-bytes", "PEDALPOWER_MAX_HEADER_BYTES", "N", "largest request header; larger gets 431 (default 8192)",
    [](command_line& l, std::string_view v) { l.settings.server.header_limit = parse_integer<std::size_t>(v, 256, std::size_t{1} << 20); }},
  option_spec{"--request-timeout", "PEDALPOWER_REQUEST_TIMEOUT", "TIME", "time to receive a request once started, e.g. 10s or 500ms (default 10s)",
    [](command_line& l, std::string_view v) { l.settings.server.request_timeout = parse_duration(v); }},
  option_spec{"--idle-timeout", "PEDALPOWER_IDLE_TIMEOUT", "TIME", "time a kept-alive connection may wait for its next request (default 30s)",
    [](command_line& l, std::string_view v) { l.settings.server.idle_timeout = parse_duration(v); }},
  option_spec{"--write-timeout", "PEDALPOWER_WRITE_TIMEOUT", "TIME", "time to send a response (default 10s)",
    [](command_line& l, std::string_view v) { l.settings.server.write_timeout = parse_duration(v); }},
  option_spec{"--download-min-bytes", "PEDALPOWER_DOWNLOAD_MIN_BYTES", "N", "a download (an export) must send N bytes in every --download-window or is cut off (default 327680)",
    [](command_line& l, std::string_view v) { l.settings.server.download_min_bytes = parse_integer<std::size_t>(v, 1, std::size_t{1} << 32); }},
  option_spec{"--download-window", "PEDALPOWER_DOWNLOAD_WINDOW", "TIME", "the time a download has to send --download-min-bytes (default 10s)",
    [](command_line& l, std::string_view v) { l.settings.server.download_window = parse_duration(v); }},
  option_spec{"--shutdown-timeout", "PEDALPOWER_SHUTDOWN_TIMEOUT", "TIME", "time in-flight requests get to finish on SIGTERM (default 10s)",
    [](command_line& l, std::string_view v) { l.settings.server.shutdown_timeout = parse_duration(v); }},
  option_spec{"--admin-root", "PEDALPOWER_ADMIN_ROOT", "PATH", "folder of the built web admin served under /admin/ (default: the one built with this program)",
    [](command_line& l, std::string_view v) { l.settings.admin_root = parse_path(v); }},
  option_spec{"--smtp-host", "PEDALPOWER_SMTP_HOST", "HOST", "mail relay; unset keeps messages in the outbox unsent",
    [](command_line& l, std::string_view v) { l.settings.mail.relay.host = parse_path(v); }},
  option_spec{"--smtp-port", "PEDALPOWER_SMTP_PORT", "N", "mail relay port (default 587)",
    [](command_line& l, std::string_view v) { l.settings.mail.relay.port = parse_integer<unsigned short>(v, 1, 65535); }},
  option_spec{"--smtp-security", "PEDALPOWER_SMTP_SECURITY", "MODE", "starttls, tls (implicit, port 465) or none (a relay on this machine only) (default starttls)",
    [](command_line& l, std::string_view v) { l.settings.mail.relay.security = parse_mail_security(v); }},
  option_spec{"--smtp-user", "PEDALPOWER_SMTP_USER", "NAME", "user name for the relay; unset sends without authentication",
    [](command_line& l, std::string_view v) { l.settings.mail.relay.username = std::string(v); }},
  option_spec{"--smtp-password-file", "PEDALPOWER_SMTP_PASSWORD_FILE", "PATH", "file holding the relay password",
    [](command_line& l, std::string_view v) { l.settings.mail.password_file = parse_path(v); }},
  option_spec{"--smtp-ca-file", "PEDALPOWER_SMTP_CA_FILE", "PATH", "PEM certificates to trust for the relay besides the system's",
    [](command_line& l, std::string_view v) { l.settings.mail.relay.ca_file = parse_path(v); }},
  option_spec{"--mail-from", "PEDALPOWER_MAIL_FROM", "ADDRESS", "sender address of every message",
    [](command_line& l, std::string_view v) { l.settings.mail.relay.from_address = parse_path(v); }},
  option_spec{"--scheme-name", "PEDALPOWER_SCHEME_NAME", "TEXT", "the scheme's name in every message (default Pedal Power)",
    [](command_line& l, std::string_view v) { l.settings.mail.scheme_name = parse_path(v); }},
  option_spec{"--working-hours", "PEDALPOWER_WORKING_HOURS", "FROM-UNTIL", "local hours on weekdays when non-urgent mail goes, or always (default 8-18)",
    [](command_line& l, std::string_view v) {
      auto& m = l.settings.mail;
      std::tie(m.working_hours_from, m.working_hours_until, m.weekends) = parse_hours(v); }},
  option_spec{"--reminder-days", "PEDALPOWER_REMINDER_DAYS", "N", "days before a loan is due that its borrower is reminded (default 3)",
    [](command_line& l, std::string_view v) { l.settings.mail.reminder_days = parse_integer(v, 0, 60); }},
  option_spec{"--mail-first-retry", "PEDALPOWER_MAIL_FIRST_RETRY", "TIME", "wait after a failed delivery; doubles each time up to an hour (default 60s)",
    [](command_line& l, std::string_view v) { l.settings.mail.first_retry = std::chrono::ceil<std::chrono::seconds>(parse_duration(v)); }},
  option_spec{"--mail-poll", "PEDALPOWER_MAIL_POLL", "TIME", "how often the outbox is looked at for mail to send (default 5s)",
    [](command_line& l, std::string_view v) { l.settings.mail.poll_interval = std::chrono::ceil<std::chrono::seconds>(parse_duration(v)); }},
  option_spec{"--report-suppress-below", "PEDALPOWER_REPORT_SUPPRESS_BELOW", "N", "in reports, a count of fewer people than N in a pay band × site breakdown shows as <N (default 5)",
    [](command_line& l, std::string_view v) { l.settings.report_suppress_below = parse_integer(v, 1, 100); }},
  option_spec{"--public-url", "PEDALPOWER_PUBLIC_URL", "URL", "the scheme's address as its users reach it, e.g. https://bikes.example.nhs.uk; links in messages and the GBFS discovery feed start with it",
    [](command_line& l, std::string_view v) { l.settings.public_url = parse_url(v); }},
  option_spec{"--report-packs-as-of", "", "YYYY-MM-DD", "for tests only: the monthly report pack job takes this day as today",
    [](command_line& l, std::string_view v) { l.settings.report_packs_as_of = parse_day(v); }},
  option_spec{"--demo", "PEDALPOWER_DEMO", "", "seed demonstration data into an empty database",
    [](command_line& l, std::string_view v) { l.settings.demo = parse_switch(v); }},
  option_spec{"--help", "", "", "print this help and exit",
    [](command_line& l, std::string_view v) { l.help_requested = parse_switch(v); }},
};
// clang-format on

const option_spec& find_option(std::string_view flag)
{
  for (const auto& option : options) {
    if (option.flag == flag) return option;
  }
  throw usage_error("unknown flag " + std::string(flag) + " (see --help)");
}

void apply(const option_spec& option, std::string_view named, std::string_view value, command_line& line)
{
  try {
    option.apply(line, value);
  } catch (const bad_value& bad) {
    throw usage_error(std::string(named) + ": " + bad.what());
  }
}

bool on_this_machine(const std::string& host)
{
  try {
    return http::is_loopback(host);
  } catch (const std::invalid_argument&) {
    return false;  // a name other than localhost: somewhere on the network
  }
}

void check_consistency(const launch_settings& settings)
{
  const bool has_certificate = !settings.server.tls_certificate_file.empty();
  const bool has_key = !settings.server.tls_private_key_file.empty();
  if (has_certificate != has_key) throw usage_error("--tls-cert and --tls-key must be given together");
  const auto& mail = settings.mail;
  if (!mail.relay.host.empty() && mail.relay.from_address.empty()) throw usage_error("--smtp-host needs --mail-from");
  if (mail.relay.security == mail::transport_security::none && !mail.relay.host.empty() && !on_this_machine(mail.relay.host)) {
    throw usage_error("--smtp-security none is allowed only for a relay on this machine: mail would cross the network in clear");
  }
}

}  // namespace

command_line parse_command_line(const std::vector<std::string_view>& args, const environment_lookup& environment)
{
  command_line line;
  for (const auto& option : options) {
    if (option.variable.empty()) continue;
    if (const auto value = environment(option.variable)) apply(option, option.variable, *value, line);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto arg = args[i];
    if (!arg.starts_with("--")) throw usage_error("unexpected argument '" + std::string(arg) + "' (see --help)");
    const auto equals = arg.find('=');
    const auto& option = find_option(arg.substr(0, equals));
    if (option.placeholder.empty()) {
      if (equals != std::string_view::npos) throw usage_error(std::string(option.flag) + " takes no value");
      apply(option, option.flag, "true", line);
    } else if (equals != std::string_view::npos) {
      apply(option, option.flag, arg.substr(equals + 1), line);
    } else if (i + 1 < args.size()) {
      apply(option, option.flag, args[++i], line);
    } else {
      throw usage_error(std::string(option.flag) + " needs a value: " + std::string(option.placeholder));
    }
  }
  if (!line.help_requested) check_consistency(line.settings);
  return line;
}

std::string usage_text(std::string_view program)
{
  std::string text = "Usage: " + std::string(program) + " [flags]\n\n"
                     "Serves the Pedal Power Fleet API and web pages. Each flag may also be set by the\n"
                     "environment variable shown; a flag wins over its variable.\n\n";
  constexpr std::size_t column = 30;
  for (const auto& option : options) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on `"literal" + std::string`.
    std::string left = "  ";
    left += option.flag;
    if (!option.placeholder.empty()) {
      left += ' ';
      left += option.placeholder;
    }
    left.resize(std::max(left.size() + 1, column), ' ');
    text += left;
    text += option.help;
    text += '\n';
    if (!option.variable.empty()) {
      text.append(column, ' ');
      text += "env ";
      text += option.variable;
      text += '\n';
    }
  }
  return text;
}

}  // namespace pedalpower::server
