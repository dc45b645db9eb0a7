-- kumo.fs.open modes and errors; close, <close>, closed files, collection.
local t = require("testlib")
local open = kumo.fs.open
local p = function(name) return TMP_DIR .. "/" .. name end

-- Missing files: the error names the function, path and OS error.
t.raises({ "kumo.fs.open", p("missing.txt"), "No such file or directory" }, open, p("missing.txt"))
t.raises({ "kumo.fs.open", "No such file or directory" }, open, p("missing.txt"), "r")
t.raises({ "kumo.fs.open", "No such file or directory" }, open, p("no/such/dir/x.txt"), "w")

-- Modes: w truncates, a appends, r+ creates a missing file, w+ truncates
-- and reads, a+ appends and reads, b is accepted and has no effect.
t.write_file("m.txt", "original")
local f = open(p("m.txt"), "w")
f:close()
t.eq(t.read_file(p("m.txt")), "", "w truncates")
for _, mode in ipairs({ "a", "ab" }) do
  f = open(p("m.txt"), mode)
  f:write(mode)
  f:seek("set", 0)
  f:write("|")
  f:close()
end
t.eq(t.read_file(p("m.txt")), "a|ab|", "a and ab append, even after seek")
f = open(p("created.txt"), "r+")
t.eq(f:read(), "", "r+ creates a missing file")
f:write("made")
f:close()
t.eq(t.read_file(p("created.txt")), "made", "r+ writes")
f = open(p("created.txt"), "r+b")
t.eq(f:read(2), "ma", "r+b reads")
f:close()
for _, mode in ipairs({ "w+", "w+b" }) do
  f = open(p("m.txt"), mode)
  t.eq(f:read(), "", mode .. " truncates")
  f:write("xyz")
  f:seek("set", 0)
  t.eq(f:read(), "xyz", mode .. " reads back")
  f:close()
end
for _, mode in ipairs({ "a+", "a+b" }) do
  f = open(p("m.txt"), mode)
  f:write("!")
  f:seek("set", 0)
  t.eq(f:read(1), "x", mode .. " reads from the start")
  f:close()
end
t.eq(t.read_file(p("m.txt")), "xyz!!", "a+ appends")
for _, mode in ipairs({ "r", "rb" }) do
  f = open(p("m.txt"), mode)
  t.eq(f:read(), "xyz!!", mode .. " reads")
  -- Writing to a read-only file fails at the write or, buffered, at the
  -- flush; either way as a Lua error naming the method.
  t.raises("file:", function() f:write("no"):flush() end)
  pcall(f.close, f)
end
f = open(p("wb.bin"), "wb")
f:write("\0")
f:close()
t.eq(t.read_file(p("wb.bin")), "\0", "wb")

-- Bad modes and arguments.
for _, mode in ipairs({ "x", "rw", "", "r+++", "wb+x", "R" }) do
  t.raises({ "bad argument #2 to 'kumo.fs.open'", mode }, open, p("m.txt"), mode)
end
t.raises({ "bad argument #2 to 'kumo.fs.open'", "string expected, got number" }, open, p("m.txt"), 1)
t.raises({ "bad argument #1 to 'kumo.fs.open'", "string expected, got nil" }, open)
t.raises({ "bad argument #1 to 'kumo.fs.open'", "string expected, got table" }, open, {})
t.raises("kumo.fs.open", open, "")
t.raises("kumo.fs.open", open, p("nul\0byte"))
t.raises("kumo.fs.open", open, TMP_DIR, "w")

-- close() flushes; a second close is a no-op; other methods then fail.
f = open(p("c.txt"), "w")
f:write("flushed by close")
t.eq(f:close(), true, "close returns true")
t.eq(f:close(), true, "second close is a no-op")
t.eq(t.read_file(p("c.txt")), "flushed by close", "close flushed")
t.eq(tostring(f), 'kumo.fs file "' .. p("c.txt") .. '" (closed)', "tostring of a closed file")
for _, call in ipairs({
  function() return f:read() end,
  function() return f:read("l") end,
  function() return f:write("x") end,
  function() return f:seek() end,
  function() return f:flush() end,
  function() return f:lines() end,
}) do
  t.raises("attempt to use a closed file", call)
end

-- tostring of an open file names the path.
f = open(p("c.txt"))
t.eq(tostring(f), 'kumo.fs file "' .. p("c.txt") .. '"', "tostring")
f:close()

-- <close> closes (and flushes) at the end of the scope...
local kept
do
  local g <close> = open(p("scoped.txt"), "w")
  g:write("scoped")
  kept = g
end
t.eq(t.read_file(p("scoped.txt")), "scoped", "<close> flushed")
t.raises("attempt to use a closed file", kept.read, kept)

-- ...also when the scope is left by an error (where Lua cannot yield, the
-- buffered bytes are handed to the file's drop, which still writes them).
local ok, err = pcall(function()
  local g <close> = open(p("unwound.txt"), "w")
  g:write("unwound")
  kept = g
  error("boom")
end)
t.eq(ok, false, "the error propagates")
t.truthy(tostring(err):find("boom", 1, true), "the original error is kept")
t.raises("attempt to use a closed file", kept.read, kept)
local function eventually(path, want)
  for _ = 1, 200 do
    if t.read_file(path) == want then return true end
    kumo.time.sleep(0.01)
  end
  return false
end
t.truthy(eventually(p("unwound.txt"), "unwound"), "bytes written after an unwound <close>")

-- A file collected without close() still gets its buffered bytes written.
do
  local g = open(p("collected.txt"), "w")
  g:write("collected")
end
collectgarbage()
collectgarbage()
t.truthy(eventually(p("collected.txt"), "collected"), "bytes written after collection")

-- Reading and writing after seek keeps positions consistent (r+).
t.write_file("rw.txt", "0123456789")
f = open(p("rw.txt"), "r+")
t.eq(f:read(3), "012", "read 3")
f:write("ab")
f:seek("set", 0)
t.eq(f:read(), "012ab56789", "write after read lands at the read position")
f:close()
