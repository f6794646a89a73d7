#include <catch2/catch.hpp>

#include <numbers>

#include "pedalpower/telematics/geo.hpp"

using namespace pedalpower::telematics;

TEST_CASE("a degree of latitude is the mean-radius arc")
{
  const double degree = mean_earth_radius_m * std::numbers::pi / 180.0;
  CHECK(haversine_m({51.0, 0.5}, {52.0, 0.5}) == Approx(degree).epsilon(1e-12));
  CHECK(haversine_m({0.0, 10.0}, {0.0, 11.0}) == Approx(degree).epsilon(1e-12));
}

TEST_CASE("a degree of longitude shrinks with the cosine of latitude")
{
  const double at_equator = haversine_m({0.0, 0.0}, {0.0, 1.0});
  CHECK(haversine_m({60.0, 0.0}, {60.0, 1.0}) == Approx(at_equator * 0.5).epsilon(1e-4));
}

TEST_CASE("distance is symmetric and zero to itself")
{
  const geo_point basildon{51.5760, 0.4880};
  const geo_point southend{51.5459, 0.7077};
  CHECK(haversine_m(basildon, southend) == haversine_m(southend, basildon));
  CHECK(haversine_m(basildon, basildon) == 0.0);
  CHECK(haversine_m(basildon, southend) == Approx(15'551.8).margin(0.5));
}

TEST_CASE("antipodal points are half the circumference apart, not NaN")
{
  // asin is ill-conditioned at 1, so the haversine keeps only about eight figures here.
  CHECK(haversine_m({10.0, 20.0}, {-10.0, -160.0}) == Approx(mean_earth_radius_m * std::numbers::pi).epsilon(1e-7));
}
