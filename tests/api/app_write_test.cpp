#include <catch2/catch.hpp>

#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::api;

namespace {

app_config config_for(const temp_database& file)
{
  app_config config;
  config.database.path = file.path();
  return config;
}

request post(std::string body, std::optional<std::string> key, std::string target = "/api/v1/sites")
{
  request req;
  req.method = "POST";
  req.target = target;
  req.path = target.substr(0, target.find('?'));
  req.body = std::move(body);
  if (key) req.headers.emplace_back("idempotency-key", *key);
  req.caller = principal{role::coordinator, 1, "ann", std::nullopt, false, {}};
  return req;
}

/// Runs `job` through app::write for `req` and waits for the answer.
response written(const app& application, const request& req, write_job job)
{
  std::promise<response> done;
  application.write(req, [&](response r) { done.set_value(std::move(r)); }, std::move(job));
  return done.get_future().get();
}

/// Adds the site whose code the body names, answering 201, or refuses a site "BAD" after adding it.
response write_site(const app& application, const request& req)
{
  return written(application, req,
                 [body = req.body](db::connection& db, const domain::actor&, pedalpower::unix_seconds now) {
                   const auto input = nlohmann::json::parse(body);
                   const auto code = input.at("code").get<std::string>();
                   db.run("INSERT INTO sites(code, name, created_at) VALUES (?1, ?2, ?3)", code, code, now);
                   if (code == "BAD") {
                     return error_response(problem_kind::invalid, "invalid", "refused after writing", "code");
                   }
                   return json_response({{"id", db.last_insert_rowid()}}, 201);
                 });
}

/// A job that adds the Basildon site and answers `answer`.
write_job adding_basildon(response answer)
{
  return [answer = std::move(answer)](db::connection& db, const domain::actor&, pedalpower::unix_seconds now) {
    db.run("INSERT INTO sites(code, name, created_at) VALUES ('BAS', 'Basildon', ?1)", now);
    return answer;
  };
}

std::int64_t site_count(const app& application)
{
  return application.reader().query_int("SELECT count(*) FROM sites");
}

}  // namespace

TEST_CASE("a repeated Idempotency-Key with the same body answers the first response once")
{
  temp_database file;
  app application(config_for(file));
  const auto first = write_site(application, post(R"({"code":"BAS"})", "k-1"));
  const auto again = write_site(application, post(R"({"code":"BAS"})", "k-1"));
  CHECK(first.status == 201);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(site_count(application) == 1);
}

TEST_CASE("a replay is the first answer whole: status, content type, extra headers and body")
{
  temp_database file;
  app application(config_for(file));
  response made;
  made.status = 201;
  made.content_type = "text/plain; charset=utf-8";
  made.body = "made";
  made.headers = {{"Location", "/api/v1/sites/1"}, {"Retry-After", "5"}};
  const auto first = written(application, post("{}", "k-1"), adding_basildon(made));
  const auto again = written(application, post("{}", "k-1"), adding_basildon(made));
  CHECK(again.status == 201);
  CHECK(again.content_type == "text/plain; charset=utf-8");
  CHECK(again.body == "made");
  using header = std::pair<std::string, std::string>;
  CHECK(again.headers == std::vector<header>{{"Location", "/api/v1/sites/1"}, {"Retry-After", "5"},
                                             {"Idempotent-Replayed", "true"}});
  CHECK(first.headers.size() == 2);
  CHECK(site_count(application) == 1);
}

TEST_CASE("an answer past the replay cap is not kept: a repeat is done no second time and told so")
{
  temp_database file;
  app application(config_for(file));
  const auto large = json_response({{"report", std::string(100'000, 'x')}});
  const auto first = written(application, post("{}", "k-big"), adding_basildon(large));
  CHECK(first.status == 200);
  const auto again = written(application, post("{}", "k-big"), adding_basildon(large));
  CHECK(again.status == 409);
  CHECK(nlohmann::json::parse(again.body).at("error").at("code") == "answer_not_kept");
  CHECK(site_count(application) == 1);
  auto& stored = application.reader().query("SELECT length(response_body) FROM idempotency_keys");
  REQUIRE(stored.step());
  CHECK(stored.get_int(0) == 0);
  stored.reset();
}

TEST_CASE("the same Idempotency-Key with a different body is a 409 and changes nothing")
{
  temp_database file;
  app application(config_for(file));
  write_site(application, post(R"({"code":"BAS"})", "k-1"));
  const auto clash = write_site(application, post(R"({"code":"SOU"})", "k-1"));
  CHECK(clash.status == 409);
  CHECK(nlohmann::json::parse(clash.body)["error"]["code"] == "idempotency_key_reused");
  CHECK(site_count(application) == 1);
}

TEST_CASE("the same Idempotency-Key and body with another query string is a 409")
{
  temp_database file;
  app application(config_for(file));
  write_site(application, post(R"({"code":"BAS"})", "k-1", "/api/v1/sites?mode=a"));
  const auto clash = write_site(application, post(R"({"code":"BAS"})", "k-1", "/api/v1/sites?mode=b"));
  CHECK(clash.status == 409);
  CHECK(site_count(application) == 1);
}

TEST_CASE("an anonymous caller's Idempotency-Key is not kept: there is nobody to keep it for")
{
  temp_database file;
  app application(config_for(file));
  auto first = post(R"({"code":"BAS"})", "shared-key");
  first.caller.reset();
  auto second = post(R"({"code":"SOU"})", "shared-key");
  second.caller.reset();
  CHECK(write_site(application, first).status == 201);
  CHECK(write_site(application, second).status == 201);
  CHECK(site_count(application) == 2);
}

TEST_CASE("a write job that answers an error leaves the database as it was")
{
  temp_database file;
  app application(config_for(file));
  const auto refused = write_site(application, post(R"({"code":"BAD"})", std::nullopt));
  CHECK(refused.status == 422);
  CHECK(site_count(application) == 0);
}

TEST_CASE("a malformed Idempotency-Key is refused before anything runs")
{
  temp_database file;
  app application(config_for(file));
  const auto refused = write_site(application, post(R"({"code":"BAS"})", std::string(200, 'x')));
  CHECK(refused.status == 422);
  CHECK(site_count(application) == 0);
}

TEST_CASE("a full database answers 503 and warns once an episode, not once a request")
{
  temp_database file;
  auto config = config_for(file);
  std::mutex warnings_mutex;
  std::vector<std::string> warnings;
  config.warn = [&](std::string_view message) {
    const std::lock_guard lock(warnings_mutex);
    warnings.emplace_back(message);
  };
  app application(config);
  const auto limit_pages = [&](std::optional<std::int64_t> pages) {
    application.writer()
        .run([pages](db::connection& db) {
          auto& count = db.query("PRAGMA page_count");
          count.step();
          const auto now_used = count.get_int(0);
          count.reset();
          db.execute_script("PRAGMA max_page_count = " + std::to_string(pages.value_or(now_used)));
        })
        .get();
  };
  const auto write_numbered = [&](int n) {
    return write_site(application, post(R"({"code":")" + std::string(200, 'S') + std::to_string(n) + R"("})", std::nullopt));
  };
  const auto warnings_so_far = [&] {
    const std::lock_guard lock(warnings_mutex);
    return warnings;
  };

  limit_pages(std::nullopt);  // the file may not grow: SQLite's "database or disk is full"
  int n = 0;
  unsigned status = 201;
  while (status == 201 && n < 10'000) status = write_numbered(n++).status;
  REQUIRE(status == 503);
  CHECK(write_numbered(n++).status == 503);
  const auto refused = write_numbered(n++);
  CHECK(refused.status == 503);
  CHECK(nlohmann::json::parse(refused.body)["error"]["code"] == "storage_unavailable");
  REQUIRE(warnings_so_far().size() == 1);
  INFO(warnings_so_far()[0]);
  CHECK(warnings_so_far()[0].find("the database refused a change") != std::string::npos);

  limit_pages(1'000'000);
  CHECK(write_numbered(n++).status == 201);
  CHECK(write_numbered(n++).status == 201);
  REQUIRE(warnings_so_far().size() == 2);
  CHECK(warnings_so_far()[1].find("3 were refused") != std::string::npos);

  limit_pages(std::nullopt);
  status = 201;
  while (status == 201 && n < 20'000) status = write_numbered(n++).status;
  CHECK(status == 503);
  CHECK(warnings_so_far().size() == 3);
}
