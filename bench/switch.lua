-- wrk script: every request switches a different applicant (tokens from a file, one per line),
-- each wrk thread taking every n-th token. Counts 201s; stops a thread when its tokens run out.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  tokens = {}
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  n = tonumber(args[2])
  i = id + 1
  created, other = 0, 0
end
function request()
  local t = tokens[i]
  if t == nil then wrk.thread:stop() return wrk.format("GET", "/api/v1/ping") end
  i = i + n
  local target = string.format("O%04d", i % 100)
  return wrk.format("POST", "/api/v1/me/switch",
    { ["Authorization"] = "Bearer " .. t, ["Content-Type"] = "application/json" },
    '{"targetPositionCode":"' .. target .. '"}')
end
function response(status)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); o = o + t:get("other") end
  io.write(string.format("wrk: %d switches created, %d other responses\n", c, o))
end
