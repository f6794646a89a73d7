#include "pedalpower/api/router.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "pedalpower/api/accept.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::api {
namespace {

std::vector<std::string_view> split_path(std::string_view path)
{
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return segments;
}

bool is_parameter(std::string_view segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

/// How well a route's `segments` match `path`: -1 for no match, else the number of literal
/// segments, so `/loans/overdue` wins over `/loans/{id}`.
int match_score(const std::vector<std::string>& segments, const std::vector<std::string_view>& path,
                std::vector<std::pair<std::string, std::string>>* params)
{
  if (segments.size() != path.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (is_parameter(segments[i])) {
      if (params) params->emplace_back(segments[i].substr(1, segments[i].size() - 2), path[i]);
    } else if (segments[i] == path[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

/// How well `route` matches `path`, at its path or at its path with one of its endings.
int route_score(const route& candidate, std::vector<std::string_view>& path,
                std::vector<std::pair<std::string, std::string>>* params)
{
  const auto known = params ? params->size() : 0;
  const int score = match_score(candidate.segments, path, params);
  if (score >= 0 || path.empty()) return score;
  if (params) params->resize(known);  // a failed match may have taken some
  const auto last = path.back();
  for (const auto& ending : candidate.endings) {
    if (last.size() <= ending.size() || !last.ends_with(ending)) continue;
    path.back() = last.substr(0, last.size() - ending.size());
    const int stripped = match_score(candidate.segments, path, params);
    path.back() = last;
    if (stripped >= 0) return stripped;
  }
  return -1;
}

bool changes_state(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// A slow route's answer takes seconds at most; by then a place on the slow lane is likely free.
constexpr std::int64_t slow_lane_retry_seconds = 2;

/// A query's names and values are text like any other. One that is not UTF-8 or holds a control
/// character would match nothing and pass for an empty answer, so it is refused, naming the parameter.
std::optional<response> text_fault_of(const request& req)
{
  for (const auto& [name, value] : req.query) {
    if (const auto fault = pedalpower::text_fault(name)) {
      return error_response(problem_kind::invalid, "invalid_text", "a query parameter's name " + std::string(*fault),
                            "query");
    }
    if (const auto fault = pedalpower::text_fault(value)) {
      return error_response(problem_kind::invalid, "invalid_text", name + " " + std::string(*fault), name);
    }
  }
  return std::nullopt;
}

std::string listed(const std::vector<std::string>& names)
{
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

/// A parameter the route does not take, or one given twice, would be ignored and the answer would
/// look filtered when it is not, so it is refused, naming the parameter.
std::optional<response> name_fault_of(const request& req, const std::vector<std::string>& taken)
{
  for (auto asked = req.query.begin(); asked != req.query.end(); ++asked) {
    const auto& name = asked->first;
    if (name.empty()) {
      return error_response(problem_kind::invalid, "unknown_parameter", "a query parameter has no name", "query");
    }
    if (std::find(taken.begin(), taken.end(), name) == taken.end()) {
      const auto takes = taken.empty() ? std::string("it takes no query parameters") : "it takes " + listed(taken);
      return error_response(problem_kind::invalid, "unknown_parameter",
                            name + " is not a parameter of this request; " + takes, name);
    }
    if (std::any_of(req.query.begin(), asked, [&](const auto& earlier) { return earlier.first == name; })) {
      return error_response(problem_kind::invalid, "repeated_parameter", name + " is given more than once", name);
    }
  }
  return std::nullopt;
}

/// Checked before the route runs, so that a change is never made for an answer the caller cannot take.
std::optional<response> accept_fault(const request& req, const route& chosen)
{
  if (chosen.answer_types.empty() || !chosen.endings.empty()) return std::nullopt;
  const auto accept = pedalpower::trimmed(req.header("accept").value_or(""));
  if (accept.empty()) return std::nullopt;
  const auto ranges = ranges_of(accept);
  const bool welcomed = std::any_of(chosen.answer_types.begin(), chosen.answer_types.end(),
                                    [&](const std::string& type) { return welcome(ranges, type) > 0.0; });
  if (welcomed) return std::nullopt;
  return error_response(problem_kind::not_acceptable, "not_acceptable",
                        "this answer comes as " + listed(chosen.answer_types), "Accept");
}

std::optional<response> request_fault(const request& req, const route& chosen)
{
  if (auto fault = text_fault_of(req)) return fault;
  if (chosen.query_names) {
    if (auto fault = name_fault_of(req, *chosen.query_names)) return fault;
  }
  return accept_fault(req, chosen);
}

/// A handler that throws before handing `respond` on still answers; one that hands it on owns it.
void run_handler(const handler& handle, const request& req, const std::shared_ptr<responder>& respond)
{
  try {
    handle(req, [respond](response answer) { (*respond)(std::move(answer)); });
  } catch (...) {
    (*respond)(guarded([]() -> response { throw; }));
  }
}

}  // namespace

void router::add(std::string method, std::string pattern, std::initializer_list<role> roles, handler handle)
{
  std::vector<std::string> segments;
  for (const auto segment : split_path(pattern)) segments.emplace_back(segment);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::vector<role>(roles), std::move(handle), std::move(segments)});
}

route& router::registered(std::string_view method, std::string_view pattern)
{
  const auto found = std::find_if(routes_.begin(), routes_.end(), [&](const route& candidate) {
    return candidate.method == method && candidate.pattern == pattern;
  });
  if (found == routes_.end()) {
    throw std::invalid_argument("no route " + std::string(method) + " " + std::string(pattern) + " is registered");
  }
  return *found;
}

void router::mark_slow(std::string_view method, std::string_view pattern) { registered(method, pattern).slow = true; }

void router::declare_query(std::string_view method, std::string_view pattern, std::vector<std::string> names)
{
  registered(method, pattern).query_names = std::move(names);
}

void router::declare_body(std::string_view method, std::string_view pattern, body_fields fields)
{
  registered(method, pattern).body = std::move(fields);
}

void router::declare_answers(std::string_view method, std::string_view pattern, std::vector<std::string> types)
{
  registered(method, pattern).answer_types = std::move(types);
}

void router::add_endings(std::string_view method, std::string_view pattern, std::vector<std::string> endings,
                         std::function<bool(const request&)> slow_if)
{
  auto& found = registered(method, pattern);
  found.endings = std::move(endings);
  found.slow_if = std::move(slow_if);
}

void router::dispatch(request req, responder respond) const
{
  // HEAD is answered as GET: the server sends the same status and headers and leaves out the body.
  const std::string asked = req.method;
  if (req.method == "HEAD") req.method = "GET";
  auto path = split_path(req.path);
  const route* chosen = nullptr;
  int best = -1;
  std::vector<std::string> allowed_methods;
  for (const auto& candidate : routes_) {
    const int score = route_score(candidate, path, nullptr);
    if (score < 0) continue;
    if (candidate.method == req.method) {
      if (score > best) {
        best = score;
        chosen = &candidate;
      }
    } else if (std::find(allowed_methods.begin(), allowed_methods.end(), candidate.method) == allowed_methods.end()) {
      allowed_methods.push_back(candidate.method);
    }
  }
  if (!chosen) {
    if (allowed_methods.empty()) {
      respond(error_response(problem_kind::not_found, "not_found", "no such resource: " + req.path));
      return;
    }
    std::string allow;
    for (const auto& method : allowed_methods) {
      allow += (allow.empty() ? "" : ", ") + method;
      if (method == "GET") allow += ", HEAD";
    }
    auto refusal = error_response(problem_kind::method_not_allowed, "method_not_allowed",
                                  asked + " is not allowed here; use " + allow);
    refusal.headers.emplace_back("Allow", allow);
    respond(std::move(refusal));
    return;
  }
  route_score(*chosen, path, &req.path_params);

  if (!chosen->roles.empty()) {
    auto checked = guarded([&]() -> response {
      req.caller = identify_ ? identify_(req) : std::nullopt;
      if (!req.caller) throw error(problem_kind::unauthenticated, "unauthenticated", "sign in or present a device token");
      if (std::find(chosen->roles.begin(), chosen->roles.end(), req.caller->kind) == chosen->roles.end()) {
        throw error(problem_kind::forbidden, "forbidden", "a " + std::string(to_string(req.caller->kind)) + " may not do this");
      }
      if (req.caller->via_cookie && changes_state(req.method)) {
        const auto token = req.header("x-csrf-token");
        if (!token || req.caller->csrf_token.empty() || *token != req.caller->csrf_token) {
          throw error(problem_kind::forbidden, "csrf_failed", "the X-CSRF-Token header is missing or wrong", "X-CSRF-Token");
        }
      }
      return {};
    });
    if (checked.status != 200) {
      respond(std::move(checked));
      return;
    }
  }

  if (auto refused = request_fault(req, *chosen)) {
    respond(std::move(*refused));
    return;
  }
  req.query_names = chosen->query_names ? &*chosen->query_names : nullptr;
  req.documented_body = chosen->body ? &*chosen->body : nullptr;

  auto shared_respond = std::make_shared<responder>(std::move(respond));
  const bool slow = chosen->slow || (chosen->slow_if && chosen->slow_if(req));
  if (!slow || !slow_lane_) {
    run_handler(chosen->handle, req, shared_respond);
    return;
  }
  const bool taken = slow_lane_([&handle = chosen->handle, req = std::move(req), shared_respond] {
    run_handler(handle, req, shared_respond);
  });
  if (!taken) {
    (*shared_respond)(retry_later(problem_kind::unavailable, "busy", "the server is busy with other long requests; try again shortly", "",
                                  slow_lane_retry_seconds));
  }
}

response guarded(const std::function<response()>& body)
{
  try {
    return body();
  } catch (const error& failure) {
    return failure.to_response();
  } catch (const std::exception& failure) {
    // Request bodies are read without exceptions (json_body), so a JSON exception here is a fault in
    // stored data or in the server, like any other: a 500 that keeps its details in the log.
    std::fprintf(stderr, "error: request failed: %s\n", failure.what());
    return error_response(problem_kind::internal, "internal", "the server could not complete the request");
  }
}

}  // namespace pedalpower::api
