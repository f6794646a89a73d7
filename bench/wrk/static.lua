-- The nginx baseline: wrk's plain GET of the URL, closed by the same report line.
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
setup, done = report.setup, report.done
