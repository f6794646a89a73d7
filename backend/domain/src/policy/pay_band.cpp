#include "pedalpower/domain/pay_band.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

// How HR systems and people write "not on Agenda for Change".
constexpr std::array<std::string_view, 6> other_spellings{"other",   "not on afc", "non afc",
                                                          "non-afc", "not afc",    "not on agenda for change"};

void drop_prefix(std::string& text, std::string_view prefix)
{
  if (text.starts_with(prefix)) text.erase(0, prefix.size());
}

}  // namespace

std::optional<std::string_view> normalise_pay_band(std::string_view text)
{
  std::string band = lower_case(trimmed(text));
  if (std::find(other_spellings.begin(), other_spellings.end(), band) != other_spellings.end()) return pay_bands.back();
  drop_prefix(band, "afc");
  std::erase(band, ' ');
  drop_prefix(band, "band");
  const auto afc_bands_end = pay_bands.end() - 1;  // "other" is reached only through other_spellings
  const auto found = std::find(pay_bands.begin(), afc_bands_end, band);
  if (found == afc_bands_end) return std::nullopt;
  return *found;
}

}  // namespace pedalpower::domain
