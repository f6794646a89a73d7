#pragma once

#include <mutex>

#include <nlohmann/json.hpp>

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
