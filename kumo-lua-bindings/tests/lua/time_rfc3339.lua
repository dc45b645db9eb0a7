-- data/rfc3339.tsv through kumo.time.parse_rfc3339.
local t = require("testlib")

t.each_row("rfc3339.tsv", function(row)
  local input, want = row[1], row[2]
  if want == "error" then
    local err = t.raises("kumo.time.parse_rfc3339", kumo.time.parse_rfc3339, input)
    t.truthy(not err:find("panicked", 1, true), "no panic")
    return
  end
  local time = kumo.time.parse_rfc3339(input)
  local secs, nanos = want:match("^(-?%d+)%.(%d+)$")
  t.eq(time.unix_timestamp, math.tointeger(tonumber(secs)), "unix_timestamp")
  t.eq(time:format("%9f"), nanos, "nanoseconds")
end)

-- Wrong argument types name the function.
t.raises({ "bad argument #1 to 'kumo.time.parse_rfc3339'", "string expected, got nil" }, kumo.time.parse_rfc3339)
t.raises("string expected, got table", kumo.time.parse_rfc3339, {})
-- Numbers are taken as strings, as Lua's own string functions do.
t.raises({ "kumo.time.parse_rfc3339", "5" }, kumo.time.parse_rfc3339, 5)
t.raises("not valid UTF-8", kumo.time.parse_rfc3339, "2000-01-02T03:04:05\xffZ")
