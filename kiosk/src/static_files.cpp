#include "pedalpower/kiosk/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pedalpower::kiosk {
namespace {

std::string content_type_of(const std::filesystem::path& file)
{
  const auto extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".json") return "application/json";
  return "application/octet-stream";
}

}  // namespace

api::response serve_ui_file(const std::string& root, const std::string& path)
{
  namespace fs = std::filesystem;
  const auto relative = fs::path(path == "/" ? "index.html" : path.substr(1)).lexically_normal();
  const bool escapes = relative.empty() || relative.is_absolute() || *relative.begin() == "..";
  const auto file = fs::path(root) / relative;
  std::error_code ignored;
  if (escapes || path.find('\0') != std::string::npos || !fs::is_regular_file(file, ignored)) {
    return api::error_response(404, "not_found", "no such page");
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  api::response answer;
  answer.content_type = content_type_of(file);
  answer.body = content.str();
  answer.headers = {{"Content-Security-Policy",
                     "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"},
                    {"X-Content-Type-Options", "nosniff"}};
  return answer;
}

}  // namespace pedalpower::kiosk
