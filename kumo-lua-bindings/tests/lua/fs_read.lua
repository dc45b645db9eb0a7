-- file:read in all its formats, and file:lines.
local t = require("testlib")
local open = kumo.fs.open

local path = t.write_file("lines.txt", "first line\nsecond\r\n\nlast without newline")

-- read(): the whole file; then "" at end of file.
local f = open(path)
t.eq(f:read(), "first line\nsecond\r\n\nlast without newline", "read()")
t.eq(f:read(), "", "read() at EOF")
t.eq(f:read(5), "", "read(n) at EOF")
t.eq(f:read("a"), "", "read('a') at EOF")
t.eq(f:read("l"), nil, "read('l') at EOF")
t.eq(f:read("L"), nil, "read('L') at EOF")
t.eq(f:read("n"), nil, "read('n') at EOF")
f:close()

-- read(n) returns at most n bytes; integral floats count.
f = open(path)
t.eq(f:read(5), "first", "read(5)")
t.eq(f:read(0), "", "read(0)")
t.eq(f:read(6.0), " line\n", "read(6.0)")
t.eq(f:read("l"), "second\r", "read('l') keeps \\r")
t.eq(f:read("*L"), "\n", "read('*L') of an empty line")
t.eq(f:read("*l"), "last without newline", "last line without newline")
t.eq(f:read("l"), nil, "then nil")
f:close()

-- "L" keeps newlines; "a" and "*a" read the rest.
f = open(path)
t.eq(f:read("L"), "first line\n", "read('L')")
t.eq(f:read("*a"), "second\r\n\nlast without newline", "read('*a')")
f:close()

-- A huge count never allocates more than the file holds.
f = open(path)
t.eq(#f:read(math.maxinteger), 40, "read(math.maxinteger)")
f:close()

-- Several formats return several values, like io; reading stops at the
-- first one that finds nothing.
f = open(path)
local a, b, c = f:read(5, "l", "L")
t.eq(a, "first", "multi 1")
t.eq(b, " line", "multi 2")
t.eq(c, "second\r\n", "multi 3")
local x, y, z = f:read("l", "l", "l")
t.eq(x, "", "empty line")
t.eq(y, "last without newline", "last line")
t.eq(z, nil, "nil at EOF")
t.eq(select("#", f:read("l", "l")), 1, "stops after the first nil")
f:close()

-- "n" reads numbers as tonumber would; fail (nil) when not a number.
local npath = t.write_file("numbers.txt", "  42 -7 3.5 0x10 1e3 -0x1p4 99999999999999999999 12abc nope")
f = open(npath)
local n1, n2, n3 = f:read("n", "*n", "n")
t.eq(n1, 42, "integer")
t.eq(n2, -7, "negative integer")
t.eq(n3, 3.5, "float")
t.eq(f:read("n"), 16, "hex integer")
t.eq(f:read("n"), 1000.0, "exponent is a float")
t.eq(f:read("n"), -16.0, "hex float")
t.eq(f:read("n"), 1e20, "decimal overflow becomes a float")
t.eq(f:read("n"), 12, "numeral prefix")
t.eq(f:read("l"), "abc nope", "bytes after the numeral stay unread")
f:close()
f = open(t.write_file("nan.txt", "  nope"))
t.eq(f:read("n"), nil, "not a number: nil")
f:close()

-- Binary-safe: NUL and high bytes survive.
local bin = "\0\1\2\255\254 \n\0end"
local bpath = t.write_file("binary.bin", bin)
f = open(bpath, "rb")
t.eq(f:read(), bin, "binary content")
f:close()
f = open(bpath)
t.eq(f:read("l"), "\0\1\2\255\254 ", "binary line")
f:close()

-- lines(): default "l"; other formats; ends at EOF.
f = open(path)
local got = {}
for line in f:lines() do got[#got + 1] = line end
t.eq(table.concat(got, "|"), "first line|second\r||last without newline", "lines()")
f:close()
f = open(path)
got = {}
for line in f:lines("L") do got[#got + 1] = line end
t.eq(table.concat(got), "first line\nsecond\r\n\nlast without newline", "lines('L')")
f:close()
f = open(path)
got = {}
for chunk in f:lines(16) do got[#got + 1] = chunk end
t.eq(#got, 3, "lines(16) yields 16-byte chunks and ends")
t.eq(table.concat(got), "first line\nsecond\r\n\nlast without newline", "lines(16) content")
f:close()
f = open(path)
got = {}
for chunk in f:lines("a") do got[#got + 1] = chunk end
t.eq(#got, 1, "lines('a') yields the rest once")
f:close()
f = open(npath)
got = {}
for n1, n2 in f:lines("n", "n") do got[#got + 1] = n1 + n2 end
t.eq(got[1], 35, "lines with two formats")
f:close()
f = open(path)
local it = f:lines()
t.eq(it(), "first line", "iterator called directly")
f:close()
t.raises({ "file:lines iterator", "closed file" }, it)

-- Bad formats and sizes: clear errors.
f = open(path)
t.raises({ "bad argument #1 to 'file:read'", "byte count must be between 0" }, f.read, f, -1)
t.raises({ "bad argument #1 to 'file:read'", "byte count must be between 0" }, f.read, f, math.mininteger)
t.raises({ "bad argument #1 to 'file:read'", "no integer representation" }, f.read, f, 0 / 0)
t.raises({ "bad argument #1 to 'file:read'", "no integer representation" }, f.read, f, math.huge)
t.raises({ "bad argument #1 to 'file:read'", "no integer representation" }, f.read, f, 1.5)
t.raises({ "bad argument #1 to 'file:read'", "no integer representation" }, f.read, f, 2 ^ 63)
t.raises({ "bad argument #2 to 'file:read'", "invalid format" }, f.read, f, "l", "x")
t.raises({ "invalid format", '"line"' }, f.read, f, "line")
t.raises("number or format string expected, got table", f.read, f, {})
t.raises({ "bad argument #1 to 'file:lines'", "invalid format" }, f.lines, f, "q")
t.raises({ "bad self to 'file:read'", "got string" }, f.read, "not a file")
t.raises({ "bad self to 'file:read'", "got nil" }, f.read)
t.eq(f:read("l"), "first line", "the file still works after argument errors")
f:close()
