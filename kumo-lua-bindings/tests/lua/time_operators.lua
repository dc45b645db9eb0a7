-- Time and TimeDelta metamethods, from_unix_timestamp and with_ymd_hms.
local t = require("testlib")
local T, D = kumo.time, kumo.time.parse_duration

local a = T.with_ymd_hms(2000, 1, 2, 3, 4, 5)
local b = T.parse_rfc3339("2000-01-02T04:04:05Z")

-- == < <= on Time
t.eq(a == T.from_unix_timestamp(946782245), true, "Time ==")
t.eq(a == b, false, "Time == (different)")
t.eq(a ~= b, true, "Time ~=")
t.eq(a < b, true, "Time <")
t.eq(b < a, false, "Time < (false)")
t.eq(a <= a, true, "Time <=")
t.eq(b <= a, false, "Time <= (false)")
t.eq(b > a, true, "Time >")
t.eq(a == D(1), false, "Time == TimeDelta is false")
t.eq(a == 946782245, false, "Time == number is false")

-- Arithmetic
local hour = D("1h")
t.eq(a + hour, b, "Time + TimeDelta")
t.eq(hour + a, b, "TimeDelta + Time")
t.eq(b - hour, a, "Time - TimeDelta")
local diff = b - a
t.eq(tostring(diff), "1h", "Time - Time is a TimeDelta")
t.eq((a - b).human, "-1h", "Time - Time, negative")
t.eq(tostring(a + D(-0.5)), "2000-01-02 03:04:04.500 UTC", "adding a negative delta")

-- == < <= + - unary - on TimeDelta
t.eq(D(60) == D("1m"), true, "TimeDelta ==")
t.eq(D(1) < D(2), true, "TimeDelta <")
t.eq(D(2) <= D(2), true, "TimeDelta <=")
t.eq(D(3) <= D(2), false, "TimeDelta <= (false)")
t.eq(D(-1) < D(0), true, "negative < zero")
t.eq((D(90) + D(30)).human, "2m", "TimeDelta + TimeDelta")
t.eq((D(90) - D(30)).human, "1m", "TimeDelta - TimeDelta")
t.eq((-D(90)).human, "-1m 30s", "unary minus")
t.eq(-(-D(5)), D(5), "double negation")
t.eq(D(1) == 1, false, "TimeDelta == number is false")

-- Mixed or unsupported operands: clear errors.
t.raises({ "attempt to compare Time < TimeDelta" }, function() return a < hour end)
t.raises({ "attempt to compare TimeDelta <= Time" }, function() return hour <= a end)
t.raises({ "attempt to compare Time < number" }, function() return a < 5 end)
t.raises({ "attempt to add Time and Time" }, function() return a + b end)
t.raises({ "attempt to add Time and number" }, function() return a + 5 end)
t.raises({ "attempt to add number and Time" }, function() return 5 + a end)
t.raises({ "attempt to add TimeDelta and number" }, function() return hour + 5 end)
t.raises({ "attempt to subtract TimeDelta and Time" }, function() return hour - a end)
t.raises({ "attempt to subtract Time and string" }, function() return a - "1h" end)
t.raises("attempt to negate a Time (only a TimeDelta can be negated)", function() return -a end)

-- Overflow at the ends of the range is an error, not a wrap or a panic.
local last = T.with_ymd_hms(9999, 12, 31, 23, 59, 59)
local first = T.with_ymd_hms(-9999, 1, 1, 0, 0, 0)
local big = last - first
t.raises("Time + TimeDelta", function() return last + D(86400) end)
t.raises("Time - TimeDelta", function() return first - D(86400) end)
t.raises("Time + TimeDelta", function() return first + big + big end)
-- Whether the extremes of TimeDelta overflow depends on its range; either
-- way the result is a value or a clean error naming the operation.
local function value_or_error(needle, f)
  local ok, err = pcall(f)
  t.truthy(ok or tostring(err):find(needle, 1, true), needle .. ": " .. tostring(err))
end
value_or_error("TimeDelta + TimeDelta", function() return D(math.maxinteger) + D(math.maxinteger) end)
value_or_error("TimeDelta - TimeDelta", function() return D(math.mininteger) - D(math.maxinteger) end)
value_or_error("-TimeDelta", function() return -(D(math.mininteger) - D(0.5)) end)
local huge = D(math.maxinteger)
for _ = 1, 4 do
  value_or_error("TimeDelta + TimeDelta", function() huge = huge + huge end)
end

-- from_unix_timestamp: integers, floats, negative fractions exact.
t.eq(T.from_unix_timestamp(-0.5).rfc3339, "1969-12-31T23:59:59.500+00:00", "-0.5 is half a second before the epoch")
t.eq(T.from_unix_timestamp(-1.25).unix_timestamp_millis, -1250, "-1.25")
t.eq(T.from_unix_timestamp(1.5).rfc3339, "1970-01-01T00:00:01.500+00:00", "1.5")
t.eq(T.from_unix_timestamp(0).rfc3339, "1970-01-01T00:00:00+00:00", "integer 0")
t.raises({ "bad argument #1 to 'kumo.time.from_unix_timestamp'", "number expected, got string" }, T.from_unix_timestamp, "5")
t.raises("number expected, got nil", T.from_unix_timestamp)
for _, bad in ipairs({ 0 / 0, math.huge, -math.huge, 1e300, math.maxinteger, math.mininteger }) do
  t.raises("kumo.time.from_unix_timestamp", T.from_unix_timestamp, bad)
end

-- with_ymd_hms: ranges and types.
t.eq(T.with_ymd_hms(2000, 2, 29, 0, 0, 0).rfc3339, "2000-02-29T00:00:00+00:00", "leap day")
t.eq(T.with_ymd_hms(2000.0, 2, 29, 0, 0, 0).year, 2000, "integral float accepted")
for _, args in ipairs({
  { 2001, 2, 29, 0, 0, 0 }, { 2000, 13, 1, 0, 0, 0 }, { 2000, 0, 1, 0, 0, 0 }, { 2000, 1, 32, 0, 0, 0 },
  { 2000, 1, 1, 24, 0, 0 }, { 2000, 1, 1, 0, 60, 0 }, { 2000, 1, 1, 0, 0, 60 }, { 2000, 1, 1, 0, 0, -1 },
  { 100000, 1, 1, 0, 0, 0 }, { math.maxinteger, 1, 1, 0, 0, 0 }, { 2000, math.mininteger, 1, 0, 0, 0 },
}) do
  t.raises("kumo.time.with_ymd_hms", T.with_ymd_hms, table.unpack(args))
end
t.raises({ "bad argument #2 to 'kumo.time.with_ymd_hms'", "no integer representation" }, T.with_ymd_hms, 2000, 1.5, 1, 0, 0, 0)
t.raises({ "bad argument #6 to 'kumo.time.with_ymd_hms'", "number expected, got nil" }, T.with_ymd_hms, 2000, 1, 1, 0, 0)
t.raises({ "bad argument #1", "no integer representation" }, T.with_ymd_hms, 0 / 0, 1, 1, 0, 0, 0)
t.raises({ "bad argument #3", "number expected, got string" }, T.with_ymd_hms, 2000, 1, "1", 0, 0, 0)
t.raises({ "bad argument #7", "expected 6 arguments" }, T.with_ymd_hms, 2000, 1, 1, 0, 0, 0, 0)
