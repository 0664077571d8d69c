-- wrk script: applicant sign-ins, rotating over the ID numbers of a file (one per line), all with
-- the password given. Counts 200s (tokens), 503s (service-busy) and anything else; the rate is
-- measured here from the first request sent to the last response received.
dofile("bench/wrk-common.lua") -- now_us(), setup() and threads
function init(args)
  ids = {}
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  exam, password = args[2], args[3]
  i = id
  ok, busy, other, first, last = 0, 0, 0, 0, 0
end
function request()
  if first == 0 then first = now_us() end
  i = i + 1
  return wrk.format("POST", "/api/v1/auth/applicant-token", { ["Content-Type"] = "application/json" },
    string.format('{"examCode":"%s","idNumber":"%s","password":"%s"}', exam, ids[i % #ids + 1], password))
end
function response(status)
  if status == 200 then ok = ok + 1 elseif status == 503 then busy = busy + 1 else other = other + 1 end
  last = now_us()
end
function done(summary, latency, requests)
  local o, b, x, from, to = 0, 0, 0, nil, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); b = b + t:get("busy"); x = x + t:get("other")
    local f, l = t:get("first"), t:get("last")
    if f > 0 and (from == nil or f < from) then from = f end
    if l > to then to = l end
  end
  local secs = (to - (from or to)) / 1e6
  io.write(string.format("wrk: %d signed in, %d service-busy, %d other in %.2f s\n", o, b, x, secs))
  io.write(string.format("RESULT sign_ins=%.2f busy=%.0f other=%d\n", secs > 0 and o / secs or 0,
    secs > 0 and b / secs or 0, x))
end
