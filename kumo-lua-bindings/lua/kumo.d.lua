---@meta kumo

-- LuaLS (lua-language-server) type annotations for the `kumo.fs` and
-- `kumo.time` API that `kumo_lua_bindings::register` installs.
-- Add this folder to `workspace.library` in `.luarc.json` to get completion
-- and type checking in policy code. This file is never run as policy code.

---The host's `kumo` module, with the `fs` and `time` namespaces.
---@class kumo
kumo = {}

---Non-blocking filesystem access. Every function here is async: call it from
---code the host runs with `call_async`/`exec_async` (the `kumo-lua` runner
---does), including from the script's own coroutines, but not from inside a
---non-yieldable C call: the top level of a `require`d module, a metamethod,
---a `table.sort` comparator or a `string.gsub` callback.
---Errors raised by kumo functions are error objects: use `tostring(err)` to
---get the message text (for example before `:find`).
---@class kumo.fs
kumo.fs = {}

---Time instants and durations.
---@class kumo.time
kumo.time = {}

---@alias kumo.fs.OpenMode "r"|"rb"|"w"|"wb"|"a"|"ab"|"r+"|"r+b"|"w+"|"w+b"|"a+"|"a+b"
---@alias kumo.fs.ReadFormat integer|"a"|"*a"|"l"|"*l"|"L"|"*L"|"n"|"*n"
---@alias kumo.fs.Whence "set"|"cur"|"end"

---Opens a file (async). `w`/`w+` truncate, `a` appends, `r+` creates a
---missing file. Errors name the operation, the path and the OS error.
---@param path string
---@param mode? kumo.fs.OpenMode default `"r"`
---@return kumo.fs.File
function kumo.fs.open(path, mode) end

---Lists a directory (async): each entry is `path` joined with the name, sorted.
---@param path string
---@return string[]
function kumo.fs.read_dir(path) end

---Expands a glob pattern (async), cached per `(pattern, relative_to)` for
---`ttl_seconds`. `*`, `?` and `[...]` never match a leading `.`; `**` spans
---directories; `{a,b}` alternates. Results are sorted and relative to
---`relative_to` for relative patterns.
---@param pattern string
---@param relative_to? string default `"."`
---@param ttl_seconds? number default 60
---@return string[]
function kumo.fs.glob(pattern, relative_to, ttl_seconds) end

---Like `kumo.fs.glob`, never cached (async).
---@param pattern string
---@param relative_to? string default `"."`
---@return string[]
function kumo.fs.uncached_glob(pattern, relative_to) end

---Metadata of a path, following symlinks (async).
---@param path string
---@return kumo.fs.Metadata
function kumo.fs.metadata_for_path(path) end

---Metadata of a path, not following a final symlink (async).
---@param path string
---@return kumo.fs.Metadata
function kumo.fs.symlink_metadata_for_path(path) end

---@class kumo.fs.Metadata
---@field path string the path as given
---@field is_file boolean
---@field is_dir boolean
---@field is_symlink boolean
---@field len integer
---@field readonly boolean
---@field dev? integer Unix only
---@field ino? integer Unix only
---@field mode? integer Unix only
---@field nlink? integer Unix only
---@field uid? integer Unix only
---@field gid? integer Unix only
---@field rdev? integer Unix only
---@field size? integer Unix only
---@field blksize? integer Unix only
---@field blocks? integer Unix only
---@field atime? kumo.time.Time Unix only
---@field mtime? kumo.time.Time Unix only
---@field ctime? kumo.time.Time Unix only

---An open file. Methods are async. Writes are buffered until `flush`,
---`seek` or `close`; a file collected without `close` still gets its bytes
---written. Supports `local f <close> = kumo.fs.open(...)`.
---@class kumo.fs.File
local File = {}

---Reads by `io` formats. No format: the rest of the file. An integer: at
---most that many bytes; unlike `io`, `""` (not `nil`) at end of file, so a
---chunk loop tests `#chunk == 0`. `"a"`: the rest. `"l"`/`"L"`: a line
---without/with its newline (`nil` at end of file; a CRLF line keeps its
---`\r`, as with `io`). `"n"`: a number (`nil` if none). Several formats
---return several values.
---@param ... kumo.fs.ReadFormat
---@return string|number|nil ...
function File:read(...) end

---Iterates by the given formats (default `"l"`) until one finds nothing.
---@param ... kumo.fs.ReadFormat
---@return fun(): string|number|nil
function File:lines(...) end

---Writes strings (binary-safe) and numbers, in order.
---@param ... string|number
---@return kumo.fs.File self
function File:write(...) end

---Moves the position (flushing first); arguments in either order.
---@param whence? kumo.fs.Whence|integer default `"cur"`
---@param offset? integer|kumo.fs.Whence default 0
---@return integer position
function File:seek(whence, offset) end

---Writes the buffered bytes.
---@return kumo.fs.File self
function File:flush() end

---Flushes and closes; closing again does nothing.
---@return true
function File:close() end

---Deprecated alias of `kumo.fs.read_dir`.
---@deprecated
---@param path string
---@return string[]
function kumo.read_dir(path) end

---Deprecated alias of `kumo.fs.glob`.
---@deprecated
---@param pattern string
---@param relative_to? string
---@param ttl_seconds? number
---@return string[]
function kumo.glob(pattern, relative_to, ttl_seconds) end

---Deprecated alias of `kumo.fs.uncached_glob`.
---@deprecated
---@param pattern string
---@param relative_to? string
---@return string[]
function kumo.uncached_glob(pattern, relative_to) end

---Deprecated alias of `kumo.time.sleep`.
---@deprecated
---@param seconds number
function kumo.sleep(seconds) end

---The current time.
---@return kumo.time.Time
function kumo.time.now() end

---A time from Unix seconds, integer or float (`-0.5` is half a second
---before the epoch).
---@param seconds number
---@return kumo.time.Time
function kumo.time.from_unix_timestamp(seconds) end

---A UTC time from its parts; out-of-range parts are an error.
---@param year integer
---@param month integer
---@param day integer
---@param hour integer
---@param minute integer
---@param second integer
---@return kumo.time.Time
function kumo.time.with_ymd_hms(year, month, day, hour, minute, second) end

---Parses an RFC 3339 timestamp such as `2000-01-02T03:04:05Z`.
---@param s string
---@return kumo.time.Time
function kumo.time.parse_rfc3339(s) end

---Parses a mail `Date:` value (RFC 2822/5322, with the obsolete forms real
---mail carries).
---@param s string
---@return kumo.time.Time
function kumo.time.parse_rfc2822(s) end

---A duration from seconds (integer or float) or a string such as `"1h 30m"`.
---@param v number|string
---@return kumo.time.TimeDelta
function kumo.time.parse_duration(v) end

---Sleeps (async). Negative, NaN and infinite durations are errors.
---@param seconds number
function kumo.time.sleep(seconds) end

---Starts a latency timer; `done()` (or leaving a `<close>` scope) records it
---once in the `user_lua_latency` histogram.
---@param label string
---@return kumo.time.Timer
function kumo.time.start_timer(label) end

---A UTC instant with nanosecond precision. Supports `==`, `<`, `<=`,
---`t + delta`, `t - delta` and `t1 - t2` (a TimeDelta), and `tostring`.
---@class kumo.time.Time
---@field year integer
---@field month integer
---@field day integer
---@field hour integer
---@field minute integer
---@field second integer
---@field unix_timestamp integer seconds since the epoch, floored
---@field unix_timestamp_millis integer milliseconds since the epoch, floored
---@field rfc2822 string
---@field rfc3339 string
---@field elapsed kumo.time.TimeDelta time since this instant
---@operator add(kumo.time.TimeDelta): kumo.time.Time
---@operator sub(kumo.time.TimeDelta): kumo.time.Time
---@operator sub(kumo.time.Time): kumo.time.TimeDelta
local Time = {}

---Formats with chrono-compatible strftime (`%Y-%m-%d %H:%M:%S`, ...).
---@param fmt string
---@return string
function Time:format(fmt) end

---A signed duration with nanosecond precision. Supports `==`, `<`, `<=`,
---`+`, `-`, unary `-`, and `tostring` (the same as `human`).
---@class kumo.time.TimeDelta
---@field seconds number
---@field nanoseconds integer error if it does not fit 64 bits (over ~292 years)
---@field microseconds integer
---@field milliseconds integer
---@field human string every non-zero unit down to nanoseconds, e.g. `1h 30m` or `2m 3s 456ms 789us 123ns`; months and years are averaged (30.44 and 365.25 days); a negative delta has one leading `-` for the whole
---@operator add(kumo.time.TimeDelta): kumo.time.TimeDelta
---@operator add(kumo.time.Time): kumo.time.Time
---@operator sub(kumo.time.TimeDelta): kumo.time.TimeDelta
---@operator unm: kumo.time.TimeDelta

---A latency timer from `kumo.time.start_timer`.
---@class kumo.time.Timer
local Timer = {}

---Stops the timer: returns the elapsed seconds and records them the first
---time only.
---@return number seconds
function Timer:done() end

return kumo
