-- What every benchmark script shares: numbering wrk's threads, and the closing line run.sh reads.
-- A script that counts its own successes sets the global `succeeded` in its threads; otherwise a
-- success is any answer wrk did not count as an error (2xx or 3xx; the API sends no 3xx). Counters
-- `refused` and `starved`, where a script keeps them, are added up and shown too.
local report = {}
local threads = {}

function report.setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

local function total(name)
  local sum
  for _, thread in ipairs(threads) do
    local own = thread:get(name)
    if own then sum = (sum or 0) + own end
  end
  return sum
end

function report.done(summary)
  local errors = summary.errors
  local succeeded = total("succeeded") or summary.requests - errors.status
  local seconds = summary.duration / 1e6
  local line = string.format(
    "result succeeded=%d requests=%d seconds=%.3f rate=%.1f non_2xx=%d connect=%d read=%d write=%d timeout=%d",
    succeeded, summary.requests, seconds, succeeded / seconds, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout)
  for _, name in ipairs({"refused", "starved"}) do
    local sum = total(name)
    if sum then line = line .. string.format(" %s=%d", name, sum) end
  end
  io.write(line .. "\n")
end

return report
