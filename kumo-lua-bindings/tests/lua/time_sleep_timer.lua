-- kumo.time.sleep and kumo.time.start_timer.
local t = require("testlib")
local T = kumo.time

-- sleep takes integer or float seconds and really waits.
local start = T.now()
T.sleep(0.02)
local slept = (T.now() - start).seconds
t.truthy(slept >= 0.019 and slept < 2, "slept 0.02s, measured " .. slept)
t.eq(T.sleep(0), nil, "sleep returns nothing")
start = T.now()
kumo.sleep(0.01)
t.truthy((T.now() - start).milliseconds >= 9, "kumo.sleep alias waits")

-- Sleeping inside nested Lua calls and pcall works (they can yield).
local done = 0
local function nested() T.sleep(0.001) done = done + 1 end
nested()
t.truthy(pcall(nested), "sleep inside pcall")
t.eq(done, 2, "sleeps inside nested calls")

-- Bad durations are errors, never panics.
t.raises({ "kumo.time.sleep" }, T.sleep, -1)
t.raises({ "kumo.time.sleep" }, T.sleep, -0.5)
t.raises({ "kumo.time.sleep" }, T.sleep, 0 / 0)
t.raises({ "kumo.time.sleep" }, T.sleep, math.huge)
t.raises({ "kumo.time.sleep" }, T.sleep, -math.huge)
t.raises({ "kumo.time.sleep" }, T.sleep, math.mininteger)
t.raises({ "bad argument #1 to 'kumo.time.sleep'", "number expected, got string" }, T.sleep, "1")
t.raises({ "bad argument #1 to 'kumo.time.sleep'", "number expected, got nil" }, T.sleep)

-- Timers: done() returns elapsed seconds once measured, the same value later.
local timer = T.start_timer("unit-test")
T.sleep(0.01)
local first = timer:done()
t.eq(math.type(first), "float", "done() returns float seconds")
t.truthy(first >= 0.009, "timer measured the sleep: " .. first)
T.sleep(0.005)
t.eq(timer:done(), first, "second done() returns the first value")
t.eq(tostring(timer), 'timer "unit-test"', "tostring")

-- <close> calls done() on scope exit.
local closed_timer
do
  local tm <close> = T.start_timer("closing")
  closed_timer = tm
  T.sleep(0.005)
end
local after_close = closed_timer:done()
T.sleep(0.005)
t.eq(closed_timer:done(), after_close, "<close> recorded: done() is frozen")
t.truthy(after_close >= 0.004, "<close> measured the scope")

t.raises({ "bad argument #1 to 'kumo.time.start_timer'", "string expected, got nil" }, T.start_timer)
t.raises("string expected, got table", T.start_timer, {})
