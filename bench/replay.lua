-- wrk script for bench/bench_pipeline.py: replays pre-signed, pre-encrypted WeChat callbacks.
--   wrk -t1 -cN -dS -s bench/replay.lua URL -- FILE FIRST COUNT [DELAY_MS]
-- FILE holds one request a line: "<path?query>\t<body>". Requests FIRST .. FIRST+COUNT-1 are
-- sent once each, in order (distinct MsgIds: no retries unless the run outlasts the file, which
-- the caller avoids). DELAY_MS paces each connection (for a fixed overall rate).

local requests = {}
local index = 0
local pause = 0

function init(args)
  local file, first, count = args[1], tonumber(args[2]), tonumber(args[3])
  pause = tonumber(args[4] or "0")
  local n = 0
  for line in io.lines(file) do
    n = n + 1
    if n >= first and n < first + count then
      local tab = string.find(line, "\t", 1, true)
      local target = string.sub(line, 1, tab - 1)
      local body = string.sub(line, tab + 1)
      requests[#requests + 1] = wrk.format("POST", target, {["Content-Type"] = "text/xml"}, body)
    end
    if n >= first + count then break end
  end
end

function request()
  index = index + 1
  if index > #requests then index = 1 end
  return requests[index]
end

function delay()
  return pause
end

function done(summary, latency, requests_)
  io.write(string.format("JSON {\"requests\": %d, \"seconds\": %.3f, \"p50_ms\": %.2f, " ..
    "\"p99_ms\": %.2f, \"errors\": %d}\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
