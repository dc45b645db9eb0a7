-- The Lua-level benchmark cases. This chunk is called with a config table
-- (fixture paths) and the pure-Lua baseline module, and returns the groups in
-- report order: { {group =, title =, cases = { {id =, label =, baseline =, run =} ...}} }.
-- In each group the case marked `baseline` is what the others are compared to.
--
-- Every `run(n)` performs the measured operation n times in a Lua loop, so the
-- cost of entering Lua from Rust is paid once per batch, not once per call.
-- Functions are looked up once before the loop for kumo and the stdlib alike;
-- method calls on objects (t:format, f:read) stay method calls, as policy code
-- writes them.

local config, baseline = ...

local RFC3339 = '2024-07-14T17:11:59+02:00'
local RFC2822 = 'Sun, 14 Jul 2024 17:11:59 +0200'
local FORMAT = '%Y-%m-%d %H:%M:%S'
local STAMP = 1720977119

-- A baseline that computes something else would make a comparison
-- meaningless: each pair is checked to agree on the benchmark input first.
local function check(what, kumo_value, baseline_value)
  if kumo_value ~= baseline_value then
    error(string.format('%s: kumo gives %s, the baseline %s', what,
      tostring(kumo_value), tostring(baseline_value)))
  end
end

-- Reads the whole file with kumo.fs in one expression, the shortest form a
-- policy can write: the bindings' one-shot helper when they have one.
local function kumo_one_shot_reader()
  local fs = kumo.fs
  if fs.read_file then
    return fs.read_file, 'kumo.fs.read_file(p)'
  end
  local open = fs.open
  return function(p)
    return open(p):read()
  end, 'kumo.fs.open(p):read()'
end

local function read_group(id, title, path)
  local kumo_open, io_open = kumo.fs.open, io.open
  local one_shot, one_shot_label = kumo_one_shot_reader()
  local probe = assert(io_open(path, 'rb'))
  local expected = #probe:read('a')
  probe:close()
  probe = kumo_open(path, 'r')
  check(id .. ' kumo.fs.open/read/close length', #probe:read(), expected)
  probe:close()
  check(id .. ' ' .. one_shot_label .. ' length', #one_shot(path), expected)
  return {
    group = id,
    title = title,
    cases = {
      { id = 'kumo_open_read_close', label = 'kumo.fs.open/read/close',
        run = function(n)
          for _ = 1, n do
            local f = kumo_open(path, 'r')
            local _ = f:read()
            f:close()
          end
        end },
      { id = 'kumo_one_shot', label = one_shot_label,
        run = function(n)
          for _ = 1, n do
            local _ = one_shot(path)
          end
        end },
      { id = 'io_open_read_close', label = 'io.open/read/close', baseline = true,
        run = function(n)
          for _ = 1, n do
            local f = io_open(path, 'rb')
            local _ = f:read('a')
            f:close()
          end
        end },
    },
  }
end

-- A TTL far longer than the whole run, so every cached call is a hit.
local GLOB_TTL = 86400

-- kumo.fs.glob served from its cache, next to uncached_glob walking the
-- folder (the baseline: what every call would cost without the cache).
local function glob_group(id, title, dir)
  local glob, uncached_glob = kumo.fs.glob, kumo.fs.uncached_glob
  local expected = #uncached_glob('*.txt', dir)
  check(id .. ' cached glob count', #glob('*.txt', dir, GLOB_TTL), expected)
  return {
    group = id,
    title = title,
    cases = {
      { id = 'cached', label = "kumo.fs.glob('*.txt', dir, ttl) (cache hit)",
        run = function(n)
          for _ = 1, n do local _ = glob('*.txt', dir, GLOB_TTL) end
        end },
      { id = 'uncached', label = "kumo.fs.uncached_glob('*.txt', dir)", baseline = true,
        run = function(n)
          for _ = 1, n do local _ = uncached_glob('*.txt', dir) end
        end },
    },
  }
end

local groups = {}

do
  local now, os_time = kumo.time.now, os.time
  groups[#groups + 1] = { group = 'time_now', title = 'Current time', cases = {
    { id = 'kumo', label = 'kumo.time.now()', run = function(n)
      for _ = 1, n do local _ = now() end
    end },
    { id = 'os_time', label = 'os.time()', baseline = true, run = function(n)
      for _ = 1, n do local _ = os_time() end
    end },
  } }
end

do
  local kumo_parse, lua_parse = kumo.time.parse_rfc3339, baseline.parse_rfc3339
  groups[#groups + 1] = { group = 'parse_rfc3339', title = 'RFC 3339 parsing', cases = {
    { id = 'kumo', label = 'kumo.time.parse_rfc3339(s)', run = function(n)
      for _ = 1, n do local _ = kumo_parse(RFC3339) end
    end },
    { id = 'pure_lua', label = 'pure Lua: string.match + os.time{...}', baseline = true, run = function(n)
      for _ = 1, n do local _ = lua_parse(RFC3339) end
    end },
  } }
end

do
  local kumo_parse, lua_parse = kumo.time.parse_rfc2822, baseline.parse_rfc2822
  groups[#groups + 1] = { group = 'parse_rfc2822', title = 'RFC 2822 parsing', cases = {
    { id = 'kumo', label = 'kumo.time.parse_rfc2822(s)', run = function(n)
      for _ = 1, n do local _ = kumo_parse(RFC2822) end
    end },
    { id = 'pure_lua', label = 'pure Lua: string.match + os.time{...}', baseline = true, run = function(n)
      for _ = 1, n do local _ = lua_parse(RFC2822) end
    end },
  } }
end

do
  local t, os_date = kumo.time.from_unix_timestamp(STAMP), os.date
  local utc_format = '!' .. FORMAT
  groups[#groups + 1] = { group = 'format', title = 'strftime formatting', cases = {
    { id = 'kumo', label = "t:format('" .. FORMAT .. "')", run = function(n)
      for _ = 1, n do local _ = t:format(FORMAT) end
    end },
    { id = 'os_date', label = "os.date('!" .. FORMAT .. "', n)", baseline = true, run = function(n)
      for _ = 1, n do local _ = os_date(utc_format, STAMP) end
    end },
  } }
end

do
  local parse = kumo.time.parse_duration
  groups[#groups + 1] = { group = 'parse_duration', title = 'Duration parsing', cases = {
    { id = 'kumo', label = "kumo.time.parse_duration('1h 30m')", run = function(n)
      for _ = 1, n do local _ = parse('1h 30m') end
    end },
  } }
end

groups[#groups + 1] = read_group('read_4k', 'Reading a 4 KiB file', config.file_4k)
groups[#groups + 1] = read_group('read_1m', 'Reading a 1 MiB file', config.file_1m)

groups[#groups + 1] = glob_group('glob_1000', 'Glob of a 1,000-file folder', config.dir_1000)
groups[#groups + 1] = glob_group('glob_10', 'Glob of a 10-file folder', config.dir_10)

return groups
