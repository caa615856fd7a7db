package quota

max_bytes := 1048576

within(n) if n <= max_bytes
