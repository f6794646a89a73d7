#include "pedalpower/kiosk/local_guard.hpp"

#include <algorithm>
#include <cctype>

#include <openssl/crypto.h>

#include "pedalpower/api/error.hpp"
#include "pedalpower/kiosk/uuid.hpp"

namespace pedalpower::kiosk {
namespace {

constexpr std::string_view secret_placeholder = R"(<meta name="kiosk-secret" content="">)";

bool same_secret(std::string_view sent, std::string_view expected)
{
  return sent.size() == expected.size() && CRYPTO_memcmp(sent.data(), expected.data(), expected.size()) == 0;
}

bool is_json(std::string_view content_type)
{
  const auto media = content_type.substr(0, content_type.find(';'));
  std::string lower(media);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  lower.erase(lower.find_last_not_of(" \t") + 1);
  return lower == "application/json";
}

}  // namespace

local_guard::local_guard() : secret_(random_uuid()) {}

void local_guard::listening_on(std::string_view address, unsigned short port)
{
  const auto suffix = ":" + std::to_string(port);
  hosts_ = {std::string(address) + suffix};
  if (address == "127.0.0.1" || address == "::1" || address == "[::1]") {
    hosts_ = {"127.0.0.1" + suffix, "localhost" + suffix, "[::1]" + suffix};
  }
}

bool local_guard::known_host(std::string_view host) const
{
  return std::find(hosts_.begin(), hosts_.end(), host) != hosts_.end();
}

std::optional<api::response> local_guard::refusal(const api::request& req) const
{
  if (!known_host(req.header("host").value_or(""))) {
    return api::error_response(problem_kind::forbidden, "wrong_host", "This kiosk answers only at its own address.");
  }
  if (!req.path.starts_with("/local/")) return std::nullopt;
  if (const auto origin = req.header("origin"); origin && !(origin->starts_with("http://") && known_host(origin->substr(7)))) {
    return api::error_response(problem_kind::forbidden, "cross_origin", "Only the kiosk's own page may use it.");
  }
  if (!same_secret(req.header("x-kiosk-secret").value_or(""), secret_)) {
    return api::error_response(problem_kind::forbidden, "kiosk_secret_required", "Only the kiosk's own page may use it.",
                               "X-Kiosk-Secret");
  }
  if (req.method == "POST" && !is_json(req.header("content-type").value_or(""))) {
    return api::error_response(problem_kind::unsupported_media_type, "unsupported_media_type", "Send application/json.", "Content-Type");
  }
  return std::nullopt;
}

void local_guard::hand_secret_to(api::response& page) const
{
  const auto at = page.body.find(secret_placeholder);
  if (at == std::string::npos) return;
  page.body.replace(at, secret_placeholder.size(), R"(<meta name="kiosk-secret" content=")" + secret_ + R"(">)");
}

}  // namespace pedalpower::kiosk
