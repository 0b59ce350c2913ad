/**
 * The shared budget as one Redis hash per key, changed only by this Lua script, which Redis runs
 * atomically: a GCRA (generic cell rate algorithm) with no burst — `tat` is the earliest time the
 * next request may start, every start pushes it one spacing on. Times are Redis's own clock
 * (`TIME`), so machines with skewed clocks still agree. Fields: `tat`, `pause` (no start before
 * it: a 429, Retry-After or a spent budget header), `factor` (the spacing multiplier a 429 raises
 * and successes bring back to 1), `ok` (successes towards the next recovery step). Nothing else.
 *
 * ARGV[1] is the operation:
 *   take  spacingMs catchUpMs ttlMs        -> {waitMs, factor, paused}: 0 wait = start now (counted)
 *   hold  ms slowdown maxFactor ttlMs      -> factor: no start for ms; slowdown > 1 also slows
 *   ok    perStep step                     -> factor: one success; every perStep, factor *= step
 */
export const GCRA_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local s = redis.call('HMGET', key, 'tat', 'pause', 'factor')
local tat, pause, factor = tonumber(s[1]), tonumber(s[2]) or 0, tonumber(s[3]) or 1
if op == 'take' then
  local spacing = tonumber(ARGV[2]) * factor
  if tat == nil then
    -- A budget that is new, expired or lost with a Redis restart: a request may have started just
    -- before, and the starts before it may have caught up on late slots, so the first start waits
    -- one spacing plus the catch-up and the rate holds across the loss.
    tat = now + spacing + tonumber(ARGV[3])
    redis.call('HSET', key, 'tat', tostring(tat))
    redis.call('PEXPIREAT', key, math.ceil(math.max(tat, pause) + tonumber(ARGV[4])))
  end
  local at = math.max(tat, pause)
  if at > now then
    return {math.ceil(at - now), tostring(factor), pause > tat and 1 or 0}
  end
  -- A start a little late keeps its planned slot (timers fire late), at most catchUpMs of it.
  tat = math.max(tat, now - tonumber(ARGV[3])) + spacing
  redis.call('HSET', key, 'tat', tostring(tat))
  redis.call('PEXPIREAT', key, math.ceil(math.max(tat, pause) + tonumber(ARGV[4])))
  return {0, tostring(factor), 0}
elseif op == 'hold' then
  pause = math.max(pause, now + tonumber(ARGV[2]))
  local slowdown = tonumber(ARGV[3])
  if slowdown > 1 then
    factor = math.min(factor * slowdown, tonumber(ARGV[4]))
    redis.call('HSET', key, 'factor', tostring(factor), 'ok', 0)
  end
  redis.call('HSET', key, 'pause', tostring(pause))
  redis.call('PEXPIREAT', key, math.ceil(math.max(tat or now, pause) + tonumber(ARGV[5])))
  return tostring(factor)
elseif op == 'ok' then
  if factor <= 1 then return '1' end
  if redis.call('HINCRBY', key, 'ok', 1) >= tonumber(ARGV[2]) then
    factor = math.max(1, factor * tonumber(ARGV[3]))
    redis.call('HSET', key, 'factor', tostring(factor), 'ok', 0)
  end
  return tostring(factor)
end
return redis.error_reply('unknown operation ' .. tostring(op))
`;
