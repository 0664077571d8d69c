-- wrk script: status reads (GET /api/v1/me) over the tokens of a file (one per line) in turn.
function init(args)
  tokens = {}
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  i = 0
end
function request()
  i = i % #tokens + 1
  return wrk.format("GET", "/api/v1/me", { ["Authorization"] = "Bearer " .. tokens[i] })
end
