#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

// Times in words and working hours are read in the server's time zone. The tests fix it at UTC so
// they mean the same on any machine; a test about another zone sets it and puts UTC back.
int main(int argc, char* argv[])
{
  setenv("TZ", "UTC", 1);
  tzset();
  return Catch::Session().run(argc, argv);
}
