-- kumo.time.now() and the fields of a Time.
local t = require("testlib")

local now = kumo.time.now()
t.eq(type(now), "userdata", "now() is a Time userdata")

-- Agrees with os.time() to within a couple of seconds.
local drift = math.abs(now.unix_timestamp - os.time())
t.truthy(drift <= 2, "now() within 2s of os.time(), drift " .. drift)

for _, field in ipairs({ "year", "month", "day", "hour", "minute", "second", "unix_timestamp", "unix_timestamp_millis" }) do
  t.eq(math.type(now[field]), "integer", "Time." .. field .. " is an integer")
end
t.truthy(now.year >= 2024, "year")
t.truthy(now.month >= 1 and now.month <= 12, "month")
t.truthy(now.day >= 1 and now.day <= 31, "day")
t.truthy(now.hour >= 0 and now.hour <= 23, "hour")
t.truthy(now.minute >= 0 and now.minute <= 59, "minute")
t.truthy(now.second >= 0 and now.second <= 59, "second")
t.eq(now.unix_timestamp_millis // 1000, now.unix_timestamp, "millis agree with seconds")
t.eq(type(now.rfc3339), "string", "rfc3339")
t.eq(type(now.rfc2822), "string", "rfc2822")
t.eq(tostring(now):sub(-4), " UTC", "tostring ends in UTC")
t.eq(now.rfc3339, kumo.time.parse_rfc3339(now.rfc3339).rfc3339, "rfc3339 round trip")

-- The os.date view of the same second matches the fields.
local d = os.date("!*t", now.unix_timestamp)
t.eq(now.year, d.year, "year vs os.date")
t.eq(now.month, d.month, "month vs os.date")
t.eq(now.day, d.day, "day vs os.date")
t.eq(now.hour, d.hour, "hour vs os.date")
t.eq(now.minute, d.min, "minute vs os.date")
t.eq(now.second, d.sec, "second vs os.date")

-- elapsed is a TimeDelta that grows.
local e1 = now.elapsed
t.eq(type(e1), "userdata", "elapsed is a TimeDelta")
t.truthy(e1.seconds >= 0, "elapsed is not negative")
kumo.time.sleep(0.002)
t.truthy(now.elapsed > e1, "elapsed grows")
t.truthy(kumo.time.now() > now, "now() moves forward")

-- Unknown fields are nil, and fields are read-only.
t.eq(now.no_such_field, nil, "unknown field")
t.raises("attempt to index a kumo.time.Time value", function() now.no_such_field = 1 end)
t.raises("attempt to index a kumo.time.Time value", function() now.year = 1 end)
