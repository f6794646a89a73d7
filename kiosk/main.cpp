#include <iostream>
#include <memory>
#include <vector>

#include "pedalpower/core/environment.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/port_file.hpp"
#include "pedalpower/http/server.hpp"
#include "pedalpower/kiosk/agent_options.hpp"
#include "pedalpower/kiosk/backend_gateway.hpp"
#include "pedalpower/kiosk/kiosk_database.hpp"
#include "pedalpower/kiosk/kiosk_service.hpp"
#include "pedalpower/kiosk/local_api.hpp"
#include "pedalpower/kiosk/serial_worker.hpp"
#include "pedalpower/kiosk/ui_root.hpp"

using namespace pedalpower;

namespace {

int run_agent(const kiosk::agent_options& options)
{
  http::logger log(http::log_level::info, std::cerr);
  auto database = kiosk::open_kiosk_database(options.journal);

  kiosk::backend_gateway backend(
      kiosk::backend_client({kiosk::parse_backend_url(options.backend_url), options.ca_file, std::chrono::seconds(5)}),
      options.device_token);
  kiosk::replay_worker replay({options.journal, {std::chrono::milliseconds(1000), options.retry_max},
                               options.health_interval},
                              backend);
  kiosk::staff_cache cache(*database, {.max_age_seconds = std::int64_t{options.offline_days} * 86400});
  kiosk::kiosk_sessions sessions(120);
  kiosk::kiosk_service service({options.site}, *database, cache, backend, replay, sessions);
  kiosk::local_guard guard;
  kiosk::local_api local(service, options.ui_root.empty() ? kiosk::default_ui_root() : options.ui_root, guard);
  kiosk::serial_worker worker;

  http::server_options listening;
  listening.address = options.listen;
  listening.port = options.port;
  listening.io_threads = 1;
  listening.stop_on_signals = true;
  http::server server(
      listening,
      [&](api::request req, api::responder respond) {
        worker.submit([&local, req = std::move(req), respond = std::move(respond)] { respond(local.handle(req)); });
      },
      log);
  guard.listening_on(options.listen, server.port());
  if (!options.port_file.empty()) http::write_port_file(options.port_file, server.port());
  log.write(http::log_level::info, "kiosk agent serving http://" + options.listen + ":" + std::to_string(server.port()) +
                                       "/ for site " + options.site);
  server.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv)
{
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  try {
    const auto options = kiosk::parse_agent_options(args, process_environment);
    if (options.help) {
      std::cout << kiosk::agent_usage(argv[0]);
      return 0;
    }
    return run_agent(options);
  } catch (const kiosk::agent_usage_error& failure) {
    std::cerr << argv[0] << ": " << failure.what() << "\n";
    return 2;
  } catch (const std::exception& failure) {
    std::cerr << argv[0] << ": " << failure.what() << "\n";
    return 1;
  }
}
