-- data/strftime.tsv through Time:format, at both reference instants.
local t = require("testlib")

local first = kumo.time.from_unix_timestamp(946782245) + kumo.time.parse_duration("123456789ns")
local second = kumo.time.from_unix_timestamp(1720977119)

t.each_row("strftime.tsv", function(row)
  t.eq(first:format(row[1]), row[2], "format at 946782245.123456789")
  t.eq(second:format(row[1]), row[3], "format at 1720977119")
end)

-- Lenient: odd and binary format strings never fail or panic.
for _, fmt in ipairs({ "", "%", "%%%", "%-", "%.", "%:", "%#", "%E%O%", string.rep("%Y", 1000) }) do
  t.eq(type(first:format(fmt)), "string", "format " .. t.show(fmt))
end
t.raises({ "bad argument #1 to 'Time:format'", "string expected, got nil" }, first.format, first)
t.eq(first:format(5), "5", "a number format is taken as a string")
t.raises("not valid UTF-8", first.format, first, "%Y\xff")
