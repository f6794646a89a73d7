-- The kiosk's availability read, as availability.lua sends it, closing with its latency: a line
-- "latency p50_us=... p99_us=... max_us=..." after the usual result line.
-- Arguments: the kiosk's bearer token. The URL given to wrk carries the path and query.
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
setup = report.setup

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end

function done(summary, latency, requests)
  report.done(summary)
  io.write(string.format("latency p50_us=%d p99_us=%d max_us=%d\n", latency:percentile(50), latency:percentile(99),
    latency.max))
end
