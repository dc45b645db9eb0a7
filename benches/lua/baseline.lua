-- Pure-Lua baselines: what a policy author writes with only the Lua standard
-- library, to compare kumo.time against. Written the idiomatic way (string
-- patterns plus os.time{...}), with the obvious optimisations a careful author
-- makes: library functions cached in locals, lookup tables built once, no
-- closures or tables created per call beyond the one os.time needs.
--
-- Both parsers return UTC seconds since the epoch as a number (fraction
-- included), or nil plus a message. They do less checking than kumo.time
-- (os.time silently normalises 31 February, for instance), which favours the
-- baseline.

local M = {}

local match, lower, sub = string.match, string.lower, string.sub
local tonumber, os_time, os_date = tonumber, os.time, os.date

-- os.time{...} reads its fields as local time. The offset of the local zone
-- at the epoch, taken once, turns that into UTC (hand-written parsers usually
-- ignore DST changes the same way).
local LOCAL_EPOCH = os_time(os_date('!*t', 0))

local function utc_seconds(year, month, day, hour, min, sec)
  return os_time({
    year = year, month = month, day = day,
    hour = hour, min = min, sec = sec, isdst = false,
  }) - LOCAL_EPOCH
end

-- "2024-07-14T17:11:59.123456+02:00", "...Z", 't'/'z'/' ' variants.
function M.parse_rfc3339(s)
  local y, mo, d, h, mi, sec, rest =
    match(s, '^(%d%d%d%d)%-(%d%d)%-(%d%d)[Tt ](%d%d):(%d%d):(%d%d)(.*)$')
  if not y then
    return nil, 'not an RFC 3339 timestamp: ' .. s
  end
  local frac = 0
  local digits, zone = match(rest, '^%.(%d+)(.*)$')
  if digits then
    frac = tonumber('0.' .. digits)
    rest = zone
  end
  local offset
  if rest == 'Z' or rest == 'z' then
    offset = 0
  else
    local sign, oh, om = match(rest, '^([+-])(%d%d):(%d%d)$')
    if not sign then
      return nil, 'bad UTC offset in RFC 3339 timestamp: ' .. s
    end
    offset = tonumber(oh) * 3600 + tonumber(om) * 60
    if sign == '-' then
      offset = -offset
    end
  end
  return utc_seconds(tonumber(y), tonumber(mo), tonumber(d),
    tonumber(h), tonumber(mi), tonumber(sec)) - offset + frac
end

local MONTHS = {
  jan = 1, feb = 2, mar = 3, apr = 4, may = 5, jun = 6,
  jul = 7, aug = 8, sep = 9, oct = 10, nov = 11, dec = 12,
}

-- RFC 5322 section 4.3 zone names, in hours east of UTC.
local ZONES = {
  ut = 0, utc = 0, gmt = 0, z = 0,
  est = -5, edt = -4, cst = -6, cdt = -5,
  mst = -7, mdt = -6, pst = -8, pdt = -7,
}

-- "Fri, 21 Nov 1997 09:55:06 -0600"; weekday and seconds optional, two- and
-- three-digit years, numeric or named zones (unknown names mean UTC).
function M.parse_rfc2822(s)
  local d, mon, y, h, mi, rest =
    match(s, '^%s*%a*,?%s*(%d%d?)%s+(%a+)%s+(%d%d%d?%d?)%s+(%d%d?):(%d%d)(.*)$')
  if not d then
    return nil, 'not an RFC 2822 date: ' .. s
  end
  local month = MONTHS[lower(sub(mon, 1, 3))]
  if not month then
    return nil, 'bad month in RFC 2822 date: ' .. s
  end
  local sec, zone = match(rest, '^:(%d%d)%s+(.-)%s*$')
  if not sec then
    sec, zone = 0, match(rest, '^%s+(.-)%s*$')
    if not zone then
      return nil, 'no zone in RFC 2822 date: ' .. s
    end
  end
  local year = tonumber(y)
  if #y == 2 then
    year = year + (year < 50 and 2000 or 1900)
  elseif #y == 3 then
    year = year + 1900
  end
  local offset
  local sign, oh, om = match(zone, '^([+-])(%d%d):?(%d%d)')
  if sign then
    offset = tonumber(oh) * 3600 + tonumber(om) * 60
    if sign == '-' then
      offset = -offset
    end
  else
    offset = (ZONES[lower(match(zone, '^%a*'))] or 0) * 3600
  end
  return utc_seconds(year, month, tonumber(d), tonumber(h), tonumber(mi),
    tonumber(sec)) - offset
end

return M
