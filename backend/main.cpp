// The server executable: reads the settings, opens the database through the API application and
// serves it over HTTP(S) until SIGTERM or SIGINT.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/core/environment.hpp"
#include "pedalpower/core/time_zone.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/users.hpp"
#include "pedalpower/server/command_line.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/port_file.hpp"
#include "pedalpower/http/server.hpp"
#include "pedalpower/http/static_files.hpp"

namespace {

using namespace pedalpower;

constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

/// The first line of `path`, where a secret is kept out of the command line and the environment.
std::string read_secret_file(const std::string& path)
{
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::string secret;
  std::getline(file, secret);
  return secret;
}

api::app_config app_config_from(const server::launch_settings& settings, http::logger& log)
{
  api::app_config config;
  config.database.path = settings.database_path;
  config.database.synchronous = settings.synchronous;
  config.warn = [&log](std::string_view message) { log.write(http::log_level::warn, message); };
  const auto& mail = settings.mail;
  auto& notifications = config.notifications;
  if (!mail.relay.host.empty()) {
    notifications.relay = mail.relay;
    notifications.relay->from_name = mail.scheme_name;
    if (!mail.password_file.empty()) notifications.relay->password = read_secret_file(mail.password_file);
  }
  notifications.scheme_name = mail.scheme_name;
  notifications.hours.first_hour = mail.working_hours_from;
  notifications.hours.end_hour = mail.working_hours_until;
  notifications.hours.weekends = mail.weekends;
  notifications.reminder_days = mail.reminder_days;
  notifications.retries.first = mail.first_retry.count();
  notifications.delivery_interval = mail.poll_interval;
  // The GBFS feeds name the scheme as its mail does, with the address its mail comes from as the contact.
  config.feeds.name = mail.scheme_name;
  if (!mail.relay.from_address.empty()) config.feeds.contact_email = mail.relay.from_address;
  // The feeds' time zone is the one the server's emails and working hours keep.
  if (auto zone = time_zone_name(process_environment)) config.feeds.timezone = std::move(*zone);
  config.report_suppress_below = settings.report_suppress_below;
  config.public_url = settings.public_url;
  config.report_packs.as_of = settings.report_packs_as_of;
  return config;
}

/// The web admin's pages when --admin-root is not given: the installed copy beside the program
/// (../share/pedalpower/admin), else the folder this build wrote them to.
std::string default_admin_root()
{
  std::error_code ignored;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", ignored);
  if (!ignored) {
    const auto installed = program.parent_path().parent_path() / "share" / "pedalpower" / "admin";
    if (std::filesystem::is_directory(installed, ignored)) return installed.string();
  }
  return PEDALPOWER_ADMIN_ROOT;
}

/// Fills an empty database with the demo scheme. Throws on failure.
void prepare_demo(db::connection& db, http::logger& log)
{
  if (!domain::list_sites(db).empty()) return;
  const auto seeded = domain::seed_demo(db, pedalpower::current_time());
  if (!seeded) throw std::runtime_error("cannot prepare the demo data: " + seeded.error().message);
  log.write(http::log_level::info, "demo data: " + nlohmann::json(seeded.value()).dump());
}

/// Gives the demo coordinator a fresh password and returns it: once the server listens, so that a
/// start that fails (the port taken by another demo) leaves the password that one printed working.
std::string fresh_demo_password(const api::app& application)
{
  return application.writer()
      .run([](db::connection& db) { return domain::demo_coordinator_login(db, pedalpower::current_time()); })
      .get();
}

int serve(const server::launch_settings& settings)
{
  http::logger log(settings.log, std::cerr);
  std::unique_ptr<api::app> application;
  try {
    auto config = app_config_from(settings, log);
    if (settings.demo) config.prepare = [&log](db::connection& db) { prepare_demo(db, log); };
    application = std::make_unique<api::app>(std::move(config));
  } catch (const db::schema_too_new_error& e) {
    std::cerr << "cannot open " << settings.database_path << ": it was written by a newer version of this program ("
              << e.what() << ")\n";
    return exit_failure;
  } catch (const db::error& e) {
    std::cerr << "cannot open the database " << settings.database_path << ": " << e.what() << "\n";
    return exit_failure;
  } catch (const std::exception& e) {
    std::cerr << "cannot start: " << e.what() << "\n";
    return exit_failure;
  }
  const http::static_site admin{.root = settings.admin_root.empty() ? default_admin_root() : settings.admin_root,
                                .single_page = true};
  auto server_options = settings.server;
  server_options.stop_on_signals = true;
  try {
    http::server server(server_options, [&app = *application, &admin](api::request request, api::responder respond) {
      if (request.path == "/") request.path = "/admin";  // the front door leads to the web admin
      if (auto page = http::serve_mounted(admin, "/admin", request)) {
        respond(std::move(*page));
        return;
      }
      app.dispatch(std::move(request), std::move(respond));
    }, log);
    std::cout << "listening on " << (server.secure() ? "https" : "http") << "://" << server_options.address << ":"
              << server.port() << std::endl;
    if (settings.demo) {
      std::cout << "demo coordinator login: username coordinator, password " << fresh_demo_password(*application)
                << std::endl;
    }
    // Written last: whoever waits for this file finds everything above already printed.
    if (!settings.port_file.empty()) http::write_port_file(settings.port_file, server.port());
    server.run();
  } catch (const std::exception& e) {
    std::cerr << "cannot serve: " << e.what() << "\n";
    return exit_failure;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv)
{
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  server::command_line line;
  try {
    line = server::parse_command_line(args, process_environment);
  } catch (const server::usage_error& e) {
    std::cerr << e.what() << "\n";
    return exit_usage;
  }
  if (line.help_requested) {
    std::cout << server::usage_text(argv[0]);
    return 0;
  }
  if (const auto fault = time_zone_fault(process_environment)) {
    std::cerr << *fault << "\n";
    return exit_usage;
  }
  return serve(line.settings);
}
