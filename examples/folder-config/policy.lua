-- folder-config: a policy that reads its configuration and mail from a folder.
--
--   cargo run --release -p kumo-lua-bindings --bin kumo-lua -- examples/folder-config/policy.lua [OUT_DIR]
--
-- 1. Globs sources/*.toml (cached, with a TTL) and parses each customer's
--    egress pool with simple line parsing (the subset of TOML used here).
-- 2. Globs messages/*.eml, unfolds each header block and parses the Date
--    header with kumo.time.parse_rfc2822 (real mail dates are messy).
-- 3. Assigns each message to its customer's pool by sender domain, and to a
--    source address within the pool.
-- 4. Appends one line per message to OUT_DIR/report.log (default: out/
--    beside this script) and prints a summary table.
--
-- Paths are found relative to this script (arg[0]), so it runs from any
-- directory. Everything that touches the disk goes through kumo.fs.

local fs = require("kumo.fs")
local time = require("kumo.time")

local timer <close> = time.start_timer("folder-config policy")

local here = ((arg and arg[0]) or "policy.lua"):match("^(.*)/[^/]*$") or "."
local out_dir = (arg and arg[1]) or (here .. "/out")
local GLOB_TTL_SECONDS = 30

---------------------------------------------------------------------------
-- Pools: sources/*.toml
---------------------------------------------------------------------------

-- One value of `key = value`: a "string", an array of strings, an integer or
-- a boolean. Returns the value and the rest of the line.
local function parse_value(text, where)
  local s, rest = text:match('^"([^"]*)"(.*)$')
  if s then
    return s, rest
  end
  local inner
  inner, rest = text:match("^%[(.-)%](.*)$")
  if inner then
    local list = {}
    for item in inner:gmatch('"([^"]*)"') do
      list[#list + 1] = item
    end
    return list, rest
  end
  local word
  word, rest = text:match("^([%w%.%-%+]+)(.*)$")
  if word == "true" or word == "false" then
    return word == "true", rest
  end
  local n = word and math.tointeger(tonumber(word))
  if n then
    return n, rest
  end
  error(where .. ": unsupported value: " .. text, 0)
end

-- Parses one pool definition file.
local function read_pool(path)
  local pool = { file = path, sources = {} }
  local target = pool
  local n = 0
  local f <close> = fs.open(path)
  for line in f:lines() do
    n = n + 1
    local where = path .. ":" .. n
    line = line:match("^%s*(.-)%s*$")
    if line == "[[source]]" then
      target = { pool = pool }
      pool.sources[#pool.sources + 1] = target
    elseif line ~= "" and not line:match("^#") then
      local key, text = line:match("^([%w_]+)%s*=%s*(.+)$")
      if not key then
        error(where .. ": expected `key = value` or [[source]], got: " .. line, 0)
      end
      local value, rest = parse_value(text, where)
      if not (rest:match("^%s*$") or rest:match("^%s*#")) then
        error(where .. ": unexpected text after the value: " .. rest, 0)
      end
      target[key] = value
    end
  end
  for _, field in ipairs({ "customer", "pool", "sender_domains" }) do
    if pool[field] == nil then
      error(path .. ": missing `" .. field .. "`", 0)
    end
  end
  if #pool.sources == 0 then
    error(path .. ": no [[source]] defined", 0)
  end
  return pool
end

local pools, pool_by_domain = {}, {}
for _, rel in ipairs(fs.glob("sources/*.toml", here, GLOB_TTL_SECONDS)) do
  local pool = read_pool(here .. "/" .. rel)
  pool.name, pool.messages = pool.pool, {}
  pools[#pools + 1] = pool
  for _, domain in ipairs(pool.sender_domains) do
    domain = domain:lower()
    local other = pool_by_domain[domain]
    if other then
      error(("sender domain %s is in both %s and %s"):format(domain, other.file, pool.file), 0)
    end
    pool_by_domain[domain] = pool
  end
  for _, source in ipairs(pool.sources) do
    source.messages = 0
  end
end
local unmatched = { name = "(unmatched)", customer = "-", sources = {}, messages = {} }

---------------------------------------------------------------------------
-- Messages: messages/*.eml
---------------------------------------------------------------------------

-- The header fields of a message, names lower-cased, folded lines joined
-- (RFC 5322 section 2.2.3: a line break followed by white space).
local function read_headers(text)
  local head = text:match("^(.-)\r?\n\r?\n") or text
  head = head:gsub("\r?\n([ \t])", "%1")
  local headers = {}
  for line in (head .. "\n"):gmatch("(.-)\r?\n") do
    local name, value = line:match("^([^:%s]+):%s*(.-)%s*$")
    if name and headers[name:lower()] == nil then
      headers[name:lower()] = value
    end
  end
  return headers
end

-- A stable choice of source for a message: the same Message-ID always
-- leaves from the same address.
local function pick_source(pool, message_id)
  local h = 0
  for i = 1, #message_id do
    h = (h * 31 + message_id:byte(i)) % 0x7fffffff
  end
  return pool.sources[h % #pool.sources + 1]
end

-- An age in human form, to its three largest units ("1year 9months 2days",
-- "3days 4h 5m"): TimeDelta.human spells out every unit down to nanoseconds.
local function age_text(delta)
  local words = {}
  for word in delta.human:gmatch("%S+") do
    if #words < 3 then words[#words + 1] = word end
  end
  return table.concat(words, " ")
end

local now = time.now()
local messages, bad_dates = {}, 0
for _, rel in ipairs(fs.glob("messages/*.eml", here, GLOB_TTL_SECONDS)) do
  local f <close> = fs.open(here .. "/" .. rel)
  local headers = read_headers(f:read())
  local msg = {
    file = rel,
    subject = headers.subject or "(no subject)",
    id = headers["message-id"] or rel,
    domain = ((headers.from or ""):match("@([%w%.%-]+)") or ""):lower(),
  }
  local ok, date = pcall(time.parse_rfc2822, headers.date or "")
  if ok then
    msg.date, msg.age = date, now - date
  else
    msg.date_error = ("unusable Date %q"):format(headers.date or "")
    bad_dates = bad_dates + 1
  end
  msg.pool = pool_by_domain[msg.domain] or unmatched
  if msg.pool ~= unmatched then
    msg.source = pick_source(msg.pool, msg.id)
    msg.source.messages = msg.source.messages + 1
  end
  table.insert(msg.pool.messages, msg)
  messages[#messages + 1] = msg
end

---------------------------------------------------------------------------
-- Report log: one line per message, appended
---------------------------------------------------------------------------

local log_path = out_dir .. "/report.log"
do
  local log <close> = fs.open(log_path, "a")
  local stamp = now:format("%Y-%m-%dT%H:%M:%SZ")
  for _, msg in ipairs(messages) do
    log:write(stamp, "\t", msg.file, "\tpool=", msg.pool.name,
      "\tsource=", msg.source and msg.source.source_address or "-",
      "\tdate=", msg.date and msg.date.rfc3339 or msg.date_error,
      "\tage=", msg.age and age_text(msg.age) or "-",
      "\tsubject=", msg.subject, "\n")
  end
end

---------------------------------------------------------------------------
-- Summary
---------------------------------------------------------------------------

local function span(list)
  local oldest, newest
  for _, msg in ipairs(list) do
    if msg.date then
      if not oldest or msg.date < oldest.date then oldest = msg end
      if not newest or msg.date > newest.date then newest = msg end
    end
  end
  return oldest, newest
end

local function when(msg)
  return msg and msg.date:format("%Y-%m-%d %H:%M") or "-"
end

local function age(msg)
  return msg and age_text(msg.age) or "-"
end

print(("folder-config report at %s"):format(now:format("%Y-%m-%d %H:%M:%S UTC")))
print(("%d pools from %s/sources, %d messages from %s/messages (%d with an unusable Date)"):format(
  #pools, here, #messages, here, bad_dates))
print()

local row = "%-20s %-19s %4s  %-16s  %-16s  %s"
print(row:format("POOL", "CUSTOMER", "MSGS", "OLDEST (UTC)", "NEWEST (UTC)", "AGE OF OLDEST / NEWEST"))
local all = {}
for _, pool in ipairs(pools) do all[#all + 1] = pool end
if #unmatched.messages > 0 then all[#all + 1] = unmatched end
for _, pool in ipairs(all) do
  local oldest, newest = span(pool.messages)
  print(row:format(pool.name, pool.customer, #pool.messages, when(oldest), when(newest),
    age(oldest) .. " / " .. age(newest)))
end
print()

local src_row = "%-16s %-20s %-20s %4s"
print(src_row:format("SOURCE", "ADDRESS", "POOL", "MSGS"))
for _, pool in ipairs(pools) do
  for _, source in ipairs(pool.sources) do
    print(src_row:format(source.name, source.source_address, pool.name, source.messages))
  end
end

local problems = {}
for _, msg in ipairs(messages) do
  if msg.date_error then problems[#problems + 1] = msg.file .. ": " .. msg.date_error end
  if msg.pool == unmatched then
    problems[#problems + 1] = msg.file .. ": no pool for sender domain " .. msg.domain
  end
end
if #problems > 0 then
  print()
  print("needs attention:")
  for _, p in ipairs(problems) do print("  " .. p) end
end

local oldest, newest = span(messages)
print()
print(("oldest message: %s (%s, %s ago)"):format(oldest.file, oldest.date.rfc2822, age(oldest)))
print(("newest message: %s (%s, %s ago)"):format(newest.file, newest.date.rfc2822, age(newest)))
print(("appended %d lines to %s; done in %.1f ms"):format(#messages, log_path, timer:done() * 1000))
