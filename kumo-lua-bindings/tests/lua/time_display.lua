-- data/time_display.tsv through the Lua API: tostring, rfc3339, rfc2822,
-- unix_timestamp_millis, unix_timestamp, and the civil fields.
local t = require("testlib")

local rows = t.each_row("time_display.tsv", function(row)
  local secs, nanos = math.tointeger(tonumber(row[1])), math.tointeger(tonumber(row[2]))
  local time = kumo.time.from_unix_timestamp(secs) + kumo.time.parse_duration(nanos .. "ns")
  t.eq(tostring(time), row[3], "tostring")
  t.eq(time.rfc3339, row[4], "rfc3339")
  t.eq(time.rfc2822, row[5], "rfc2822")
  t.eq(time.unix_timestamp_millis, math.tointeger(tonumber(row[6])), "unix_timestamp_millis")
  t.eq(time.unix_timestamp, math.tointeger(tonumber(row[7])), "unix_timestamp")

  -- The civil fields match the rfc3339 text, and with_ymd_hms rebuilds
  -- the whole second.
  local y, mo, d, h, mi, s = row[4]:match("^(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)")
  y, mo, d, h, mi, s = tonumber(y), tonumber(mo), tonumber(d), tonumber(h), tonumber(mi), tonumber(s)
  t.eq(time.year, y, "year")
  t.eq(time.month, mo, "month")
  t.eq(time.day, d, "day")
  t.eq(time.hour, h, "hour")
  t.eq(time.minute, mi, "minute")
  t.eq(time.second, s, "second")
  local whole = kumo.time.with_ymd_hms(y, mo, d, h, mi, s)
  t.eq(whole, kumo.time.from_unix_timestamp(time.unix_timestamp), "with_ymd_hms")
end)
t.truthy(rows >= 18, "time_display.tsv rows")
