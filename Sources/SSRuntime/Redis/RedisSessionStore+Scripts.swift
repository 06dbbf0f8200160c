#if canImport(CHiredis)
/// The session store's Lua scripts. Each operation is one script so it is atomic across
/// instances: the idle check, the change and the touch (last seen, TTL, index) happen
/// together. Times are milliseconds from the store's clock, passed in (not Redis's TIME),
/// so the conformance suite can move time by hand.
///
/// Common arguments: KEYS[1] the session hash, KEYS[2] the index; ARGV[1] id, ARGV[2] now,
/// ARGV[3] idle timeout. The purge script deletes keys it computes from the prefix, which is
/// fine on one Redis but not on Redis Cluster.
extension RedisSessionStore {
    enum Script {
        static let prelude = """
            local key, index, id = KEYS[1], KEYS[2], ARGV[1]
            local now, idle = tonumber(ARGV[2]), tonumber(ARGV[3])
            local function live()
              local seen = redis.call('HGET', key, 's')
              if not seen then redis.call('ZREM', index, id) return false end
              if now - tonumber(seen) > idle then
                redis.call('DEL', key) redis.call('ZREM', index, id) return false
              end
              return true
            end
            local function touch()
              redis.call('HSET', key, 's', ARGV[2])
              redis.call('PEXPIRE', key, ARGV[3])
              redis.call('ZADD', index, ARGV[2], id)
            end

            """

        static let create =
            prelude + """
                if redis.call('EXISTS', key) == 1 then return 0 end
                redis.call('HSET', key, 'c', ARGV[2])
                touch()
                return 1
                """

        static let load =
            prelude + """
                if not live() then return false end
                touch()
                return redis.call('HGETALL', key)
                """

        /// ARGV[4] "1" to set the user ARGV[5], "0" to log out (which also leaves every channel).
        static let setUser =
            prelude + """
                if not live() then return 0 end
                if ARGV[4] == '1' then
                  redis.call('HSET', key, 'u', ARGV[5])
                else
                  redis.call('HDEL', key, 'u')
                  for _, f in ipairs(redis.call('HKEYS', key)) do
                    if string.sub(f, 1, 2) == 'h:' then redis.call('HDEL', key, f) end
                  end
                end
                touch()
                return 1
                """

        /// ARGV[4] the name, ARGV[5] "1" to set the JSON ARGV[6], "0" to remove.
        static let setAttribute =
            prelude + """
                if not live() then return 0 end
                if ARGV[5] == '1' then redis.call('HSET', key, 'a:' .. ARGV[4], ARGV[6])
                else redis.call('HDEL', key, 'a:' .. ARGV[4]) end
                touch()
                return 1
                """

        /// ARGV[4...] channel names; each new one gets the next order number.
        static let addChannels =
            prelude + """
                if not live() then return 0 end
                for i = 4, #ARGV do
                  local f = 'h:' .. ARGV[i]
                  if redis.call('HEXISTS', key, f) == 0 then
                    redis.call('HSET', key, f, redis.call('HINCRBY', key, 'n', 1))
                  end
                end
                touch()
                return 1
                """

        static let removeChannels =
            prelude + """
                if not live() then return 0 end
                for i = 4, #ARGV do redis.call('HDEL', key, 'h:' .. ARGV[i]) end
                touch()
                return 1
                """

        /// KEYS[1] the index; ARGV[1] the key prefix of session hashes, ARGV[2] the cutoff
        /// (sessions last seen before it are expired), ARGV[3] the most to remove in one call.
        static let purge = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, id in ipairs(ids) do
              redis.call('DEL', ARGV[1] .. id)
              redis.call('ZREM', KEYS[1], id)
            end
            return #ids
            """
    }
}
#endif
