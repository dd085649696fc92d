"""The outside world: HTTP with its politeness and address policy (fetch, netguard),
feed documents (parse, jsonfeed, sanitize), article pages (extract) and finding a
site's feeds (discover). Each turns bytes from elsewhere into values, or a failure."""
