"""Writing to the terminal: text styles, the pieces of an output stream, and a model of the screen."""
