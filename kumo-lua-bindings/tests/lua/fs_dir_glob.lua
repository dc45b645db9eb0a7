-- kumo.fs.read_dir, kumo.fs.glob (cached) and kumo.fs.uncached_glob.
local t = require("testlib")
local fs = kumo.fs
local g = TMP_DIR .. "/g"

local function mkdir(path)
  -- kumo.fs has no mkdir; os.execute is fine for test set-up.
  assert(os.execute("mkdir -p '" .. path .. "'"))
end
mkdir(g .. "/sub/deep")
mkdir(g .. "/.dot")
for _, name in ipairs({ "b.toml", "a.toml", ".hidden.toml", "x.txt", "sub/c.toml", "sub/deep/d.toml", ".dot/e.toml" }) do
  t.write_file("g/" .. name, name)
end
local function join(list) return table.concat(list, " ") end

-- read_dir: sorted, each entry joined with the path, dotfiles included.
t.eq(join(fs.read_dir(g)), join({ g .. "/.dot", g .. "/.hidden.toml", g .. "/a.toml", g .. "/b.toml", g .. "/sub", g .. "/x.txt" }), "read_dir")
t.eq(#fs.read_dir(g .. "/sub/deep"), 1, "read_dir of a nested dir")
t.raises({ "kumo.fs.read_dir", g .. "/nope", "No such file or directory" }, fs.read_dir, g .. "/nope")
t.raises({ "kumo.fs.read_dir", "Not a directory" }, fs.read_dir, g .. "/a.toml")
t.raises({ "bad argument #1 to 'kumo.fs.read_dir'", "string expected, got nil" }, fs.read_dir)

-- Glob rules, through both functions.
for _, glob in ipairs({ fs.uncached_glob, fs.glob }) do
  t.eq(join(glob("*.toml", g)), "a.toml b.toml", "* skips dotfiles, results relative")
  t.eq(join(glob("?.toml", g)), "a.toml b.toml", "?")
  t.eq(join(glob("[ab].toml", g)), "a.toml b.toml", "[...]")
  t.eq(join(glob(".*.toml", g)), ".hidden.toml", "a literal dot matches")
  t.eq(join(glob("**/*.toml", g)), "a.toml b.toml sub/c.toml sub/deep/d.toml", "** spans directories, not dot dirs")
  t.eq(join(glob("{a,x}.*", g)), "a.toml x.txt", "{a,b} alternation")
  t.eq(join(glob("{a,a,?}.toml", g)), "a.toml b.toml", "alternation results are de-duplicated")
  t.eq(join(glob("sub/*/*.toml", g)), "sub/deep/d.toml", "nested pattern")
  t.eq(join(glob(g .. "/*.toml")), g .. "/a.toml " .. g .. "/b.toml", "absolute pattern, absolute results")
  t.eq(join(glob(g .. "/sub/*.toml", g)), "sub/c.toml", "relative_to is stripped from absolute results")
  t.eq(#glob("*.toml", g .. "/nope"), 0, "missing directory: no results")
  t.eq(#glob("nope/*.toml", g), 0, "missing subdirectory: no results")
end

-- The default relative_to is the current directory.
t.eq(type(fs.glob("*")), "table", "default relative_to")

-- Caching: the same (pattern, relative_to) within the TTL walks once and
-- does not see new files; uncached_glob and a new TTL window do.
local walks = glob_walks()
t.eq(join(fs.glob("*.cache", g, 60)), "", "nothing yet")
t.write_file("g/new.cache", "")
t.eq(join(fs.glob("*.cache", g, 60)), "", "cached result")
t.eq(join(fs.glob("*.cache", g)), "", "default TTL is long enough too")
t.eq(glob_walks(), walks + 1, "one walk for three calls")
t.eq(join(fs.uncached_glob("*.cache", g)), "new.cache", "uncached_glob sees the new file")
t.eq(glob_walks(), walks + 1, "uncached_glob does not use the cache")
t.eq(join(fs.glob("*.cache", g .. "/")), "new.cache", "a different relative_to is a different key")
-- The TTL is the entry's, set by the call that walks: an entry cached for
-- 0 seconds is walked again each time; one cached briefly expires.
walks = glob_walks()
t.eq(join(fs.glob("?*.cache", g, 0)), "new.cache", "TTL 0")
t.write_file("g/second.cache", "")
t.eq(join(fs.glob("?*.cache", g, 0)), "new.cache second.cache", "TTL 0 is always fresh")
t.eq(glob_walks(), walks + 2, "TTL 0 walks every time")
t.eq(join(fs.glob("[ns]*.cache", g, 0.05)), "new.cache second.cache", "fractional TTL")
t.write_file("g/third.cache", "")
t.eq(join(fs.glob("[nst]*.cache", g, 0.05)), "new.cache second.cache third.cache", "another key")
t.eq(join(fs.glob("[ns]*.cache", g, 0.05)), "new.cache second.cache", "within the TTL")
t.write_file("g/sixth.cache", "")
kumo.time.sleep(0.1)
t.eq(join(fs.glob("[ns]*.cache", g, 0.05)), "new.cache second.cache sixth.cache", "expired entry is walked again")

-- A hit hands out a new table each time: changing one does not change
-- the next, and the cache's copy stays as the walk found it.
walks = glob_walks()
t.eq(join(fs.glob("n*.cache", g, 0.5)), "new.cache", "first walk")
local hit = fs.glob("n*.cache", g, 0.5)
t.eq(join(hit), "new.cache", "first hit")
hit[1], hit[2] = "changed", "added"
table.sort(hit)
local again = fs.glob("n*.cache", g, 0.5)
t.eq(join(again), "new.cache", "a changed result does not leak into the next hit")
t.truthy(again ~= hit, "a new table")
again[1] = nil
t.eq(join(fs.glob("n*.cache", g, 0.5)), "new.cache", "nor does a removed name")
t.eq(fs.glob("n*.cache", g, 0.5)[2], nil, "nothing after the names")
t.eq(glob_walks(), walks + 1, "hits do not walk")
-- After the TTL the next call walks again and hits see the new list.
t.write_file("g/nu.cache", "")
kumo.time.sleep(0.6)
t.eq(join(fs.glob("n*.cache", g, 60)), "new.cache nu.cache", "walked again after the TTL")
t.eq(join(fs.glob("n*.cache", g, 60)), "new.cache nu.cache", "hit of the new walk")
t.eq(glob_walks(), walks + 2, "one more walk")
-- Hits through the deprecated alias and with a nil relative_to behave the same.
t.eq(join(kumo.glob("n*.cache", g)), "new.cache nu.cache", "kumo.glob alias")
t.eq(join(fs.glob("*", nil, 60)), join(fs.glob("*")), "nil relative_to on a hit")
t.eq(glob_walks(), walks + 2, "still one more walk")

-- Bad arguments.
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "ttl_seconds must be a number of seconds from 0", "-1" }, fs.glob, "*", g, -1)
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "ttl_seconds", "1e300" }, fs.glob, "*", g, 1e300)
t.eq(join(fs.glob("[ns]e*.cache", g, math.maxinteger)), "new.cache second.cache", "a TTL too long to expire")
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "ttl_seconds" }, fs.glob, "*", g, -0.5)
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "ttl_seconds", "NaN" }, fs.glob, "*", g, 0 / 0)
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "ttl_seconds", "inf" }, fs.glob, "*", g, math.huge)
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "number expected, got string" }, fs.glob, "*", g, "60")
-- The same errors when the key is cached (the arguments are checked first).
fs.glob("*", g, 60)
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "number expected, got string" }, fs.glob, "*", g, "60")
t.raises({ "bad argument #3 to 'kumo.fs.glob'", "ttl_seconds", "-1" }, fs.glob, "*", g, -1)
fs.glob("5", "5", 60) -- the key ("5", "5") is cached
t.raises({ "bad argument #2 to 'kumo.fs.glob'", "string expected, got number" }, fs.glob, "5", 5)
t.raises({ "bad argument #1 to 'kumo.fs.glob'", "string expected, got number" }, fs.glob, 5, "5")
t.raises({ "bad argument #1 to 'kumo.fs.glob'", "string expected, got nil" }, fs.glob)
t.raises({ "bad argument #2 to 'kumo.fs.glob'", "string expected, got number" }, fs.glob, "*", 5)
t.raises({ "bad argument #1 to 'kumo.fs.uncached_glob'", "string expected, got table" }, fs.uncached_glob, {})
t.raises({ "bad argument #1 to 'kumo.fs.glob'", "not valid UTF-8" }, fs.glob, "\xff*")
t.raises({ "bad argument #2 to 'kumo.fs.uncached_glob'", "not valid UTF-8" }, fs.uncached_glob, "*", "\xff")
t.raises("kumo.fs.uncached_glob", fs.uncached_glob, "[", g)

-- Symlink loops terminate.
local loop = TMP_DIR .. "/loop"
mkdir(loop .. "/inner")
t.write_file("loop/inner/x.toml", "")
assert(os.execute("ln -s .. '" .. loop .. "/inner/up'"))
local found = fs.uncached_glob("**/*.toml", loop)
t.truthy(#found >= 1 and #found < 100, "a symlink loop terminates: " .. #found .. " results")
t.truthy(join(found):find("inner/x.toml", 1, true), "the real file is found")

-- A name that is not UTF-8 is an error naming it (Lua paths here are
-- UTF-8), and errors are cached like results.
local bad = TMP_DIR .. "/bad"
mkdir(bad)
t.write_file("bad/\xff.toml", "")
t.raises({ "kumo.fs.uncached_glob", "UTF-8" }, fs.uncached_glob, "*.toml", bad)
local walks_before = glob_walks()
local first_error = t.raises({ "kumo.fs.glob", "UTF-8" }, fs.glob, "*.toml", bad, 60)
assert(os.remove(bad .. "/\xff.toml"))
local cached_error = t.raises({ "kumo.fs.glob", "UTF-8" }, fs.glob, "*.toml", bad, 60)
t.eq(cached_error:match("kumo.fs.glob: [^\n]*"), first_error:match("kumo.fs.glob: [^\n]*"), "the same error")
t.eq(glob_walks(), walks_before + 1, "the error is cached")
-- A pattern error too.
t.raises({ "kumo.fs.glob", "invalid glob pattern" }, fs.glob, "[", bad, 60)
t.raises({ "kumo.fs.glob", "invalid glob pattern" }, fs.glob, "[", bad, 60)
t.eq(glob_walks(), walks_before + 2, "pattern errors are cached")
t.eq(#fs.uncached_glob("*.toml", bad), 0, "the bad name is gone")
