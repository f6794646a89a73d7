-- Trackers and fix times for the ingest scripts: each wrk thread sends for trackers of its own,
-- and every fix is new (one millisecond after the tracker's previous one), so none is a duplicate.
local trackers = {}

-- The trackers in `file` (a device id and its secret, tab-separated, a line) that belong to this thread.
function trackers.for_thread(file, thread_number, thread_count, first_ms)
  local own = {}
  local n = 0
  for line in io.lines(file) do
    local device_id, secret = line:match("^([^\t]+)\t?(.*)$")
    if n % thread_count == thread_number then
      table.insert(own, {device_id = device_id, secret = secret, next_ms = first_ms})
    end
    n = n + 1
  end
  return own
end

-- A position near Basildon that moves a little with every fix.
function trackers.next_fix(tracker)
  local time_ms = tracker.next_ms
  tracker.next_ms = time_ms + 1
  local step = (time_ms % 10000) * 1e-6
  return time_ms, 51.57 + step, 0.468 + step
end

return trackers
