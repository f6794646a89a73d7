#include "pedalpower/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pedalpower::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string content_type_of(const fs::path& file)
{
  const auto extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".json" || extension == ".map") return "application/json";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

/// The path inside the site, or nullopt when it would leave the folder.
std::optional<fs::path> relative_path_of(std::string_view path)
{
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return std::nullopt;
  while (path.starts_with('/')) path.remove_prefix(1);
  if (path.empty() || path.ends_with('/')) return fs::path(path) / "index.html";
  const auto relative = fs::path(path).lexically_normal();
  if (relative.empty() || relative.is_absolute() || *relative.begin() == "..") return std::nullopt;
  return relative;
}

bool names_a_page(std::string_view path)
{
  const auto last = path.substr(path.rfind('/') + 1);
  return last.find('.') == std::string_view::npos;
}

api::response not_found()
{
  return api::error_response(problem_kind::not_found, "not_found", "no such page");
}

}  // namespace

api::response serve_static_file(const static_site& site, std::string_view path)
{
  auto relative = relative_path_of(path);
  if (!relative) return not_found();
  std::error_code ignored;
  auto file = fs::path(site.root) / *relative;
  if (!fs::is_regular_file(file, ignored)) {
    if (!site.single_page || !names_a_page(path)) return not_found();
    relative = "index.html";
    file = fs::path(site.root) / *relative;
    if (!fs::is_regular_file(file, ignored)) return not_found();
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) return not_found();
  const bool fingerprinted = *relative->begin() == "assets";
  api::response answer;
  answer.content_type = content_type_of(file);
  answer.body = std::move(content).str();
  answer.headers = {{"Content-Security-Policy", std::string(content_security_policy)},
                    {"Referrer-Policy", "no-referrer"},
                    {"Cache-Control", fingerprinted ? "public, max-age=31536000, immutable" : "no-cache"}};
  return answer;
}

std::optional<api::response> serve_mounted(const static_site& site, std::string_view prefix, const api::request& req)
{
  const std::string_view path = req.path;
  if (!path.starts_with(prefix)) return std::nullopt;
  const auto rest = path.substr(prefix.size());
  if (!rest.empty() && !rest.starts_with('/')) return std::nullopt;
  if (req.method != "GET" && req.method != "HEAD") {
    auto refused = api::error_response(problem_kind::method_not_allowed, "method_not_allowed", "pages are read with GET");
    refused.headers.emplace_back("Allow", "GET, HEAD");
    return refused;
  }
  if (rest.empty()) {
    api::response moved;
    moved.status = 308;
    moved.content_type = "text/plain; charset=utf-8";
    moved.headers.emplace_back("Location", std::string(prefix) + "/");
    return moved;
  }
  return serve_static_file(site, rest);
}

}  // namespace pedalpower::http
