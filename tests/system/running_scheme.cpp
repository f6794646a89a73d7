#include "running_scheme.hpp"

#include <algorithm>
#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"

using namespace pedalpower;

namespace {

constexpr char coordinator_password[] = "a long enough test password";
// Test logins need no production-strength hash; the stored string names its cost.
constexpr pedalpower::scrypt_cost cheap_cost{1024, 8, 1};

void create_coordinator(const std::string& database_path)
{
  db::connection db(db::connection_options{.path = database_path});
  db::migrate(db);
  const auto created = domain::create_user(db, domain::actor{"test:setup"}, pedalpower::current_time(),
                                           {"coordinator", "Test coordinator", "coordinator"},
                                           pedalpower::hash_secret(coordinator_password, cheap_cost));
  if (!created) throw std::runtime_error(created.error().message);
}

std::string session_token_from(const http_response& answer)
{
  const auto cookie = answer.header("set-cookie").value_or("");
  const auto start = cookie.find('=') + 1;
  return cookie.substr(start, cookie.find(';') - start);
}

std::string current_terms_version(const std::string& database_path)
{
  db::connection db(db::connection_options{.path = database_path, .read_only = true});
  auto& row = db.query("SELECT version FROM terms_versions ORDER BY published_at DESC LIMIT 1");
  if (!row.step()) throw std::runtime_error("no loan terms published");
  auto version = row.get_text(0);
  row.reset();
  return version;
}

}  // namespace

coordinator_client::coordinator_client(unsigned short port, const std::string& password) : http_("127.0.0.1", port)
{
  const auto signed_in =
      http_.request("POST", "/api/v1/auth/login",
                    nlohmann::json{{"username", "coordinator"}, {"password", password}}.dump(),
                    {{"Content-Type", "application/json"}});
  if (signed_in.status != 200) throw std::runtime_error("sign-in failed: " + signed_in.body);
  cookie_ = session_token_from(signed_in);
  csrf_token_ = nlohmann::json::parse(signed_in.body).at("csrf_token").get<std::string>();
}

http_response coordinator_client::send(std::string_view method, std::string_view target, const nlohmann::json& body,
                                       header_list extra)
{
  return send_text(method, target, body.is_null() ? std::string() : body.dump(), std::move(extra));
}

http_response coordinator_client::send_text(std::string_view method, std::string_view target,
                                            std::string_view body_text, header_list extra)
{
  extra.emplace_back("Cookie", "pp_session=" + cookie_);
  extra.emplace_back("X-CSRF-Token", csrf_token_);
  if (!body_text.empty()) extra.emplace_back("Content-Type", "application/json");
  return http_.request(method, target, body_text, extra);
}

nlohmann::json coordinator_client::expect(unsigned expected_status, std::string_view method, std::string_view target,
                                          const nlohmann::json& body)
{
  const auto answer = send(method, target, body);
  if (answer.status != expected_status) {
    throw std::runtime_error(std::string(method) + " " + std::string(target) + " answered " +
                             std::to_string(answer.status) + ": " + answer.body);
  }
  return answer.body.empty() ? nlohmann::json() : nlohmann::json::parse(answer.body);
}

running_scheme::running_scheme(std::vector<std::string> server_args)
{
  create_coordinator(database_.path());
  terms_version_ = current_terms_version(database_.path());
  server_ = std::make_unique<server_process>(database_.path(), std::move(server_args));
  reconnect();
  site_id_ = coordinator_
                 ->expect(201, "POST", "/api/v1/sites",
                          {{"code", "BAS"}, {"name", "Basildon University Hospital"}, {"address", "Nethermayne"}})
                 .at("id")
                 .get<std::int64_t>();
}

void running_scheme::reconnect() { coordinator_ = another_coordinator(); }

std::unique_ptr<coordinator_client> running_scheme::another_coordinator() const
{
  return std::make_unique<coordinator_client>(server_->port(), coordinator_password);
}

std::string running_scheme::register_kiosk(const std::string& name, std::optional<std::int64_t> site_id)
{
  return coordinator_
      ->expect(201, "POST", "/api/v1/devices", {{"name", name}, {"role", "kiosk"}, {"site_id", site_id.value_or(site_id_)}})
      .at("token")
      .get<std::string>();
}

std::int64_t running_scheme::add_site(const std::string& code)
{
  return coordinator_->expect(201, "POST", "/api/v1/sites", {{"code", code}, {"name", code + " site"}, {"address", code}})
      .at("id")
      .get<std::int64_t>();
}

void running_scheme::set_pins(const std::vector<std::int64_t>& staff_ids, const std::string& pin)
{
  for (const auto id : staff_ids) coordinator_->expect(204, "PUT", "/api/v1/staff/" + std::to_string(id) + "/pin", {{"pin", pin}});
}

nlohmann::json running_scheme::identify_at_kiosk(const std::string& kiosk_token, const std::string& staff_number,
                                                 const std::string& pin)
{
  http_client kiosk("127.0.0.1", server_->port());
  const auto answer = kiosk.request("POST", "/api/v1/kiosk/identify",
                                    nlohmann::json{{"staff_number", staff_number}, {"pin", pin}}.dump(),
                                    {{"Authorization", "Bearer " + kiosk_token}, {"Content-Type", "application/json"}});
  if (answer.status != 200) throw std::runtime_error("identification answered " + std::to_string(answer.status) + ": " + answer.body);
  return nlohmann::json::parse(answer.body);
}

std::vector<std::int64_t> running_scheme::add_bikes(int count, const std::string& tag_prefix)
{
  std::vector<std::int64_t> ids;
  for (int i = 0; i < count; ++i) {
    const auto number = std::to_string(1000 + i);
    const nlohmann::json bike{{"asset_tag", tag_prefix + number}, {"frame_number", "FR" + tag_prefix + number},
                              {"make", "Raleigh"},                {"model", "Motus"},
                              {"site_id", site_id_},              {"odometer_m", 120000}};
    ids.push_back(coordinator_->expect(201, "POST", "/api/v1/bikes", bike).at("id").get<std::int64_t>());
  }
  return ids;
}

std::vector<std::int64_t> running_scheme::add_staff(int count, const std::string& band, const std::string& number_prefix)
{
  std::vector<std::int64_t> ids;
  for (int i = 0; i < count; ++i) {
    const auto number = number_prefix + std::to_string(10000 + i);
    const nlohmann::json member{{"staff_number", number},   {"name", "Staff " + number},
                                {"pay_band", band},         {"home_site_id", site_id_},
                                {"induction_date", "2025-03-01"}};
    ids.push_back(coordinator_->expect(201, "POST", "/api/v1/staff", member).at("id").get<std::int64_t>());
  }
  return ids;
}

nlohmann::json running_scheme::checkout_body(std::int64_t staff_id, std::int64_t bike_id) const
{
  return {{"staff_id", staff_id}, {"bike_id", bike_id}, {"terms_version", terms_version_}, {"accessories", {"helmet", "lock"}}};
}

std::map<std::string, std::vector<std::string>> snapshot_of_loan_tables(const std::string& database_path)
{
  db::connection db(db::connection_options{.path = database_path, .read_only = true});
  std::map<std::string, std::vector<std::string>> tables;
  // Table names are our own fixed text; a table cannot be a bound parameter.
  for (const char* table : {"bikes", "staff", "loans", "loan_accessories", "fault_reports", "waitlist_entries",
                            "reservations", "audit_log"}) {
    // The monthly report pack the server makes when it starts is audited: no change a request made.
    const std::string own_changes = std::string_view(table) == "audit_log" ? " WHERE actor <> 'system:report-packs'" : "";
    auto& rows = db.query(std::string("SELECT * FROM ") + table + own_changes);
    auto& lines = tables[table];
    while (rows.step()) {
      std::string line;
      for (int column = 0; column < rows.column_count(); ++column) {
        line += rows.get_optional_text(column).value_or("NULL") + "|";
      }
      lines.push_back(std::move(line));
    }
    rows.reset();
    std::sort(lines.begin(), lines.end());
  }
  return tables;
}

std::int64_t count_rows(const std::string& database_path, const std::string& sql)
{
  db::connection db(db::connection_options{.path = database_path, .read_only = true});
  return db.query_int(sql);
}

void run_sql(const std::string& database_path, const std::string& sql)
{
  db::connection db(db::connection_options{.path = database_path});
  db.run(sql);
}
