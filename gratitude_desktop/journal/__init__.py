"""The journal's rules, in plain Python over the store (no Qt here)."""
