#include "pedalpower/http/server.hpp"

#include <iostream>

#include "echo_handler.hpp"
#include "http_client.hpp"
#include "in_process_server.hpp"
#include "self_signed_certificate.hpp"
#include "temp_folder.hpp"

using namespace pedalpower;
using nlohmann::json;

namespace {

http::server_options tls_options(const certificate_files& files)
{
  auto options = test_server_options();
  options.tls_certificate_file = files.certificate;
  options.tls_private_key_file = files.private_key;
  return options;
}

}  // namespace

TEST_CASE("HTTPS is served with HSTS and the API learns the request was secure")
{
  const temp_folder folder;
  echo_server echo(tls_options(make_self_signed_certificate(folder.path())));
  auto client = echo.connect({.tls = true});
  for (int i = 0; i < 2; ++i) {
    const auto response = client.request("POST", "/api/v1/loans", "{}");
    REQUIRE(response.status == 200);
    CHECK(json::parse(response.body)["secure"] == true);
    CHECK(response.header("Strict-Transport-Security") == "max-age=31536000");
  }
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("plain HTTP from loopback is still served on the TLS port")
{
  const temp_folder folder;
  echo_server echo(tls_options(make_self_signed_certificate(folder.path())));
  auto client = echo.connect();
  const auto response = client.request("GET", "/api/v1/bikes");
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body)["secure"] == false);
  CHECK_FALSE(response.header("Strict-Transport-Security"));
}

TEST_CASE("a server with TLS may listen beyond loopback")
{
  const temp_folder folder;
  echo_handler handler;
  auto options = tls_options(make_self_signed_certificate(folder.path()));
  options.address = "0.0.0.0";
  in_process_server server(handler.dispatcher(), options);
  http_client client("127.0.0.1", server.port(), {.tls = true});
  CHECK(client.request("GET", "/api/v1/bikes").status == 200);
}

TEST_CASE("a missing or mismatched certificate stops the server from starting with a clear message")
{
  const temp_folder folder;
  const temp_folder other;
  const auto files = make_self_signed_certificate(folder.path());
  const auto other_files = make_self_signed_certificate(other.path());
  echo_handler handler;
  http::logger log(http::log_level::error, std::cerr);

  auto options = tls_options(files);
  options.tls_certificate_file = folder.file("absent.pem");
  CHECK_THROWS_WITH(http::server(options, handler.dispatcher(), log), Catch::Contains("absent.pem"));

  options = tls_options(files);
  options.tls_private_key_file = other_files.private_key;
  CHECK_THROWS_WITH(http::server(options, handler.dispatcher(), log), Catch::Contains(other_files.private_key) && Catch::Contains("mismatch"));
}
