"""The guide's widgets: each puts state in words and tells the app where the cursor belongs."""
