/* The floor under the distance estimator: one loop summing the haversine distance between each fix
 * and the next, over the coordinates estimator_bench wrote, with libm's trigonometry. No cleaning,
 * no smoothing, no trips, no times. Reading the file is not timed.
 *
 * Usage: bare_haversine COORDINATES_FILE REPEATS
 *   COORDINATES_FILE  lat, lon pairs as native doubles (estimator_bench writes it)
 *   REPEATS           how many times the loop runs; the fastest run counts
 * Prints positions per second. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bare_sqlite.h"

static const double mean_earth_radius_m = 6371008.8;
static const double radians = 3.14159265358979323846 / 180.0;

static double haversine_m(double from_lat, double from_lon, double to_lat, double to_lon)
{
  const double sin_half_dlat = sin((to_lat - from_lat) * radians * 0.5);
  const double sin_half_dlon = sin((to_lon - from_lon) * radians * 0.5);
  double h = sin_half_dlat * sin_half_dlat + cos(from_lat * radians) * cos(to_lat * radians) * sin_half_dlon * sin_half_dlon;
  if (h > 1.0) h = 1.0;
  return 2.0 * mean_earth_radius_m * asin(sqrt(h));
}

static double *read_coordinates(const char *path, size_t *positions)
{
  FILE *file = fopen(path, "rb");
  if (file == NULL || fseek(file, 0, SEEK_END) != 0) return NULL;
  const long bytes = ftell(file);
  rewind(file);
  *positions = bytes > 0 ? (size_t)bytes / (2 * sizeof(double)) : 0;
  double *pairs = malloc(*positions * 2 * sizeof(double) + 1);
  if (pairs == NULL || fread(pairs, 2 * sizeof(double), *positions, file) != *positions) {
    free(pairs);
    pairs = NULL;
  }
  fclose(file);
  return pairs;
}

int main(int argc, char **argv)
{
  long repeats = 0;
  if (argc != 3 || !bare_parse_count(argv[2], &repeats)) {
    fprintf(stderr, "Usage: %s COORDINATES_FILE REPEATS\n", argv[0]);
    return 2;
  }
  size_t positions = 0;
  double *pairs = read_coordinates(argv[1], &positions);
  if (pairs == NULL || positions < 2) {
    fprintf(stderr, "%s: cannot read coordinates\n", argv[1]);
    return 1;
  }
  double fastest = 0.0, distance_m = 0.0;
  for (long run = 0; run < repeats; ++run) {
    const double started = bare_seconds();
    distance_m = 0.0;
    for (size_t i = 1; i < positions; ++i) {
      distance_m += haversine_m(pairs[2 * i - 2], pairs[2 * i - 1], pairs[2 * i], pairs[2 * i + 1]);
    }
    const double elapsed = bare_seconds() - started;
    if (run == 0 || elapsed < fastest) fastest = elapsed;
  }
  printf("bare haversine: %zu positions, %.1f km along them; fastest of %ld runs %.3f s, rate=%.1f\n", positions,
         distance_m / 1000.0, repeats, fastest, (double)positions / fastest);
  free(pairs);
  return 0;
}
