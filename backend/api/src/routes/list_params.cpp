#include "routes/list_params.hpp"

#include "pedalpower/api/request.hpp"
#include "routes/loan_inputs.hpp"

namespace pedalpower::api {

domain::page_request page_of(const request& req)
{
  domain::page_request wanted;
  wanted.page = query_number(req, "page", 1, 1'000'000).value_or(1);
  wanted.page_size = query_number(req, "page_size", 1, domain::max_page_size).value_or(domain::default_page_size);
  return wanted;
}

domain::page_request page_request_of(const request& req)
{
  auto wanted = page_of(req);
  wanted.sort = query_text(req, "sort").value_or("");
  return wanted;
}

std::optional<bool> query_flag(const request& req, std::string_view name)
{
  const auto text = req.query_param(name);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  throw error(problem_kind::invalid, "invalid", std::string(name) + " must be true or false", std::string(name));
}

std::optional<std::string> query_text(const request& req, std::string_view name)
{
  const auto text = req.query_param(name);
  if (!text) return std::nullopt;
  return std::string(*text);
}

}  // namespace pedalpower::api
