#include "pedalpower/server/command_line.hpp"

#include <map>

using namespace pedalpower;
using server::parse_command_line;

namespace {

/// A fake environment for one test.
struct environment {
  std::map<std::string, std::string, std::less<>> values;

  environment_lookup lookup() const
  {
    return [this](std::string_view name) -> std::optional<std::string> {
      const auto found = values.find(name);
      if (found == values.end()) return std::nullopt;
      return found->second;
    };
  }
};

server::launch_settings parse(std::vector<std::string_view> args, const environment& env = {})
{
  return parse_command_line(args, env.lookup()).settings;
}

}  // namespace

TEST_CASE("without flags or environment the defaults apply")
{
  const auto settings = parse({});
  CHECK(settings.server.address == "127.0.0.1");
  CHECK(settings.server.port == 8080);
  CHECK(settings.database_path == "data/pedalpower.sqlite");
  CHECK(settings.synchronous == db::synchronous_mode::full);
  CHECK(settings.log == http::log_level::info);
  CHECK(settings.server.io_threads == 2);
  CHECK(settings.server.body_limit == 1024 * 1024);
  CHECK_FALSE(settings.server.tls_enabled());
  CHECK_FALSE(settings.server.allow_plain_http);
  CHECK_FALSE(settings.demo);
}

TEST_CASE("flags set every setting with a space or an equals sign")
{
  const auto settings =
      parse({"--listen", "10.0.0.5", "--port=0", "--port-file", "/tmp/p", "--db", "x.sqlite", "--synchronous=normal",
             "--tls-cert", "c.pem", "--tls-key", "k.pem", "--allow-plain-http",
             "--log-level", "debug", "--threads", "4", "--max-connections", "10", "--max-connections-per-address", "3",
             "--max-body-bytes", "2048",
             "--max-header-bytes", "4096", "--request-timeout", "250ms", "--idle-timeout", "5s", "--write-timeout", "7",
             "--download-min-bytes", "1000", "--download-window", "2s", "--shutdown-timeout", "3s", "--demo"});
  CHECK(settings.server.address == "10.0.0.5");
  CHECK(settings.server.port == 0);
  CHECK(settings.port_file == "/tmp/p");
  CHECK(settings.database_path == "x.sqlite");
  CHECK(settings.synchronous == db::synchronous_mode::normal);
  CHECK(settings.server.tls_certificate_file == "c.pem");
  CHECK(settings.server.tls_private_key_file == "k.pem");
  CHECK(settings.server.allow_plain_http);
  CHECK(settings.log == http::log_level::debug);
  CHECK(settings.server.io_threads == 4);
  CHECK(settings.server.max_connections == 10);
  CHECK(settings.server.max_connections_per_address == 3);
  CHECK(settings.server.body_limit == 2048);
  CHECK(settings.server.header_limit == 4096);
  CHECK(settings.server.request_timeout == std::chrono::milliseconds(250));
  CHECK(settings.server.idle_timeout == std::chrono::seconds(5));
  CHECK(settings.server.write_timeout == std::chrono::seconds(7));
  CHECK(settings.server.download_min_bytes == 1000);
  CHECK(settings.server.download_window == std::chrono::seconds(2));
  CHECK(settings.server.shutdown_timeout == std::chrono::seconds(3));
  CHECK(settings.demo);
}

TEST_CASE("environment variables set settings and a flag wins over its variable")
{
  environment env;
  env.values = {{"PEDALPOWER_PORT", "9000"}, {"PEDALPOWER_DB", "env.sqlite"}, {"PEDALPOWER_LOG_LEVEL", "warn"},
                {"PEDALPOWER_LISTEN", "::1"}, {"PEDALPOWER_TLS_CERT", "c.pem"}, {"PEDALPOWER_TLS_KEY", "k.pem"},
                {"PEDALPOWER_SYNCHRONOUS", "normal"}, {"PEDALPOWER_DEMO", "yes"}};
  const auto from_env = parse({}, env);
  CHECK(from_env.server.port == 9000);
  CHECK(from_env.database_path == "env.sqlite");
  CHECK(from_env.log == http::log_level::warn);
  CHECK(from_env.server.address == "::1");
  CHECK(from_env.server.tls_enabled());
  CHECK(from_env.synchronous == db::synchronous_mode::normal);
  CHECK(from_env.demo);

  const auto overridden = parse({"--port", "9100", "--db", "flag.sqlite"}, env);
  CHECK(overridden.server.port == 9100);
  CHECK(overridden.database_path == "flag.sqlite");
  CHECK(overridden.log == http::log_level::warn);
}

TEST_CASE("a bad value is refused with a message naming the flag or variable")
{
  CHECK_THROWS_WITH(parse({"--port", "70000"}), Catch::Contains("--port") && Catch::Contains("70000"));
  CHECK_THROWS_WITH(parse({"--port", "80x"}), Catch::Contains("--port"));
  CHECK_THROWS_WITH(parse({"--log-level", "loud"}), Catch::Contains("--log-level") && Catch::Contains("debug"));
  CHECK_THROWS_WITH(parse({"--synchronous", "off"}), Catch::Contains("full or normal"));
  CHECK_THROWS_WITH(parse({"--listen", "example.org"}), Catch::Contains("--listen"));
  CHECK_THROWS_WITH(parse({"--threads", "0"}), Catch::Contains("--threads"));
  CHECK_THROWS_WITH(parse({"--request-timeout", "soon"}), Catch::Contains("duration"));
  CHECK_THROWS_WITH(parse({"--db", ""}), Catch::Contains("--db"));

  environment env;
  env.values = {{"PEDALPOWER_PORT", "-1"}};
  CHECK_THROWS_WITH(parse({}, env), Catch::Contains("PEDALPOWER_PORT"));
  env.values = {{"PEDALPOWER_ALLOW_PLAIN_HTTP", "maybe"}};
  CHECK_THROWS_WITH(parse({}, env), Catch::Contains("PEDALPOWER_ALLOW_PLAIN_HTTP"));
}

TEST_CASE("unknown flags and stray arguments and missing values are refused")
{
  CHECK_THROWS_AS(parse({"--prot", "80"}), server::usage_error);
  CHECK_THROWS_WITH(parse({"--prot", "80"}), Catch::Contains("unknown flag --prot"));
  CHECK_THROWS_WITH(parse({"serve"}), Catch::Contains("unexpected argument"));
  CHECK_THROWS_WITH(parse({"--port"}), Catch::Contains("--port needs a value"));
  CHECK_THROWS_WITH(parse({"--demo=1"}), Catch::Contains("--demo takes no value"));
}

TEST_CASE("a TLS certificate without its key is refused")
{
  CHECK_THROWS_WITH(parse({"--tls-cert", "c.pem"}), Catch::Contains("--tls-key"));
  CHECK_THROWS_WITH(parse({"--tls-key", "k.pem"}), Catch::Contains("--tls-cert"));
}

TEST_CASE("--help is recognised even beside settings that would be refused")
{
  const environment env;
  const auto line = parse_command_line({"--tls-cert", "c.pem", "--help"}, env.lookup());
  CHECK(line.help_requested);
  CHECK_FALSE(parse_command_line({}, env.lookup()).help_requested);
}

TEST_CASE("the help text lists every flag with its environment variable")
{
  const auto text = server::usage_text("pedalpower-server");
  CHECK_THAT(text, Catch::StartsWith("Usage: pedalpower-server"));
  for (const char* expected :
       {"--listen ADDR", "PEDALPOWER_LISTEN", "--port N", "PEDALPOWER_PORT", "--port-file PATH", "--db PATH",
        "PEDALPOWER_DB", "--synchronous full|normal", "--tls-cert PATH", "PEDALPOWER_TLS_CERT", "--tls-key PATH",
        "PEDALPOWER_TLS_KEY", "--allow-plain-http", "--log-level LEVEL",
        "PEDALPOWER_LOG_LEVEL", "--max-body-bytes N", "--request-timeout TIME", "--idle-timeout TIME",
        "--shutdown-timeout TIME", "--demo", "--help"}) {
    CHECK_THAT(text, Catch::Contains(expected));
  }
}

TEST_CASE("reports suppress counts below 5 people unless told another threshold")
{
  CHECK(parse({}).report_suppress_below == 5);
  CHECK(parse({"--report-suppress-below", "10"}).report_suppress_below == 10);
  environment env;
  env.values = {{"PEDALPOWER_REPORT_SUPPRESS_BELOW", "3"}};
  CHECK(parse({}, env).report_suppress_below == 3);
  CHECK_THROWS_WITH(parse({"--report-suppress-below", "0"}), Catch::Contains("--report-suppress-below"));
}
