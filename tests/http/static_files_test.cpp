#include "pedalpower/http/static_files.hpp"

#include <filesystem>
#include <fstream>

#include "temp_folder.hpp"

namespace {

using pedalpower::http::serve_mounted;
using pedalpower::http::serve_static_file;
using pedalpower::http::static_site;

void write(const std::filesystem::path& file, const std::string& text)
{
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::string header(const pedalpower::api::response& answer, std::string_view name)
{
  for (const auto& [key, value] : answer.headers) {
    if (key == name) return value;
  }
  return {};
}

struct site_folder {
  temp_folder folder;
  static_site site{.root = folder.file("site"), .single_page = true};

  site_folder()
  {
    const std::filesystem::path root = folder.path();
    write(root / "site" / "index.html", "<!doctype html><title>admin</title>");
    write(root / "site" / "assets" / "app-1a2b.js", "export {}");
    write(root / "site" / "assets" / "app-1a2b.css", "body{}");
    write(root / "secret.txt", "outside the site");
  }
};

pedalpower::api::request get(std::string path)
{
  pedalpower::api::request req;
  req.method = "GET";
  req.target = path;
  req.path = std::move(path);
  return req;
}

}  // namespace

TEST_CASE("a page answers with its content type, a strict content security policy and no long caching")
{
  const site_folder fixture;
  const auto page = serve_static_file(fixture.site, "/");
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body.find("<title>admin</title>") != std::string::npos);
  const auto policy = header(page, "Content-Security-Policy");
  CHECK(policy.find("default-src 'self'") != std::string::npos);
  CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(policy.find("unsafe-inline") == std::string::npos);
  CHECK(header(page, "Cache-Control") == "no-cache");
}

TEST_CASE("fingerprinted assets are typed and kept for a year")
{
  const site_folder fixture;
  const auto script = serve_static_file(fixture.site, "/assets/app-1a2b.js");
  CHECK(script.status == 200);
  CHECK(script.content_type == "text/javascript; charset=utf-8");
  CHECK(header(script, "Cache-Control") == "public, max-age=31536000, immutable");
  CHECK(serve_static_file(fixture.site, "/assets/app-1a2b.css").content_type == "text/css; charset=utf-8");
}

TEST_CASE("a path that climbs out of the site is not found")
{
  const site_folder fixture;
  for (const auto* path : {"/../secret.txt", "/assets/../../secret.txt", "/..", "/assets/..\\..\\secret.txt"}) {
    INFO(path);
    const auto answer = serve_static_file(fixture.site, path);
    CHECK(answer.status == 404);
    CHECK(answer.body.find("outside the site") == std::string::npos);
  }
}

TEST_CASE("a page path of a single-page site answers index.html, a missing file does not")
{
  const site_folder fixture;
  const auto page = serve_static_file(fixture.site, "/fleet/bikes/7");
  CHECK(page.status == 200);
  CHECK(page.body.find("<title>admin</title>") != std::string::npos);
  CHECK(serve_static_file(fixture.site, "/assets/app-0000.js").status == 404);
  auto plain = fixture.site;
  plain.single_page = false;
  CHECK(serve_static_file(plain, "/fleet").status == 404);
}

TEST_CASE("a mounted site answers only under its prefix, redirects the bare prefix and reads only")
{
  const site_folder fixture;
  CHECK_FALSE(serve_mounted(fixture.site, "/admin", get("/api/v1/bikes")));
  CHECK_FALSE(serve_mounted(fixture.site, "/admin", get("/administrator")));
  const auto bare = serve_mounted(fixture.site, "/admin", get("/admin"));
  REQUIRE(bare);
  CHECK(bare->status == 308);
  CHECK(header(*bare, "Location") == "/admin/");
  const auto script = serve_mounted(fixture.site, "/admin", get("/admin/assets/app-1a2b.js"));
  REQUIRE(script);
  CHECK(script->body == "export {}");
  auto post = get("/admin/");
  post.method = "POST";
  const auto refused = serve_mounted(fixture.site, "/admin", post);
  REQUIRE(refused);
  CHECK(refused->status == 405);
  CHECK(header(*refused, "Allow") == "GET, HEAD");
}
