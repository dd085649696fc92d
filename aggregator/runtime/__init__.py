"""What runs: the workers that take their work from the database (poller: feeds;
extractor: article pages; deduplicator: stories; pruner: retention), the leased
runner and per-host slots they share (runner, workers), the loop that drives them
(drive), and the daemon with its jobs, metrics and logs."""
