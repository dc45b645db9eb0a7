-- kumo.time.parse_duration and the TimeDelta fields, with
-- data/duration_parse.tsv and data/duration_human.tsv.
local t = require("testlib")
local D = kumo.time.parse_duration

t.each_row("duration_parse.tsv", function(row)
  local input, want = row[1], row[2]
  if want == "error" then
    t.raises("kumo.time.parse_duration", D, input)
    return
  end
  t.eq(D(input).nanoseconds, math.tointeger(tonumber(want)), "nanoseconds")
end)

t.each_row("duration_human.tsv", function(row)
  local d = D(row[1] .. "ns")
  t.eq(d.human, row[2], "human")
  t.eq(tostring(d), row[2], "tostring")
end)

-- Numbers are seconds: integers exactly, floats to the nanosecond.
t.eq(D(90).nanoseconds, 90000000000, "integer seconds")
t.eq(D(-90).human, "-1m 30s", "negative integer seconds")
t.eq(D(1.5).nanoseconds, 1500000000, "float seconds")
t.eq(D(-0.5).milliseconds, -500, "negative float seconds")
t.eq(D(0).human, "0s", "zero")
t.eq(D(0.000000001).nanoseconds, 1, "one nanosecond as a float")

-- Field kinds and values.
local d = D("1h 30m 15s 10ms")
t.eq(d.seconds, 5415.01, "seconds")
t.eq(math.type(d.seconds), "float", "seconds is a float")
t.eq(d.nanoseconds, 5415010000000, "nanoseconds")
t.eq(d.microseconds, 5415010000, "microseconds")
t.eq(d.milliseconds, 5415010, "milliseconds")
t.eq(d.human, "1h 30m 15s 10ms", "human")
t.eq(D("1500us").milliseconds, 1, "milliseconds truncate")

-- Deltas beyond ~292 years have no 64-bit nanosecond count: an error that
-- says which fields still work (they do).
local far = kumo.time.with_ymd_hms(9999, 1, 1, 0, 0, 0) - kumo.time.with_ymd_hms(1, 1, 1, 0, 0, 0)
t.raises({ "TimeDelta.nanoseconds", "does not fit in a 64-bit integer", ".seconds" }, function() return far.nanoseconds end)
t.eq(math.type(far.microseconds), "integer", "microseconds of the widest Time span fit")
t.eq(math.type(far.milliseconds), "integer", "milliseconds of the widest Time span fit")
local widest = D(math.maxinteger)
t.raises({ "TimeDelta.microseconds", "does not fit" }, function() return widest.microseconds end)
t.raises({ "TimeDelta.milliseconds", "does not fit" }, function() return widest.milliseconds end)
t.eq(widest.seconds, 2 ^ 63, "seconds of the widest delta")
t.truthy(far.seconds > 3.1e11, "seconds of a huge delta")
t.eq(type(far.human), "string", "human of a huge delta")

-- Bad input: errors, never panics.
t.raises({ "bad argument #1 to 'kumo.time.parse_duration'", "number or string expected, got nil" }, D)
t.raises("number or string expected, got table", D, {})
t.raises("number or string expected, got boolean", D, true)
t.raises("kumo.time.parse_duration", D, 0 / 0)
t.raises("kumo.time.parse_duration", D, math.huge)
t.raises("kumo.time.parse_duration", D, -math.huge)
t.raises("kumo.time.parse_duration", D, 1e300)
t.raises("kumo.time.parse_duration", D, "")
t.raises("kumo.time.parse_duration", D, "5 parsecs")
t.raises("not valid UTF-8", D, "5\xffs")
-- Integer extremes are representable (as seconds) or an error.
for _, n in ipairs({ math.maxinteger, math.mininteger }) do
  local ok, v = pcall(D, n)
  t.truthy(ok or tostring(v):find("kumo.time.parse_duration", 1, true), "extreme integer " .. n)
end
