#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "temp_database.hpp"

/// A signed-in coordinator's browser: the session cookie and CSRF token go with every request.
class coordinator_client {
public:
  coordinator_client(unsigned short port, const std::string& password);

  http_response send(std::string_view method, std::string_view target, const nlohmann::json& body = nullptr,
                     header_list extra = {});
  /// Sends `body_text` as it is, labelled as JSON when it is not empty.
  http_response send_text(std::string_view method, std::string_view target, std::string_view body_text,
                          header_list extra = {});
  /// Sends the request and requires `expected_status`; returns the parsed body.
  nlohmann::json expect(unsigned expected_status, std::string_view method, std::string_view target,
                        const nlohmann::json& body = nullptr);

private:
  http_client http_;
  std::string cookie_;
  std::string csrf_token_;
};

/// The real server on a temp database holding one coordinator login, one site and, once
/// add_bikes/add_staff are called, bikes and inducted staff made through the API.
class running_scheme {
public:
  explicit running_scheme(std::vector<std::string> server_args = {});

  server_process& server() { return *server_; }
  const std::string& database_path() const { return database_.path(); }
  coordinator_client& coordinator() { return *coordinator_; }
  std::int64_t site_id() const { return site_id_; }

  /// Creates `count` available bikes at the site; returns their ids.
  std::vector<std::int64_t> add_bikes(int count, const std::string& tag_prefix = "EB-");
  /// Creates `count` active, inducted staff on pay band `band` at the site; returns their ids.
  std::vector<std::int64_t> add_staff(int count, const std::string& band = "3", const std::string& number_prefix = "S");

  /// Signs in again after the server restarted (sessions survive; the connection does not).
  void reconnect();
  /// Another browser signed in as the coordinator, for tests with many clients.
  std::unique_ptr<coordinator_client> another_coordinator() const;
  /// Registers a kiosk at `site_id` (the scheme's site unless named); returns its bearer token.
  std::string register_kiosk(const std::string& name, std::optional<std::int64_t> site_id = std::nullopt);
  /// Adds another site; returns its id.
  std::int64_t add_site(const std::string& code);
  /// Gives each of these staff members the PIN `pin`, as a coordinator does.
  void set_pins(const std::vector<std::int64_t>& staff_ids, const std::string& pin);
  /// Identifies `staff_number` with `pin` at the kiosk with `kiosk_token`; returns the answer's body.
  nlohmann::json identify_at_kiosk(const std::string& kiosk_token, const std::string& staff_number,
                                   const std::string& pin);

  /// A checkout body the coordinator may send for `staff_id` and `bike_id`.
  nlohmann::json checkout_body(std::int64_t staff_id, std::int64_t bike_id) const;

private:
  temp_database database_;
  std::unique_ptr<server_process> server_;
  std::unique_ptr<coordinator_client> coordinator_;
  std::int64_t site_id_ = 0;
  std::string terms_version_;
};

/// Every row of the tables a loan touches, read straight from the database file: equal snapshots
/// mean a request changed nothing.
std::map<std::string, std::vector<std::string>> snapshot_of_loan_tables(const std::string& database_path);

/// The value of a one-number query on the database file.
std::int64_t count_rows(const std::string& database_path, const std::string& sql);

/// Runs one statement on the database file beside the running server, as a stand-in for time passing.
void run_sql(const std::string& database_path, const std::string& sql);
