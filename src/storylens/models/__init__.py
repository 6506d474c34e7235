"""Models: the spaCy pipeline recipes and the sentence-embedding model, loaded once per process."""
