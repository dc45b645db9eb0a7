-- Async functions called where Lua cannot yield fail with an error that
-- names the function and tells the host what to do.
-- (tests/register.rs covers plain `exec()` from Rust, with and without a
-- tokio runtime.)
local t = require("testlib")

local function in_sort(f)
  -- table.sort calls its comparator from C without a continuation, so
  -- nothing inside it can yield.
  table.sort({ 2, 1 }, function(a, b) f() return a < b end)
end

local path = t.write_file("ny.txt", "line\n")
local file = kumo.fs.open(path, "r+")

local calls = {
  ["kumo.fs.open"] = function() kumo.fs.open(path) end,
  ["kumo.fs.read_dir"] = function() kumo.fs.read_dir(TMP_DIR) end,
  ["kumo.fs.glob"] = function() kumo.fs.glob("*", TMP_DIR) end,
  ["kumo.fs.uncached_glob"] = function() kumo.fs.uncached_glob("*", TMP_DIR) end,
  ["kumo.fs.metadata_for_path"] = function() kumo.fs.metadata_for_path(path) end,
  ["kumo.fs.symlink_metadata_for_path"] = function() kumo.fs.symlink_metadata_for_path(path) end,
  ["kumo.time.sleep"] = function() kumo.time.sleep(0) end,
  ["file:read"] = function() file:read() end,
  ["file:write"] = function() file:write("x") end,
  ["file:seek"] = function() file:seek() end,
  ["file:flush"] = function() file:flush() end,
  ["file:close"] = function() file:close() end,
  ["file:lines iterator"] = function() file:lines()() end,
}
-- Cached or not, glob checks first: a policy that works while the cache
-- is cold must not start failing (or working) once it is warm.
kumo.fs.glob("*", TMP_DIR)
local warm = glob_walks()
kumo.fs.glob("*", TMP_DIR)
t.eq(glob_walks(), warm, "the key is cached")
for name, call in pairs(calls) do
  t.raises({
    name .. " is asynchronous and this Lua code cannot yield",
    "call_async/exec_async on a tokio runtime",
    "nonyieldable.lua:",
  }, in_sort, call)
end
-- The deprecated aliases are the same functions.
t.raises("kumo.time.sleep is asynchronous", in_sort, function() kumo.sleep(0) end)
t.raises("kumo.fs.glob is asynchronous", in_sort, function() kumo.glob("*", TMP_DIR) end)

-- Other non-yieldable places: a metamethod called from C, a gsub callback,
-- a module loader run by require.
local obj = setmetatable({}, { __tostring = function() kumo.fs.read_dir(TMP_DIR) return "x" end })
t.raises("kumo.fs.read_dir is asynchronous", tostring, obj)
local cached_glob = setmetatable({}, { __tostring = function() kumo.fs.glob("*", TMP_DIR) return "x" end })
t.raises("kumo.fs.glob is asynchronous", tostring, cached_glob)
t.eq(glob_walks(), warm, "still cached: the errors above were not misses")
t.raises("kumo.time.sleep is asynchronous", string.gsub, "abc", "b", function() kumo.time.sleep(0) end)
package.preload["loads_at_top_level"] = function() return kumo.fs.read_dir(TMP_DIR) end
t.raises("kumo.fs.read_dir is asynchronous", require, "loads_at_top_level")

-- The guard costs nothing to correctness: the same calls work where Lua
-- can yield, including inside pcall and coroutines resumed by mlua's
-- async thread.
for name, call in pairs(calls) do
  if name ~= "file:close" and name ~= "file:lines iterator" then
    t.truthy(pcall(call), name .. " works when yieldable")
  end
end
file:close()
