-- Batch ingest as a telematics gateway sends it: POST /api/v1/telematics/positions with one
-- tracker's device_id and a list of positions.
-- Arguments: the gateway's bearer token, a file of tracker device ids (their secrets unused: a gateway sends with its token), the first fix time (Unix ms),
-- the number of wrk threads, positions per batch, and a file to write the first thread's first
-- body to (the JSON parsing baseline reads the same body).
local folder = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local report = dofile(folder .. "report.lua")
local trackers = dofile(folder .. "trackers.lua")
setup, done = report.setup, report.done

local own
local headers
local batch_size
local sent = 0

local function body_for(tracker)
  local items = {}
  for i = 1, batch_size do
    local time_ms, lat, lon = trackers.next_fix(tracker)
    items[i] = string.format('{"time":%d,"lat":%.6f,"lon":%.6f,"accuracy":5.0,"speed":4.2,"battery":0.8}',
                             time_ms, lat, lon)
  end
  return '{"device_id":"' .. tracker.device_id .. '","positions":[' .. table.concat(items, ",") .. "]}"
end

function init(args)
  headers = {["Authorization"] = "Bearer " .. args[1], ["Content-Type"] = "application/json"}
  own = trackers.for_thread(args[2], thread_number, tonumber(args[4]), tonumber(args[3]))
  batch_size = tonumber(args[5])
  if thread_number == 0 and args[6] then
    -- Written from a copy of the tracker, so the run still sends these fixes itself.
    local sample = io.open(args[6], "w")
    sample:write(body_for({device_id = own[1].device_id, next_ms = own[1].next_ms}))
    sample:close()
  end
end

function request()
  sent = sent + 1
  return wrk.format("POST", "/api/v1/telematics/positions", headers, body_for(own[sent % #own + 1]))
end
