# Parsing nlohmann/json is most of the compile time of a translation unit in the domain, the API and
# the kiosk; one precompiled header per library pays for it once.
function(pedalpower_precompile_json target)
  target_precompile_headers(${target} PRIVATE
    <nlohmann/json.hpp> <cstdint> <functional> <memory> <optional> <string> <string_view> <vector>)
endfunction()
