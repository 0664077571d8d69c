-- wrk script: every request switches a different applicant (tokens from a file, one per line),
-- each wrk thread taking every n-th token. Counts 201s; stops a thread when its tokens run out.
-- wrk's own duration is the -d limit, so the rate is measured here from the first request sent
-- to the last response received (LuaJIT's ffi reads the monotonic clock).
dofile("bench/wrk-common.lua") -- now_us(), setup() and threads
function init(args)
  tokens = {}
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  n = tonumber(args[2])
  i = id + 1
  created, other, first, last = 0, 0, 0, 0
end
function request()
  local t = tokens[i]
  if t == nil then wrk.thread:stop() return wrk.format("GET", "/api/v1/ping") end
  if first == 0 then first = now_us() end
  i = i + n
  local target = string.format("O%04d", i % 100)
  return wrk.format("POST", "/api/v1/me/switch",
    { ["Authorization"] = "Bearer " .. t, ["Content-Type"] = "application/json" },
    '{"targetPositionCode":"' .. target .. '"}')
end
function response(status)
  if status == 201 then created = created + 1 else other = other + 1 end
  last = now_us()
end
function done(summary, latency, requests)
  local c, o, from, to = 0, 0, nil, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); o = o + t:get("other")
    local f, l = t:get("first"), t:get("last")
    if f > 0 and (from == nil or f < from) then from = f end
    if l > to then to = l end
  end
  local secs = (to - (from or to)) / 1e6
  io.write(string.format("wrk: %d switches created, %d other responses in %.2f s\n", c, o, secs))
  io.write(string.format("RESULT api_tps=%.0f\n", secs > 0 and c / secs or 0))
end
