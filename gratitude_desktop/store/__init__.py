"""The journal's storage: Peewee models, opening and migrating, set-based queries."""
