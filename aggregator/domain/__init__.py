"""The decisions, pure: values in, values out; no database, no network, no clock.

schedule (when to poll next), decide (what a finished poll means for its feed),
identity (which of a feed's entries are new, edited or re-published), dedup,
copies and story_index (which story an entry belongs to), textsim (the text
fingerprints they compare)."""
