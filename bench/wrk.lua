-- Drives wrk for `make bench`: rotates over the paths in BENCH_PATHS (space-separated) or in the file
-- BENCH_PATHS_FILE when there are several, and prints one machine-readable summary line when the run ends.
-- A path listed several times is requested that many times as often (bench/newsday.py weights its
-- readers so). With BENCH_HIT_HEADER set (X-Page-Cache, X-Cache), answers are counted by that
-- header's value: hit, miss, anything else.
local paths = {}
local listed = os.getenv("BENCH_PATHS") or ""
local paths_file = os.getenv("BENCH_PATHS_FILE")  -- one path a line, for lists too long for the environment
if paths_file then
  local file = assert(io.open(paths_file, "r"))
  listed = file:read("*a")
  file:close()
end
for path in string.gmatch(listed, "%S+") do
  paths[#paths + 1] = path
end
local hit_header = os.getenv("BENCH_HIT_HEADER")
local threads = {}

setup = function(thread)
  threads[#threads + 1] = thread
end

init = function(args)
  hits, misses, others = 0, 0, 0
  if #paths > 1 then
    counter = math.random(#paths)
  end
end

if #paths > 1 then
  request = function()
    counter = counter % #paths + 1
    return wrk.format(nil, paths[counter])
  end
end

if hit_header then
  local wanted = string.lower(hit_header)
  response = function(status, headers, body)
    local value
    for name, found in pairs(headers) do
      if string.lower(name) == wanted then
        value = found
      end
    end
    if value == "hit" then
      hits = hits + 1
    elseif value == "miss" then
      misses = misses + 1
    else
      others = others + 1
    end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local total_hits, total_misses, total_others = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_hits = total_hits + (thread:get("hits") or 0)
    total_misses = total_misses + (thread:get("misses") or 0)
    total_others = total_others + (thread:get("others") or 0)
  end
  io.write(string.format(
    "BENCH_RESULT {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"connect_errors\": %d, " ..
    "\"read_errors\": %d, \"write_errors\": %d, \"status_errors\": %d, \"timeouts\": %d, " ..
    "\"p50_us\": %d, \"p90_us\": %d, \"p99_us\": %d, \"mean_us\": %.1f, \"max_us\": %d, " ..
    "\"hits\": %d, \"misses\": %d, \"others\": %d}\n",
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.mean, latency.max, total_hits, total_misses, total_others))
end
