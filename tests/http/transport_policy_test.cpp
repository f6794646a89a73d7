#include "pedalpower/http/transport_policy.hpp"

#include <stdexcept>

using namespace pedalpower::http;

TEST_CASE("loopback addresses are recognised in every spelling")
{
  CHECK(is_loopback("127.0.0.1"));
  CHECK(is_loopback("127.8.9.10"));
  CHECK(is_loopback("::1"));
  CHECK(is_loopback("::ffff:127.0.0.1"));
  CHECK(is_loopback("localhost"));
  CHECK_FALSE(is_loopback("0.0.0.0"));
  CHECK_FALSE(is_loopback("::"));
  CHECK_FALSE(is_loopback("10.0.0.1"));
  CHECK_FALSE(is_loopback("::ffff:10.0.0.1"));
  CHECK_THROWS_AS(is_loopback("ward-kiosk.local"), std::invalid_argument);
}

TEST_CASE("plain HTTP is permitted on loopback and elsewhere only when allowed")
{
  CHECK(plain_http_permitted("127.0.0.1", false));
  CHECK_FALSE(plain_http_permitted("192.168.1.20", false));
  CHECK(plain_http_permitted("192.168.1.20", true));
}
