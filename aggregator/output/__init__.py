"""What readers get: merged feeds rendered as Atom, RSS and JSON Feed (render),
published to files and memory (publish), served over HTTP with /healthz and /metrics
(serve)."""
