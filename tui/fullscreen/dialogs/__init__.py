"""Small questions asked over a screen: confirm, or type a path."""
