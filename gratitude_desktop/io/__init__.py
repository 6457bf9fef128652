"""Files in and out: address-book imports, exports and the JSON archive."""
