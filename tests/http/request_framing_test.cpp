#include <string>

#include <nlohmann/json.hpp>

#include "echo_handler.hpp"
#include "http_client.hpp"
#include "in_process_server.hpp"

using namespace pedalpower;

namespace {

/// `head` (the request line and fields, without the blank line) and a chunked body that ends in a
/// second request, as a smuggler would send them.
std::string smuggling(const std::string& head)
{
  return head + "\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n";
}

}  // namespace

TEST_CASE("a transfer coding other than chunked before chunked is refused with 501")
{
  echo_server{}.check_refused(smuggling("POST /api/v1/x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked"), 501,
                              "not_implemented");
}

TEST_CASE("the same codings split over two Transfer-Encoding fields are refused with 501")
{
  echo_server{}.check_refused(
      smuggling("POST /api/v1/x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked"), 501,
      "not_implemented");
}

TEST_CASE("a Transfer-Encoding whose last coding is not chunked is refused with 400 and the rest is never read")
{
  for (const std::string coding : {"xchunked", "chunked, gzip", "chunked;x=1", "", "chunked, chunked"}) {
    DYNAMIC_SECTION("Transfer-Encoding: " << coding)
    {
      echo_server{}.check_refused(smuggling("POST /api/v1/x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: " + coding), 400,
                                  "bad_request");
    }
  }
}

TEST_CASE("Transfer-Encoding beside Content-Length is refused with 400, in either order")
{
  for (const std::string fields : {"Transfer-Encoding: chunked\r\nContent-Length: 5",
                                   "Content-Length: 5\r\nTransfer-Encoding: chunked",
                                   "Transfer-Encoding: xchunked\r\nContent-Length: 5"}) {
    DYNAMIC_SECTION(fields)
    {
      echo_server{}.check_refused(smuggling("POST /api/v1/x HTTP/1.1\r\nHost: t\r\n" + fields), 400, "bad_request");
    }
  }
}

TEST_CASE("Transfer-Encoding in an HTTP/1.0 request is refused with 400")
{
  echo_server{}.check_refused(smuggling("POST /api/v1/x HTTP/1.0\r\nHost: t\r\nTransfer-Encoding: chunked"), 400,
                              "bad_request");
}

TEST_CASE("an HTTP/1.1 request without Host or any request with two is refused with 400 and the rest is never read")
{
  for (const std::string head :
       {"GET /api/v1/x HTTP/1.1\r\nAccept: */*", "GET /api/v1/x HTTP/1.1\r\nHost: a\r\nHost: b",
        "GET /api/v1/x HTTP/1.0\r\nHost: a\r\nHost: b"}) {
    DYNAMIC_SECTION(head) { echo_server{}.check_refused(smuggling(head), 400, "bad_request"); }
  }
}

TEST_CASE("an HTTP/1.0 request may leave Host out")
{
  echo_server echo;
  auto client = echo.connect();
  client.send_raw("GET /api/v1/x HTTP/1.0\r\n\r\n");
  CHECK(client.read_response().status == 200);
  CHECK(echo.handler.calls() == 1);
}

TEST_CASE("a header field folded over two lines is refused with 400")
{
  for (const std::string fold : {"\r\n folded", "\r\n\tfolded"}) {
    DYNAMIC_SECTION("fold starting with char " << int(fold[2]))
    {
      echo_server{}.check_refused(
          "GET /api/v1/bikes HTTP/1.1\r\nHost: t\r\nX-Note: first" + fold + "\r\nAccept: */*\r\n\r\n", 400,
          "bad_request");
    }
  }
}

TEST_CASE("white space before the first header field is refused with 400")
{
  echo_server{}.check_refused("GET /api/v1/bikes HTTP/1.1\r\n Host: t\r\n\r\n", 400, "bad_request");
}

TEST_CASE("a chunked body, in any letter case, and white space inside a field value are still accepted")
{
  echo_server echo;
  auto client = echo.connect();
  client.send_raw("POST /api/v1/x HTTP/1.1\r\nHost: t\r\nX-Note: two  words\t here\r\nTransfer-Encoding: Chunked\r\n\r\n"
                  "5\r\nhello\r\n0\r\n\r\n");
  const auto answer = client.read_response();
  REQUIRE(answer.status == 200);
  CHECK(nlohmann::json::parse(answer.body)["body"] == "hello");
  CHECK(client.connected());
  CHECK(echo.handler.calls() == 1);
}
