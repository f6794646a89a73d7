#pragma once

#include <fstream>
#include <future>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"
#include "pedalpower/api/router.hpp"

// What every API test does to talk to the app without sockets: build a request as the HTTP layer
// would, dispatch it and wait for the answer, run setup on the writer, and read a number back.
namespace app_calls {

/// An app on `database_path` that skips fsync (durability is tested against the real server) and runs
/// no housekeeping, whose first pass could sweep away the old rows a test stages.
inline pedalpower::api::app_config test_config(const std::string& database_path)
{
  pedalpower::api::app_config config;
  config.database.path = database_path;
  config.database.synchronous = pedalpower::db::synchronous_mode::off;
  config.housekeeping = false;
  return config;
}

/// A request as a client sends it: a body is application/json unless `content_type` says otherwise
/// (an empty one sends no Content-Type at all).
inline pedalpower::api::request make_request(const std::string& method, const std::string& target,
                                             std::string body = {},
                                             std::optional<std::string> content_type = std::nullopt)
{
  pedalpower::api::request req;
  req.method = method;
  req.target = target;
  pedalpower::api::parse_target(target, req.path, req.query);
  req.body = std::move(body);
  if (!content_type && !req.body.empty()) content_type = "application/json";
  if (content_type && !content_type->empty()) req.headers.emplace_back("content-type", *content_type);
  req.remote_address = "192.0.2.10";
  return req;
}

/// Dispatches through an app or a router and waits for the answer.
template <typename Dispatcher>
pedalpower::api::response dispatch(const Dispatcher& target, pedalpower::api::request req)
{
  std::promise<pedalpower::api::response> answered;
  auto answer = answered.get_future();
  target.dispatch(std::move(req), [&answered](pedalpower::api::response r) { answered.set_value(std::move(r)); });
  auto response = answer.get();
  // A file answer is read back whole, as a client receives it.
  if (response.file) {
    std::ifstream sent(response.file->path(), std::ios::binary);
    response.body.assign(std::istreambuf_iterator<char>(sent), std::istreambuf_iterator<char>());
  }
  return response;
}

template <typename Job>
std::invoke_result_t<Job&, pedalpower::db::connection&> on_writer(const pedalpower::api::app& application, Job job)
{
  return application.writer().run(std::move(job)).get();
}

inline std::int64_t count(const pedalpower::api::app& application, const std::string& sql)
{
  return application.reader().query_int(sql);
}

/// The session token a sign-in answer sets in its cookie.
inline std::string session_token(const pedalpower::api::response& signed_in)
{
  for (const auto& [name, value] : signed_in.headers) {
    if (name != "Set-Cookie") continue;
    const auto start = value.find('=') + 1;
    return value.substr(start, value.find(';') - start);
  }
  return {};
}

}  // namespace app_calls
