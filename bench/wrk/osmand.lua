-- OsmAnd ingest as the Traccar Client app sends it: one position per GET /osmand?id=...&lat=...
-- Arguments: a file of tracker device ids and secrets, the first fix time (Unix ms), the number of wrk threads.
local folder = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local report = dofile(folder .. "report.lua")
local trackers = dofile(folder .. "trackers.lua")
setup, done = report.setup, report.done

local own
local sent = 0

function init(args)
  own = trackers.for_thread(args[1], thread_number, tonumber(args[3]), tonumber(args[2]))
end

function request()
  sent = sent + 1
  local tracker = own[sent % #own + 1]
  local time_ms, lat, lon = trackers.next_fix(tracker)
  return wrk.format("GET", string.format(
    "/osmand?id=%s&timestamp=%d&lat=%.6f&lon=%.6f&speed=8.5&bearing=90&altitude=12&accuracy=5&batt=80&secret=%s",
    tracker.device_id, time_ms, lat, lon, tracker.secret))
end
