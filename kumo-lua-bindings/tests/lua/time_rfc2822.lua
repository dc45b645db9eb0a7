-- data/rfc2822.tsv through kumo.time.parse_rfc2822.
local t = require("testlib")

t.each_row("rfc2822.tsv", function(row)
  local input, want = row[1], row[2]
  if want == "error" then
    t.raises("kumo.time.parse_rfc2822", kumo.time.parse_rfc2822, input)
    return
  end
  t.eq(kumo.time.parse_rfc2822(input).rfc3339, want, "rfc3339 of the parsed date")
end)

t.raises({ "bad argument #1 to 'kumo.time.parse_rfc2822'", "string expected, got boolean" },
  kumo.time.parse_rfc2822, true)
t.raises("not valid UTF-8", kumo.time.parse_rfc2822, "Fri, 21 Nov 1997 09:55:06 \xff")
