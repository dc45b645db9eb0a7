-- register(): the kumo table, require, deprecated aliases.
local t = require("testlib")

local kumo_mod = require("kumo")
local fs = require("kumo.fs")
local time = require("kumo.time")

t.eq(kumo_mod, kumo, "require 'kumo' is the global kumo")
t.eq(fs, kumo.fs, "require 'kumo.fs'")
t.eq(time, kumo.time, "require 'kumo.time'")
t.eq(package.loaded["kumo.fs"], kumo.fs, "package.loaded['kumo.fs']")

-- The deprecated aliases are the same functions, so they behave the same.
t.eq(kumo.read_dir, kumo.fs.read_dir, "kumo.read_dir")
t.eq(kumo.glob, kumo.fs.glob, "kumo.glob")
t.eq(kumo.uncached_glob, kumo.fs.uncached_glob, "kumo.uncached_glob")
t.eq(kumo.sleep, kumo.time.sleep, "kumo.sleep")

-- Exactly the functions of DESIGN.md section 2, nothing missing.
local want = {
  fs = { "open", "read_dir", "glob", "uncached_glob", "metadata_for_path", "symlink_metadata_for_path" },
  time = {
    "now", "from_unix_timestamp", "with_ymd_hms", "parse_rfc3339", "parse_rfc2822",
    "parse_duration", "sleep", "start_timer",
  },
}
for ns, names in pairs(want) do
  local seen = {}
  for _, name in ipairs(names) do
    t.eq(type(kumo[ns][name]), "function", "kumo." .. ns .. "." .. name)
    seen[name] = true
  end
  for name in pairs(kumo[ns]) do
    t.truthy(seen[name], "kumo." .. ns .. "." .. name .. " is documented")
  end
end

-- The userdata methods of DESIGN.md section 2.
local f = kumo.fs.open(t.write_file("methods.txt", ""))
for _, m in ipairs({ "read", "write", "seek", "flush", "close", "lines" }) do
  t.eq(type(f[m]), "function", "file:" .. m)
end
f:close()
t.eq(type(kumo.time.now().format), "function", "Time:format")
t.eq(type(kumo.time.start_timer("x").done), "function", "timer:done")

-- The aliases work through the kumo table too.
t.write_file("alias.txt", "x")
local listed = kumo.read_dir(TMP_DIR)
t.eq(listed[1], TMP_DIR .. "/alias.txt", "kumo.read_dir")
t.eq(kumo.glob("*.txt", TMP_DIR)[1], "alias.txt", "kumo.glob")
t.eq(kumo.uncached_glob("*.txt", TMP_DIR)[1], "alias.txt", "kumo.uncached_glob")
local before = kumo.time.now()
kumo.sleep(0.001)
t.truthy(kumo.time.now() > before, "kumo.sleep slept")
