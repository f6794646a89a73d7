#pragma once

#include <mutex>
#include <string_view>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "in_process_server.hpp"
#include "pedalpower/http/server.hpp"

/// A dispatch function for server tests: answers each request with a JSON echo of what the API
/// received, and counts the requests that reached it.
class echo_handler {
public:
  pedalpower::http::dispatcher dispatcher()
  {
    return [this](pedalpower::api::request request, pedalpower::api::responder respond) {
      {
        const std::lock_guard lock(mutex_);
        ++calls_;
      }
      respond(pedalpower::api::json_response(echo(request)));
    };
  }

  int calls() const
  {
    const std::lock_guard lock(mutex_);
    return calls_;
  }

  static nlohmann::json echo(const pedalpower::api::request& request)
  {
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [name, value] : request.headers) headers[name] = value;
    nlohmann::json query = nlohmann::json::array();
    for (const auto& [name, value] : request.query) query.push_back({name, value});
    return {{"method", request.method}, {"target", request.target}, {"path", request.path}, {"query", query},
            {"headers", headers},       {"body", request.body},     {"remote", request.remote_address},
            {"secure", request.secure}};
  }

private:
  mutable std::mutex mutex_;
  int calls_ = 0;
};

/// One answer to bytes sent as they are, and whether the server then closed the connection.
/// An in-process server on loopback whose every request reaches an echo_handler.
struct echo_server {
  explicit echo_server(pedalpower::http::server_options options = test_server_options())
      : server(handler.dispatcher(), std::move(options))
  {
  }

  /// A client of this server; `options` as for http_client.
  http_client connect(http_client_options options = {}) const { return {"127.0.0.1", server.port(), std::move(options)}; }

  /// Sends `bytes` as they are on a connection of their own and requires the answer a request the
  /// server cannot take safely gets: `status` with error `code`, the connection closed, and no handler run.
  void check_refused(std::string_view bytes, unsigned status, std::string_view code) const
  {
    auto client = connect();
    client.send_raw(bytes);
    const auto answer = client.read_response();
    CHECK(answer.status == status);
    CHECK(answer.error_code() == code);
    CHECK(client.wait_for_close());
    CHECK(handler.calls() == 0);
  }

  echo_handler handler;
  in_process_server server;
};
