-- Which bikes are free at a site, as a kiosk asks: GET /api/v1/bikes?site_id=N&status=available.
-- Arguments: the kiosk's bearer token. The URL given to wrk carries the path and query.
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
setup, done = report.setup, report.done

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
