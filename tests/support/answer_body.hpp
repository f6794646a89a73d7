#pragma once

#include <string>

#include <nlohmann/json.hpp>

// The JSON in an answer's body, for an in-process api::response and an http_response alike.

inline nlohmann::json body_of(const auto& answer) { return nlohmann::json::parse(answer.body); }

/// The {"code", "message", "field"} of an error answer.
inline nlohmann::json error_of(const auto& answer) { return body_of(answer).at("error"); }
inline std::string error_code(const auto& answer) { return error_of(answer).at("code"); }
inline std::string error_field(const auto& answer) { return error_of(answer).at("field"); }
/// An error answer's status and code as one text, "401 session_expired", so a check names both.
inline std::string status_and_code(const auto& answer)
{
  return std::to_string(answer.status) + " " + error_code(answer);
}
/// An error answer's status and the field it names, "422 status".
inline std::string status_and_field(const auto& answer)
{
  return std::to_string(answer.status) + " " + error_field(answer);
}
