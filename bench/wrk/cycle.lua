-- Kiosk checkouts and returns, alternately, for borrower/bike pairs: POST /api/v1/loans with the
-- borrower's X-Staff-Token, then POST /api/v1/loans/{id}/return, and again.
-- Arguments: a Lua file returning the pairs ({kiosk_token=, staff_token=, bike_id=}, ...), the
-- current terms version, and the number of wrk threads.
--
-- wrk does not tell a script which connection an answer came on, so a pair is found again from the
-- answer itself (its loan's bike_id). Each thread has pairs of its own, at least one per
-- connection, so no two requests in flight touch the same bike or borrower. An answer that names
-- no pair (a refusal) leaves its pair out of the run, and a spare pair takes its turn.
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
setup, done = report.setup, report.done

local ready = {}    -- pairs whose next request is not sent yet, oldest first
local by_bike = {}  -- bike id -> pair
local return_body = '{"condition":{"brakes":true,"lights":true,"tyres":true},"accessories_returned":["helmet","lock"]}'
local sent = 0
succeeded = 0
refused = 0
starved = 0

function init(args)
  local all, terms_version, thread_count = dofile(args[1]), args[2], tonumber(args[3])
  for n, pair in ipairs(all) do
    if (n - 1) % thread_count == thread_number then
      pair.kiosk_headers = {["Authorization"] = "Bearer " .. pair.kiosk_token, ["Content-Type"] = "application/json"}
      pair.checkout_headers = {["Authorization"] = "Bearer " .. pair.kiosk_token,
                               ["X-Staff-Token"] = pair.staff_token, ["Content-Type"] = "application/json"}
      pair.checkout_body = string.format(
        '{"bike_id":%d,"accessories":["helmet","lock"],"terms_version":"%s"}', pair.bike_id, terms_version)
      by_bike[pair.bike_id] = pair
      table.insert(ready, pair)
    end
  end
end

function request()
  local pair = table.remove(ready, 1)
  if not pair then
    -- Only after many refusals: a cheap request that is not counted, so the run goes on.
    starved = starved + 1
    return wrk.format("GET", "/healthz")
  end
  -- Every change carries a fresh Idempotency-Key, as a kiosk sends it, so its answer is kept for replay.
  sent = sent + 1
  local key = string.format("bench-%d-%d", thread_number, sent)
  if pair.loan_id then
    pair.kiosk_headers["Idempotency-Key"] = key
    return wrk.format("POST", "/api/v1/loans/" .. pair.loan_id .. "/return", pair.kiosk_headers, return_body)
  end
  pair.checkout_headers["Idempotency-Key"] = key
  return wrk.format("POST", "/api/v1/loans", pair.checkout_headers, pair.checkout_body)
end

function response(status, headers, body)
  local checked_out = status == 201
  local returned = status == 200 and body:find('"status":"returned"', 1, true) ~= nil
  if not (checked_out or returned) then
    if status ~= 200 then refused = refused + 1 end
    return
  end
  local pair = by_bike[tonumber(body:match('"bike_id":(%d+)'))]
  -- A loan's own "id" follows "{" or ","; staff_id, bike_id and the rest end in "_id".
  pair.loan_id = checked_out and body:match('[{,]"id":(%d+)') or nil
  succeeded = succeeded + 1
  table.insert(ready, pair)
end
