"""Evaluation of storylens components on labelled data sets."""
