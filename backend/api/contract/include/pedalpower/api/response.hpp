#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/outcome.hpp"

namespace pedalpower::api {

/// A body too large to hold in memory (an export), kept in a file of its own: the file is deleted
/// when the last response holding it is gone, sent or not.
class body_file {
public:
  /// A new, empty file in `folder` (the system's temporary folder when empty), readable by this
  /// process only. Throws std::runtime_error when it cannot be made.
  static std::shared_ptr<body_file> create(const std::string& folder = {});
  /// Makes `folder` if it is missing, readable by this process's user only, and deletes the body
  /// files in it that a server stopped while sending (killed, or the power cut) left behind.
  /// Throws std::filesystem::filesystem_error.
  static void clear_folder(const std::string& folder);
  ~body_file();
  body_file(const body_file&) = delete;
  body_file& operator=(const body_file&) = delete;

  const std::string& path() const noexcept { return path_; }

private:
  explicit body_file(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

struct response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, e.g. Set-Cookie
  /// When set, the body is this file's content, sent from disk a piece at a time; `body` is unused.
  std::shared_ptr<const body_file> file{};
};

/// Called exactly once with the answer; may be called from any thread.
using responder = std::function<void(response)>;

/// A JSON response of `status` with `value` as its body.
response json_response(const nlohmann::json& value, unsigned status = 200);

/// 201 Created with `value` as its body and `Location: <location>`.
response created_response(const nlohmann::json& value, std::string location);

/// 204 No Content: what a DELETE answers.
response no_content();

/// The one place a kind of problem becomes an HTTP status.
unsigned status_for(problem_kind kind);

/// The error body every API failure uses: {"error": {"code", "message", "field"}}, with the status of
/// `kind`.
response error_response(problem_kind kind, std::string_view code, std::string_view message, std::string_view field = {});

/// An error response telling the caller when to try again: a Retry-After header and
/// `retry_after_seconds` in the error body.
response retry_later(problem_kind kind, std::string_view code, std::string_view message, std::string_view field,
                     std::int64_t seconds);

}  // namespace pedalpower::api
