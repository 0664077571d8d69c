-- wrk script: an open loop. Requests leave on a fixed schedule, RATE a second in all, whatever the
-- service's answers do, and each one's latency counts from its scheduled time, so a stalled service
-- cannot hide its queue (wrk's own latency starts at the send, and would). A generator in C: the
-- JVM one (bench/SwitchLoad.java) took half a core at 500 requests/s, a quarter of the machine it
-- was measuring. Run it with as many threads as connections (-tN -cN): each thread then has one
-- request in flight and knows which one was answered.
-- Args: MODE (switch: POST /api/v1/me/switch, one token each; me: GET /api/v1/me over the tokens in
-- turn), TOKEN_FILE, RATE, THREADS (= -t), WARM (requests first, uncounted), COUNT (then counted),
-- DONE_FILE (each thread appends a line once its share is answered), [TRACE_FILE] ("scheduled ms,
-- latency ms, send lag ms" per counted request).
dofile("bench/wrk-common.lua") -- now_us(), setup() and threads
local number_threads = setup
function setup(thread)
  -- One clock for every thread, far enough ahead that all have read their tokens.
  if start_at == nil then start_at = now_us() + 3000000 end
  thread:set("start_at", start_at)
  number_threads(thread)
end
function init(args)
  mode, rate, nthreads = args[1], tonumber(args[3]), tonumber(args[4])
  warm, count, done_file, trace_file = tonumber(args[5]), tonumber(args[6]), args[7], args[8]
  total, interval = warm + count, 1e6 / rate
  expected = mode == "switch" and 201 or 200
  tokens = {}
  local n = 0
  for line in io.lines(args[2]) do
    -- switch: this thread's slots only (slot g takes line g + 1); me: all of them, in turn.
    if mode ~= "switch" or n % nthreads == id then tokens[#tokens + 1] = line end
    n = n + 1
  end
  if mode == "switch" and n < total then error("open.lua: " .. n .. " tokens for " .. total .. " switches") end
  sent, lat, lags, trace, failed = 0, {}, {}, {}, 0
end
local function slot() return id + sent * nthreads end
local function due(g) return start_at + g * interval end
function delay()
  local g = slot()
  if g >= total then return 0 end
  -- Rounded up: a request may leave up to a millisecond late (and that counts), never early.
  local wait = due(g) - now_us()
  return wait > 0 and math.ceil(wait / 1000) or 0
end
function request()
  local g = slot()
  if g >= total then
    local f = io.open(done_file, "a"); f:write(id, "\n"); f:close()
    wrk.thread:stop()
    return wrk.format("GET", "/api/v1/ping")
  end
  sent = sent + 1
  current, lag = g, now_us() - due(g)
  local token = mode == "switch" and tokens[sent] or tokens[g % #tokens + 1]
  if mode == "switch" then
    return wrk.format("POST", "/api/v1/me/switch",
      { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
      string.format('{"targetPositionCode":"O%04d"}', g % 100))
  end
  return wrk.format("GET", "/api/v1/me", { ["Authorization"] = "Bearer " .. token })
end
function response(status)
  local g = current
  current = nil
  if g == nil or g < warm then return end
  local ms = (now_us() - due(g)) / 1000
  lat[#lat + 1], lags[#lags + 1] = ms, lag / 1000
  if status ~= expected then failed = failed + 1 end
  -- As text: wrk copies a thread's tables to done() one level deep.
  if trace_file then trace[#trace + 1] = string.format("%.1f %.2f %.2f", (due(g) - start_at) / 1000, ms, lag / 1000) end
end
local function percentile(v, q) return v[math.max(1, math.min(#v, math.ceil(q * #v)))] end
function done(summary, latency, requests)
  local all, lagged, traced, bad = {}, {}, {}, 0
  -- done() runs in wrk's main Lua state: the threads' globals are read through them.
  local count, rate, trace_file = threads[1]:get("count"), threads[1]:get("rate"), threads[1]:get("trace_file")
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("lat")) do all[#all + 1] = v end
    for _, v in ipairs(t:get("lags")) do lagged[#lagged + 1] = v end
    for _, v in ipairs(t:get("trace")) do traced[#traced + 1] = v end
    bad = bad + t:get("failed")
  end
  table.sort(all); table.sort(lagged)
  local function p(q) return percentile(all, q) or 0 end
  if bad > 0 then io.write(string.format("open loop: %d failed\n", bad)) end
  io.write(string.format("open loop: %d of %d answered at %.0f/s (send lag p99 %.1f ms): latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f\n",
    #all, count, rate, percentile(lagged, 0.99) or 0, p(0.5), p(0.9), p(0.99), p(1)))
  io.write(string.format("RESULT p99_ms=%.1f\n", p(0.99)))
  if trace_file and #traced > 0 then
    table.sort(traced, function(a, b) return tonumber(a:match("^%S+")) < tonumber(b:match("^%S+")) end)
    local f = io.open(trace_file, "w")
    -- The schedule's origin on both clocks: the trace lines up with GC and PostgreSQL logs.
    f:write(string.format("# start monotonic_us=%d realtime_us=%d\n", threads[1]:get("start_at"),
      threads[1]:get("start_at") - now_us() + realtime_us()))
    f:write(table.concat(traced, "\n"), "\n")
    f:close()
  end
end
