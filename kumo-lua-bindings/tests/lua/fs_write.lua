-- file:write, file:seek, file:flush and write buffering.
local t = require("testlib")
local open = kumo.fs.open
local path = TMP_DIR .. "/out.txt"

-- write() takes strings and numbers (as io.write prints them), several at
-- once, and returns the file so calls chain.
local f = open(path, "w")
local r = f:write("a", 1, " ", 2.5, " ", 1.0, " ", -0.0, " ", 1e100, " ", math.mininteger)
t.eq(r, f, "write returns the file")
f:write("\n"):write("chained", "\0", "\255"):write()
t.eq(f:flush(), f, "flush returns the file")
f:close()
t.eq(t.read_file(path), "a1 2.5 1 -0 1e+100 " .. math.mininteger .. "\nchained\0\255", "written bytes")

-- Bad values: errors naming the argument; nothing half-written before it.
f = open(path, "w")
t.raises({ "bad argument #2 to 'file:write'", "string or number expected, got table" }, f.write, f, "x", {})
t.raises({ "bad argument #1 to 'file:write'", "got boolean" }, f.write, f, true)
t.raises({ "bad argument #1 to 'file:write'", "got nil" }, f.write, f, nil)
t.raises({ "bad self to 'file:write'", "got number" }, f.write, 5, "x")
f:close()
t.eq(t.read_file(path), "", "nothing written by failed calls")

-- Writes are buffered: another reader sees them after flush/seek/close.
local w = open(path, "w")
w:write("buffered")
t.eq(t.read_file(path), "", "not visible before flush")
w:flush()
t.eq(t.read_file(path), "buffered", "visible after flush")
w:write(" more")
t.eq(w:seek(), 13, "seek() returns the position and flushes")
t.eq(t.read_file(path), "buffered more", "visible after seek")
w:write("!")
w:close()
t.eq(t.read_file(path), "buffered more!", "visible after close")

-- seek(whence?, offset?) in either order.
f = open(path, "r+")
t.eq(f:seek("end"), 14, "seek('end')")
t.eq(f:seek("set"), 0, "seek('set')")
t.eq(f:seek("set", 3), 3, "seek('set', 3)")
t.eq(f:seek(2, "set"), 2, "seek(2, 'set')")
t.eq(f:seek("cur", 2), 4, "seek('cur', 2)")
t.eq(f:seek(-1), 3, "seek(-1): whence defaults to 'cur'")
t.eq(f:seek(), 3, "seek(): position")
t.eq(f:seek("end", -1), 13, "seek('end', -1)")
t.eq(f:read(), "!", "read after seek")
t.eq(f:seek(nil, nil), 14, "nil arguments are defaults")
t.eq(f:seek("set", 2.0), 2, "integral float offset")
f:write("XX")
t.eq(f:seek("set", 0), 0, "seek after write")
t.eq(f:read(), "buXXered more!", "r+ writes in place")
t.eq(math.type(f:seek()), "integer", "positions are integers")

-- Bad whence/offsets: clear errors, never panics.
t.raises({ "bad argument #1 to 'file:seek'", "invalid whence", '"start"' }, f.seek, f, "start")
t.raises({ "bad argument #2 to 'file:seek'", "invalid whence", '"SET"' }, f.seek, f, 0, "SET")
t.raises({ "bad argument #2 to 'file:seek'", "must not be negative" }, f.seek, f, "set", -1)
t.raises({ "bad argument #1 to 'file:seek'", "must not be negative" }, f.seek, f, -1, "set")
t.raises({ "bad argument #2 to 'file:seek'", "one whence string and one integer" }, f.seek, f, "set", "end")
t.raises({ "bad argument #2 to 'file:seek'", "one whence string and one integer" }, f.seek, f, 1, 2)
t.raises({ "bad argument #1 to 'file:seek'", "no integer representation" }, f.seek, f, 0 / 0)
t.raises({ "bad argument #2 to 'file:seek'", "no integer representation" }, f.seek, f, "set", math.huge)
t.raises({ "bad argument #2 to 'file:seek'", "no integer representation" }, f.seek, f, "cur", 0.5)
t.raises({ "bad argument #1 to 'file:seek'", "got table" }, f.seek, f, {})
t.raises("file:seek", f.seek, f, "cur", math.mininteger)
f:close()

-- Large writes: several megabytes in one call and in many calls.
local big = string.rep("0123456789abcdef", 65536 * 3)
f = open(path, "w")
f:write(big)
for _ = 1, 1000 do f:write("line\n") end
f:close()
local content = t.read_file(path)
t.eq(#content, #big + 5000, "large write size")
t.eq(content:sub(1, #big) == big, true, "large write content")

-- OS errors reach the caller at the latest at flush/close, naming the
-- operation, the path and the OS error text.
local full = open("/dev/full", "w")
full:write("x")
t.raises({ "file:flush", "/dev/full", "No space left on device" }, full.flush, full)
full = open("/dev/full", "w")
full:write("x")
t.raises({ "file:close", "/dev/full", "No space left on device" }, full.close, full)
