#pragma once

#include <string>

#include "pedalpower/telematics/error.hpp"

/// The field `parse()` is refused for with invalid_input, or "" if it is accepted.
template <typename Parse>
std::string refused_field_of(Parse&& parse)
{
  try {
    parse();
  } catch (const pedalpower::telematics::invalid_input& error) {
    return error.field();
  }
  return "";
}

/// The whole message `parse()` is refused with ("<field>: <why>"), or "" if it is accepted.
template <typename Parse>
std::string refusal_of(Parse&& parse)
{
  try {
    parse();
  } catch (const pedalpower::telematics::invalid_input& error) {
    return error.what();
  }
  return "";
}
