-- Assertions and helpers for the Lua-level tests (see tests/lua_files.rs).
local M = {}

local function show(v)
  if type(v) == "string" then
    return string.format("%q", v)
  end
  return tostring(v) .. " (" .. (math.type(v) or type(v)) .. ")"
end
M.show = show

--- Fails unless got == want (and, for numbers, the same integer/float kind).
function M.eq(got, want, what)
  local same = got == want
  if same and type(got) == "number" then
    same = math.type(got) == math.type(want)
  end
  if not same then
    error(string.format("%s: got %s, want %s", what or "value", show(got), show(want)), 2)
  end
end

function M.truthy(v, what)
  if not v then
    error((what or "condition") .. " is false", 2)
  end
end

--- Calls f(...) and fails unless it raises an error whose text contains
--- every one of `needles` (plain substrings). Returns the error text.
function M.raises(needles, f, ...)
  if type(needles) == "string" then
    needles = { needles }
  end
  local ok, err = pcall(f, ...)
  if ok then
    error("expected an error containing " .. show(needles[1]) .. ", but the call succeeded", 2)
  end
  local text = tostring(err)
  for _, needle in ipairs(needles) do
    if not text:find(needle, 1, true) then
      error(string.format("error %s does not contain %s", show(text), show(needle)), 2)
    end
  end
  return text
end

--- Undoes the escapes of the TSV files: \t, \r, \n and \\.
function M.unescape(s)
  return (s:gsub("\\(.)", { t = "\t", r = "\r", n = "\n", ["\\"] = "\\" }))
end

--- Reads DATA_DIR/<name> through kumo.fs.open and returns its rows as
--- arrays of (unescaped) fields, skipping comments; each row also has
--- `.line`, its line number.
function M.read_tsv(name)
  local f <close> = kumo.fs.open(DATA_DIR .. "/" .. name)
  local rows, n = {}, 0
  for line in f:lines() do
    n = n + 1
    if line:sub(1, 1) ~= "#" then
      local row = { line = n }
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do
        row[#row + 1] = M.unescape(field)
      end
      rows[#rows + 1] = row
    end
  end
  if #rows == 0 then
    error(name .. " has no rows")
  end
  return rows
end

--- Runs check(row) for every row of a TSV file; collects failures and
--- reports them all at once, naming the file and line.
function M.each_row(name, check)
  local failures = {}
  local rows = M.read_tsv(name)
  for _, row in ipairs(rows) do
    local ok, err = pcall(check, row)
    if not ok then
      failures[#failures + 1] = string.format("%s:%d %s: %s", name, row.line, show(row[1]), tostring(err))
    end
  end
  if #failures > 0 then
    error(#failures .. " of " .. #rows .. " rows failed:\n" .. table.concat(failures, "\n"), 2)
  end
  return #rows
end

--- Writes `content` to a new file under TMP_DIR and returns its path.
function M.write_file(name, content)
  local path = TMP_DIR .. "/" .. name
  local f <close> = kumo.fs.open(path, "w")
  f:write(content)
  return path
end

--- Reads a whole file through a fresh handle.
function M.read_file(path)
  local f <close> = kumo.fs.open(path)
  return f:read()
end


return M
