"""Analysis stages: entities, quotes, attribution, claims and times on one article text."""
