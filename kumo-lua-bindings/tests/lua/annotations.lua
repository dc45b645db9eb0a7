-- lua/kumo.d.lua (the LuaLS annotations) is valid Lua and documents
-- exactly the API that register() installs.
local t = require("testlib")

local f <close> = kumo.fs.open(CRATE_DIR .. "/lua/kumo.d.lua")
local source = f:read()
t.truthy(source:find("^%-%-%-@meta"), "starts with ---@meta")

-- It loads and runs as plain Lua in an empty environment.
local env = {}
local chunk = assert(load(source, "@lua/kumo.d.lua", "t", env))
local meta = chunk()
t.eq(meta, env.kumo, "returns its kumo table")

-- Module functions: the same names both ways.
for _, ns in ipairs({ "fs", "time" }) do
  for name, v in pairs(meta[ns]) do
    t.eq(type(v), "function", "kumo." .. ns .. "." .. name .. " is annotated as a function")
    t.eq(type(kumo[ns][name]), "function", "annotated kumo." .. ns .. "." .. name .. " exists")
  end
  for name in pairs(kumo[ns]) do
    t.eq(type(meta[ns][name]), "function", "kumo." .. ns .. "." .. name .. " is annotated")
  end
end
for name, v in pairs(meta) do
  if type(v) == "function" then
    t.eq(kumo[name], kumo.fs[name] or kumo.time[name], "alias kumo." .. name .. " is annotated and real")
  end
end

-- Methods and fields of the userdata: every annotated one exists on a real
-- object, and every real file method is annotated.
local file = kumo.fs.open(CRATE_DIR .. "/lua/kumo.d.lua")
local objects = {
  File = file,
  Time = kumo.time.now(),
  TimeDelta = kumo.time.parse_duration(1),
  Timer = kumo.time.start_timer("annotations"),
}
local annotated = {}
for class, method in source:gmatch("\nfunction (%w+):([%w_]+)%(") do
  annotated[class .. ":" .. method] = true
  t.eq(type(objects[class][method]), "function", class .. ":" .. method .. " exists")
end
local current -- the class the following @field lines belong to
for line in source:gmatch("[^\n]+") do
  local class = line:match("^%-%-%-@class kumo%.%w+%.(%w+)")
  if class then current = class end
  local field = line:match("^%-%-%-@field ([%w_]+)")
  if field and objects[current] and current ~= "Metadata" then
    t.truthy(objects[current][field] ~= nil, current .. "." .. field .. " exists")
  end
end
-- (mlua protects userdata metatables, so the real methods cannot be listed
-- from Lua; register.lua checks that DESIGN.md's methods exist.)
file:close()

-- Metadata fields are annotated exactly.
local m = kumo.fs.metadata_for_path(CRATE_DIR .. "/lua/kumo.d.lua")
local block = source:match("@class kumo%.fs%.Metadata\n(.-)\n\n")
local fields = {}
for field in block:gmatch("@field ([%w_]+)") do fields[field] = true end
for k in pairs(m) do
  t.truthy(fields[k], "metadata." .. k .. " is annotated")
end
for k in pairs(fields) do
  t.truthy(m[k] ~= nil, "annotated metadata." .. k .. " exists")
end
