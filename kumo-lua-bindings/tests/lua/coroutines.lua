-- Async kumo functions work inside the script's own coroutines: the values
-- a coroutine yields are the script's, never mlua's internal "pending"
-- marker, through coroutine.wrap, coroutine.resume and nested coroutines.
local t = require("testlib")

local path = t.write_file("lines.txt", "one\ntwo\nthree\n")

-- A generator built with coroutine.wrap over file:lines(), sleeping between
-- lines so that every step really waits on the runtime.
local gen = coroutine.wrap(function()
  local f <close> = kumo.fs.open(path)
  for line in f:lines() do
    kumo.time.sleep(0.001)
    coroutine.yield(line)
  end
  return "done"
end)
t.eq(gen(), "one", "first line")
t.eq(gen(), "two", "second line")
t.eq(gen(), "three", "third line")
t.eq(gen(), "done", "return value")
t.raises("cannot resume dead coroutine", gen)

-- coroutine.resume returns true and the yielded values, with every kind of
-- kumo call (file, directory, metadata, glob, sleep) inside.
local co = coroutine.create(function(a, b)
  local names = kumo.fs.read_dir(TMP_DIR)
  local meta = kumo.fs.metadata_for_path(path)
  local got = coroutine.yield(#names, meta.len, a + b)
  kumo.time.sleep(0)
  local globbed = kumo.fs.glob("*.txt", TMP_DIR)
  return got, globbed[1]
end)
local ok, n, len, sum = coroutine.resume(co, 1, 2)
t.eq(ok, true, "resume ok")
t.eq(n, 1, "read_dir inside a coroutine")
t.eq(len, 14, "metadata inside a coroutine")
t.eq(sum, 3, "arguments reach the coroutine")
local ok2, back, first = coroutine.resume(co, "sent")
t.eq(ok2, true, "second resume ok")
t.eq(back, "sent", "the value passed to resume reaches yield")
t.eq(first, "lines.txt", "glob inside a coroutine")
t.eq(coroutine.status(co), "dead", "finished")

-- Nested coroutines: the marker travels through every level.
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function()
    kumo.time.sleep(0.001)
    coroutine.yield("inner")
    kumo.time.sleep(0.001)
    return "inner done"
  end)
  coroutine.yield(inner())
  coroutine.yield(inner())
  return "outer done"
end)
t.eq(outer(), "inner", "nested first")
t.eq(outer(), "inner done", "nested second")
t.eq(outer(), "outer done", "nested return")

-- Errors keep Lua's behaviour: resume reports them, wrap re-raises them
-- with the caller's position and closes the coroutine's <close> variables.
local bad = coroutine.create(function()
  kumo.time.sleep(0)
  kumo.fs.open(TMP_DIR .. "/missing/file")
end)
local okb, err = coroutine.resume(bad)
t.eq(okb, false, "an error inside is reported by resume")
t.truthy(tostring(err):find("No such file or directory", 1, true), "the OS error is in the message")

local closed = false
local failing = coroutine.wrap(function()
  local guard <close> = setmetatable({}, { __close = function() closed = true end })
  kumo.time.sleep(0)
  error("boom")
end)
local text = t.raises({ "coroutines.lua:", "boom" }, failing)
t.truthy(closed, "wrap closed the failed coroutine's <close> variables: " .. text)

-- Ordinary coroutines are untouched.
local plain = coroutine.wrap(function(x)
  local y = coroutine.yield(x * 2)
  return y + 1
end)
t.eq(plain(21), 42, "plain yield")
t.eq(plain(1), 2, "plain return")
t.eq(select("#", coroutine.resume(coroutine.create(function() end))), 1, "no values")


-- An error from a <close> variable while wrap closes a failed coroutine
-- replaces the body's error, as in Lua.
local close_fails = coroutine.wrap(function()
  local x <close> = setmetatable({}, { __close = function() error("close error", 0) end })
  kumo.time.sleep(0)
  error("body error", 0)
end)
local okc, errc = pcall(close_fails)
t.eq(okc, false, "close error raised")
t.eq(errc, "close error", "the __close error wins")

-- Argument errors name the library function and point at the caller.
t.raises({ "coroutines.lua:", "bad argument #1 to 'coroutine.resume' (thread expected, got nil)" },
  function() coroutine.resume(nil) end)
t.raises({ "bad argument #1 to 'coroutine.wrap' (function expected, got number)" },
  function() coroutine.wrap(1) end)
