"""Follow-through on the contact page: promises, referrals, purchases, lost, mistakes."""

from gratitude_desktop.ui.contacts.follow_through.panel import FollowThroughPanel

__all__ = ["FollowThroughPanel"]
