"""The guide's screens. Each is built on GuideScreen: emergency line on top, keys at the bottom."""
